"""Department rows keep their 指标值 as understood, like project indicators (value_kind, op, number, upper,
unit), and rows and targets the source line they were read from; existing rows are read by the value grammar."""

from django.db import migrations, models

from jixiao.domain import parse_target_value

COLUMNS = ["value_kind", "value_op", "value_number", "value_upper", "value_unit"]


def understand_values(apps, schema_editor):
    Row = apps.get_model("targets", "DepartmentTargetRow")
    batch = []
    for row in Row.objects.only("id", "value_raw").order_by("id").iterator():
        value = parse_target_value(row.value_raw)
        row.value_kind = value.kind.value
        row.value_op = value.op.value if value.op else ""
        row.value_number = value.number
        row.value_upper = value.upper
        row.value_unit = value.unit or ""
        batch.append(row)
        if len(batch) == 1000:
            Row.objects.bulk_update(batch, COLUMNS)
            batch = []
    Row.objects.bulk_update(batch, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("targets", "0005_reviewable_targets")]

    operations = [
        migrations.AddField(
            model_name="departmenttarget",
            name="source_line",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="source_line",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="value_kind",
            field=models.CharField(default="text", max_length=12),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="value_number",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="value_op",
            field=models.CharField(blank=True, default="", max_length=2),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="value_unit",
            field=models.CharField(blank=True, default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="departmenttargetrow",
            name="value_upper",
            field=models.FloatField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="indicator",
            name="value_raw",
            field=models.CharField(blank=True, max_length=200, verbose_name="指标值"),
        ),
        migrations.RunPython(understand_values, migrations.RunPython.noop),
    ]
