"""dbt: the project and its manifest (project), which build a run needs (incremental), the Spark hand-off (spark)."""
