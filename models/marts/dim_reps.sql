select rep_id, rep_name, team, role_id, manager_id, manager_name, is_active
from {{ ref('int_reps') }}
