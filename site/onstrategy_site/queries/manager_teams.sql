-- The teams of the sellers under each manager, at every level (dim_reps.manager_chain names every manager above a
-- user): whose alignment plans a manager's page summarises.
select distinct chain.manager_id, chain.team
from (select unnest(string_split(manager_chain, ',')) as manager_id, team
      from marts.dim_reps
      where is_seller and manager_chain is not null and team is not null) as chain
order by chain.manager_id, chain.team
