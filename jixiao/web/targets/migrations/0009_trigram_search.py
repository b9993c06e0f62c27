"""Trigram (pg_trgm) GIN index on the projects' search column, on PostgreSQL only (issue 18 §3).

``search_text`` holds a project's name, code and indicator names, and the portal's and API's keyword search
is Django's ``icontains``, which PostgreSQL receives as ``UPPER(search_text) LIKE UPPER('%词%')``: the index
is on that same expression, so a term of three characters or more is answered from the index instead of
reading every project (shorter terms have no trigram to look up; see docs/scale.md). SQLite has no such index and is left as it was. pg_trgm is a
trusted extension (PostgreSQL 13+): the database owner may create it; Debian's server package ships it.
"""

from django.db import migrations

from jixiao.web.targets.postgres_only import on_postgresql

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS project_search_trgm ON targets_project USING gin (upper(search_text) gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS project_search_trgm"]  # the extension stays: others may use it


class Migration(migrations.Migration):
    dependencies = [("targets", "0008_department_target_lessons")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]
