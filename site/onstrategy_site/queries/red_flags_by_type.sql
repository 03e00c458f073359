-- Reps per red flag in the as-of quarter (red_flags is a comma-joined list of flag names).
select trim(flag) as flag_name, count(*) as reps
from (select unnest(string_split(red_flags, ',')) as flag
      from marts.fct_strategy_adherence_by_rep
      where fiscal_quarter_index = $q and red_flag_count > 0)
where trim(flag) <> ''
group by 1
order by reps desc, flag_name
