"""A character and character-pair index for searches of one or two characters, on PostgreSQL only.

A trigram index (0009) has nothing to look up for 培训 or 水, so such a search read every project. Here each
project's ``upper(search_text)`` is cut into its characters and overlapping pairs (``jixiao_search_grams``)
and GIN-indexed as an array; a term of one or two characters is one element, found with ``@>``
(:func:`jixiao.web.targets.search.keyword`). The function is declared costly (it is, ~0.5 ms a project), so
the planner reads the index rather than testing rows one by one along another index. SQLite is left as it was.
"""

from django.db import migrations

from jixiao.web.targets.postgres_only import on_postgresql

CREATE = [
    """CREATE OR REPLACE FUNCTION jixiao_search_grams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
            SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
            UNION ALL SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
        ) AS grams
    $$""",
    "CREATE INDEX IF NOT EXISTS project_search_grams ON targets_project "
    "USING gin (jixiao_search_grams(upper(search_text)))",
]
DROP = ["DROP INDEX IF EXISTS project_search_grams", "DROP FUNCTION IF EXISTS jixiao_search_grams(text)"]


class Migration(migrations.Migration):
    dependencies = [("targets", "0009_trigram_search")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False)]
