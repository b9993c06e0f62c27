"""Analytics beyond one machine (issue 18 §5): a Parquet export of targets, actuals, findings and library
clusters (:mod:`~jixiao.analytics.export`, schema in ``docs/parquet-schema.md``) and named analyses defined once
in SQL (:mod:`~jixiao.analytics.queries`) run on DuckDB or Spark (:mod:`~jixiao.analytics.engines`).

pyarrow, DuckDB and PySpark are the optional extra ``analytics``; nothing here is imported by the web system.
"""
