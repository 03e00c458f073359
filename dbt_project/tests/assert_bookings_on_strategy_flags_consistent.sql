{#-
  SPEC, per booking line: is_on_strategy = is_icp and the product line is not deprioritized;
  off_strategy_reason = the sorted, comma-joined subset of non_icp_account, deprioritized_product, NULL when on
  strategy; a target account is always ICP. Fails with one row per inconsistent booking line.
-#}
with bookings as (
    select
        booking_line_id,
        is_icp,
        is_target_account,
        is_deprioritized_product,
        is_on_strategy,
        off_strategy_reason,
        case
            when not is_icp and is_deprioritized_product then 'deprioritized_product,non_icp_account'
            when not is_icp then 'non_icp_account'
            when is_deprioritized_product then 'deprioritized_product'
        end as expected_reason
    from {{ ref('fct_bookings') }}
)

select *
from bookings
where is_on_strategy <> (is_icp and not is_deprioritized_product)
    or coalesce(off_strategy_reason, '-') <> coalesce(expected_reason, '-')
    or (is_target_account and not is_icp)
