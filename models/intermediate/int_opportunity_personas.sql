{#- An opportunity's persona: that of its primary contact role, else of its earliest-created role (ties: role Id),
    else Unknown. -#}
with roles as (
    select
        roles.opportunity_id,
        roles.opportunity_contact_role_id,
        roles.is_primary,
        roles.created_at,
        coalesce(personas.persona, 'Unknown') as persona
    from {{ ref('stg_salesforce__opportunity_contact_roles') }} as roles
    left join {{ ref('int_contact_personas') }} as personas on personas.contact_id = roles.contact_id
),

ranked_roles as (
    select
        *,
        row_number() over (
            partition by opportunity_id
            order by case when is_primary then 0 else 1 end, created_at nulls last, opportunity_contact_role_id
        ) as role_rank
    from roles
)

select
    opportunities.opportunity_id,
    coalesce(ranked_roles.persona, 'Unknown') as persona
from {{ ref('stg_salesforce__opportunities') }} as opportunities
left join ranked_roles
    on ranked_roles.opportunity_id = opportunities.opportunity_id
    and ranked_roles.role_rank = 1
