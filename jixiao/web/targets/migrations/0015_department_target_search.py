"""Each department target carries the words of its live rows in ``search_text``, with the project search's
indexes on PostgreSQL (trigram, and characters and pairs for one- and two-character terms).

The portal's department search used to test five columns of every department row, joined to its target:
at 1 M projects that read 3.4 M rows (12 s a search; docs/scale.md, "At 1 M projects"). The column is
filled here for the targets there are, from their live rows in table order, as every writer now fills it
(:func:`jixiao.web.targets.search.department_search_text`).
"""

from itertools import groupby
from types import SimpleNamespace
from typing import Any

from django.db import migrations, models

from jixiao.web.targets.postgres_only import on_postgresql
from jixiao.web.targets.search import DEPARTMENT_ROW_SEARCHED, department_search_text

BATCH = 2000

CREATE = [
    "CREATE INDEX IF NOT EXISTS department_target_search_trgm ON targets_departmenttarget "
    "USING gin (upper(search_text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS department_target_search_grams ON targets_departmenttarget "
    "USING gin (jixiao_search_grams(upper(search_text)))",
]
DROP = [
    "DROP INDEX IF EXISTS department_target_search_trgm",
    "DROP INDEX IF EXISTS department_target_search_grams",
]


def fill(apps: Any, schema_editor: Any) -> None:
    target_model = apps.get_model("targets", "DepartmentTarget")
    rows = (
        apps.get_model("targets", "DepartmentTargetRow")
        .objects.using(schema_editor.connection.alias)
        .filter(archived=False)
        # strategic before annual ("-table"), as the writers list them
        .order_by("target_id", "-table", "position", "id")
        .values_list("target_id", *DEPARTMENT_ROW_SEARCHED)
    )
    pending = []
    for target_id, group in groupby(rows.iterator(chunk_size=10_000), key=lambda r: r[0]):
        words = [SimpleNamespace(**dict(zip(DEPARTMENT_ROW_SEARCHED, r[1:], strict=True))) for r in group]
        pending.append(target_model(pk=target_id, search_text=department_search_text(words)))
        if len(pending) == BATCH:
            target_model.objects.using(schema_editor.connection.alias).bulk_update(pending, ["search_text"])
            pending = []
    target_model.objects.using(schema_editor.connection.alias).bulk_update(pending, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("targets", "0014_faster_search_grams")]

    operations = [
        migrations.AddField(
            model_name="departmenttarget",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
            preserve_default=False,
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP), elidable=False),
    ]
