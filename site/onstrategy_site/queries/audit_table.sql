-- The first rows of one audit table, shown as they are on the data-quality page (table name from
-- information_schema, quoted with the `ident` filter).
select *
from audit.{{ table | ident }}
limit 500
