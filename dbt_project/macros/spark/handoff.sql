{#-
  The Parquet handoff between the DuckDB work warehouse and Spark (docs/scale-out.md). Both hooks do nothing on
  any other engine.

  on-run-start: every dbt source (raw_salesforce.*, raw_stripe.*, audit.ingested_files, strategy.*) was exported by
  the runner to `$ONSTRATEGY_SPARK_LANDING/<schema>/<table>/` as Parquet; each is registered as an external table
  under its source schema, so the models read `source(...)` unchanged.

  on-run-end: the tables the published warehouse and the site need (the `spark_export_schemas` var) are written to
  `$ONSTRATEGY_SPARK_EXPORT/<schema>/<table>/` as Parquet, for the runner to load back into DuckDB.
-#}

{% macro spark_register_sources() -%}
    {%- if execute and target.type == 'spark' -%}
        {%- set root = env_var('ONSTRATEGY_SPARK_LANDING') | trim -%}
        {%- set schemas = [] -%}
        {%- for node in graph.sources.values() -%}
            {%- if node.schema not in schemas -%}
                {%- do schemas.append(node.schema) -%}
                {%- do run_query('create database if not exists ' ~ node.schema) -%}
            {%- endif -%}
            {%- set relation = node.schema ~ '.' ~ node.name -%}
            {%- do run_query('drop table if exists ' ~ relation) -%}
            {%- do run_query("create table " ~ relation ~ " using parquet location '"
                             ~ root ~ "/" ~ node.schema ~ "/" ~ node.name ~ "'") -%}
        {%- endfor -%}
        {{ log('registered ' ~ graph.sources | length ~ ' source tables from ' ~ root, info=true) }}
    {%- endif -%}

{%- endmacro %}

{% macro spark_export_results(results) -%}
    {%- if execute and target.type == 'spark' -%}
        {%- set root = env_var('ONSTRATEGY_SPARK_EXPORT') | trim -%}
        {%- set schemas = var('spark_export_schemas') -%}
        {%- for result in results -%}
            {%- set node = result.node -%}
            {%- if node.resource_type == 'model' and result.status == 'success' and node.schema in schemas
                   and node.config.materialized in ('table', 'view', 'incremental') -%}
                {%- do run_query("insert overwrite directory '" ~ root ~ "/" ~ node.schema ~ "/" ~ node.alias
                                 ~ "' using parquet select * from " ~ node.schema ~ "." ~ node.alias) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}

{%- endmacro %}
