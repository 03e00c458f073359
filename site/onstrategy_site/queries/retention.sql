-- Retention by quarter and ICP status (all columns of the mart), oldest first.
select * from marts.fct_retention_by_icp order by fiscal_quarter_index, is_icp desc
