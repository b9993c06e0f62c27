"""Database triggers refusing UPDATE and DELETE of audit rows (jixiao.web.audit.guard), per vendor."""

from django.db import migrations

from jixiao.web.audit.guard import INSTALL, REMOVE


def run(statements: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(run(INSTALL), run(REMOVE), elidable=False)]
