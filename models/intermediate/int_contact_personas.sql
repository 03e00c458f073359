{#- Each contact's persona: the lowest-priority title rule that matches (case-insensitive), else Unknown. -#}
with contacts as (
    select contact_id, title from {{ ref('stg_salesforce__contacts') }}
),

rules as (
    select priority, title_pattern, persona from {{ ref('persona_title_rules') }}
),

matching_rules as (
    select
        contacts.contact_id,
        rules.persona,
        row_number() over (partition by contacts.contact_id order by rules.priority) as match_rank
    from contacts
    inner join rules on {{ onstrategy.regex_matches_ci('contacts.title', 'rules.title_pattern') }}
    where contacts.title is not null
)

select
    contacts.contact_id,
    coalesce(matching_rules.persona, 'Unknown') as persona
from contacts
left join matching_rules
    on matching_rules.contact_id = contacts.contact_id
    and matching_rules.match_rank = 1
