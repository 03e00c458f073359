-- Retention by quarter and ICP flag (all columns of the mart).
select * from marts.fct_retention_by_icp order by fiscal_quarter_index, is_icp desc
