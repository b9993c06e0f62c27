"""Database triggers refusing UPDATE and DELETE of audit rows (jixiao.web.audit.guard), per vendor."""

from django.db import migrations

from jixiao.web.audit.guard import INSTALL, REMOVE


def run(statements: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    # After the data migrations that rewrite audit rows (workflow 0003 puts a snapshot back into a submit row
    # when migrating back), so that going back past them first lifts the triggers.
    dependencies = [("audit", "0001_initial"), ("workflow", "0003_move_comments_and_snapshots")]

    operations = [migrations.RunPython(run(INSTALL), run(REMOVE), elidable=False)]
