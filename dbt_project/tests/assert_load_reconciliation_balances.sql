{#- SPEC: for every input file, rows read = loaded + quarantined + superseded + deleted. A failing row names the
    file whose records went missing (or were counted twice) between the landing zone and staging. Blocking: the
    run fails and nothing is published. -#}
select *
from {{ ref('audit_load_reconciliation') }}
where rows_unaccounted <> 0
