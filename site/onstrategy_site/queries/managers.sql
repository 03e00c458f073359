-- Every manager with a roll-up in fct_strategy_adherence_by_manager (SPEC "Organisation"): the name and team of
-- the roll-up's latest quarter, the manager they report to (NULL at the top or outside dim_reps), the sellers
-- under them at every level (dim_reps.manager_chain names every manager above a user) and their depth in the
-- organisation (0 at the top). The top of the organisation first, then by name.
with rolled_up as (
    select manager_id,
           arg_max(manager_name, fiscal_quarter_index) as manager_name,
           arg_max(team, fiscal_quarter_index) as team
    from marts.fct_strategy_adherence_by_manager
    group by manager_id
),

sellers_under as (
    select chain.manager_id, count(*) as sellers
    from (select unnest(string_split(manager_chain, ',')) as manager_id
          from marts.dim_reps
          where is_seller and manager_chain is not null) as chain
    group by chain.manager_id
)

select rolled_up.manager_id, rolled_up.manager_name, rolled_up.team,
       users.manager_id as reports_to_id,
       coalesce(boss.rep_name, users.manager_name) as reports_to_name,
       coalesce(sellers_under.sellers, 0) as sellers,
       case when users.manager_chain is null then 0
            else len(string_split(users.manager_chain, ',')) end as depth
from rolled_up
left join marts.dim_reps as users on users.rep_id = rolled_up.manager_id
left join marts.dim_reps as boss on boss.rep_id = users.manager_id
left join sellers_under on sellers_under.manager_id = rolled_up.manager_id
order by depth, rolled_up.manager_name, rolled_up.manager_id
