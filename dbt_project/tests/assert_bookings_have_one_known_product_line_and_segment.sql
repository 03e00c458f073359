{#-
  SPEC: every booking line is in exactly one product line and one segment (fct_bookings is one row per booking
  line, tested unique), and they are real ones: a product line of the strategy version in force on the close date
  or `Unmapped`, a segment of that version or `Unsegmented`. Fails with one row per booking line that is not.
-#}
with bookings as (
    select booking_line_id, version_id, product_line, segment
    from {{ ref('fct_bookings') }}
),

version_product_lines as (
    select distinct version_id, product_line from {{ ref('stg_strategy__product_lines') }}
),

version_segments as (
    select distinct version_id, segment_name from {{ ref('stg_strategy__segments') }}
)

select
    bookings.booking_line_id,
    bookings.version_id,
    bookings.product_line,
    bookings.segment
from bookings
left join version_product_lines
    on version_product_lines.version_id = bookings.version_id
    and version_product_lines.product_line = bookings.product_line
left join version_segments
    on version_segments.version_id = bookings.version_id
    and version_segments.segment_name = bookings.segment
where bookings.product_line is null
    or bookings.segment is null
    or (version_product_lines.product_line is null and bookings.product_line <> 'Unmapped')
    or (version_segments.segment_name is null and bookings.segment <> 'Unsegmented')
