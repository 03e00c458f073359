{#-
  The marts' persist_docs (dbt_project.yml) is for the DuckDB warehouse, which SQL clients read. A Spark build writes
  its tables to Parquet files and back into DuckDB (onstrategy.transform.spark), where a Spark table comment does
  not travel; dbt-spark's comment clause would splice every description into each `create table` with only quotes
  escaped, so it is left out. Found first by `dispatch` (dbt_project.yml).
-#}
{% macro spark__comment_clause() %}{% endmacro %}
