{#- marts.as_of holds exactly one row: the quarterly marts cross join it, so two rows would double them and none
    would empty them. -#}
select count(*) as as_of_rows
from {{ ref('as_of') }}
having count(*) <> 1
