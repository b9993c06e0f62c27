"""``jixiao_search_grams`` rewritten to cost time in proportion to the text, on PostgreSQL only.

The function of 0010 cut the text with ``substr(t, i, 1)`` and ``substr(t, i, 2)`` for every position ``i``;
on UTF-8 text ``substr`` walks from the start, so a text of n characters cost n² steps: 0.22 ms for a
project's ~150 characters, 137 ms for a department target's ~5,000 (measured on this machine, docs/scale.md).
Here the characters come from one ``string_to_array`` and the overlapping pairs from two regular-expression
passes (pairs starting at odd and at even positions): 0.035 ms and 0.75 ms. The result holds the same set of
characters and pairs (as an array that may repeat an element, which GIN and ``@>`` ignore), so the index
built with the old function stays valid; tests/web/test_search_grams.py checks the two definitions agree.

Declared STRICT so that the planner does not inline it (its body is not strict): inlined, its cost is
counted as a few cheap operators, and at 1 M projects the capped count of a two-character search read the
table row by row computing it (~25 µs a project, ~50 µs a department target; 127 ms for 培训) instead of the
index (31 ms). COST 1000 is about that in the planner's units: with 500 the department search's count of 培训
still read 1,781 targets row by row (86 ms, against 17 ms from the index); with 1000 the planner reads the
index for counts and rare terms and walks the list's index for a common term's first page (EXPLAIN ANALYZE
in docs/scale.md).

A text holding the control character U+001F (used here as the cut mark) loses the pairs that include it,
which no one searches for.
"""

from django.db import migrations

from jixiao.web.targets.postgres_only import on_postgresql

FASTER = r"""CREATE OR REPLACE FUNCTION jixiao_search_grams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
        SELECT array_remove(
            string_to_array(t, NULL)
            || string_to_array(regexp_replace(t, '(..)', '\1' || chr(31), 'g'), chr(31))
            || string_to_array(regexp_replace(substr(t, 2), '(..)', '\1' || chr(31), 'g'), chr(31)),
            '')
    $$"""

QUADRATIC = """CREATE OR REPLACE FUNCTION jixiao_search_grams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
        SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
            SELECT substr(t, i, 1) AS g FROM generate_series(1, length(t)) AS i
            UNION ALL SELECT substr(t, i, 2) FROM generate_series(1, length(t) - 1) AS i
        ) AS grams
    $$"""


class Migration(migrations.Migration):
    dependencies = [("targets", "0013_indicator_partitions")]

    operations = [
        migrations.RunPython(on_postgresql([FASTER]), on_postgresql([QUADRATIC]), elidable=False),
    ]
