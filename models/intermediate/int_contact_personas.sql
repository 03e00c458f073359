{#- Each contact's persona: the lowest-priority title rule that matches (case-insensitive), else Unknown.
    Rules are matched against the distinct titles only (a few hundred, whatever the number of contacts): a regex
    whose pattern comes from a column is compiled per row pair, so matching every contact costs contacts x rules
    compilations. -#}
with contacts as (
    select contact_id, title from {{ ref('stg_salesforce__contacts') }}
),

distinct_titles as (
    select distinct title
    from contacts
    where title is not null
),

rules as (
    select priority, title_pattern, persona from {{ ref('persona_title_rules') }}
),

title_matches as (
    select
        distinct_titles.title,
        rules.persona,
        row_number() over (partition by distinct_titles.title order by rules.priority) as match_rank
    from distinct_titles
    inner join rules on {{ onstrategy.regex_matches_ci('distinct_titles.title', 'rules.title_pattern') }}
),

title_personas as (
    select title, persona
    from title_matches
    where match_rank = 1
)

select
    contacts.contact_id,
    coalesce(title_personas.persona, 'Unknown') as persona
from contacts
left join title_personas on title_personas.title = contacts.title
