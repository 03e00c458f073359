{#- The value of the objective metric that `metric_column` names, read from the metric columns of `relation`
    (an adherence mart's row): the unpivot of the registry's objective metrics for one row. -#}
{% macro objective_metric_value(metric_column, relation) -%}
    case {{ metric_column }}
        {%- for metric in onstrategy.objective_metrics() %}
        when '{{ metric }}' then {{ relation }}.{{ metric }}
        {%- endfor %}
    end
{%- endmacro %}
