"""``Indicator.year`` is never empty once 0011 filled it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("targets", "0011_indicator_year")]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="year",
            field=models.PositiveIntegerField(editable=False, verbose_name="预算年度"),
        ),
    ]
