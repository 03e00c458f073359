{#-
  (mart, column) pairs of the given marts' share columns: every column whose name ends in `_share`, plus
  share_of_quarter and product_balance_score, as documented in the models' YAML. A mart with no such column
  documented is a compile error, so an undocumented mart cannot slip through. Empty at parse time (no graph).
  Used by the singular test assert_adherence_shares_between_0_and_1.
-#}
{% macro documented_share_columns(marts) -%}
    {%- set checks = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'model' and node.package_name == project_name
                  and node.name in marts -%}
                {%- for column in node.columns.keys() | sort -%}
                    {%- if column.endswith('_share') or column in ['share_of_quarter', 'product_balance_score'] -%}
                        {%- do checks.append((node.name, column)) -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for mart in marts -%}
            {%- if checks | selectattr(0, 'equalto', mart) | list | length == 0 -%}
                {{ exceptions.raise_compiler_error(mart ~ ': no share columns documented, nothing to test') }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(checks) }}
{%- endmacro %}
