"""Each indicator carries its project's budget year (``Indicator.year``), filled here for the rows there are.

The year is the partition key of ``targets_indicator`` on PostgreSQL (0013); writers fill it through
:class:`jixiao.web.targets.models.ProjectYearField`. The column is made NOT NULL in 0012, a migration of its
own: on PostgreSQL a table cannot be altered in the transaction that just updated its rows while their
deferred foreign-key checks are pending.
"""

from django.db import migrations, models

FILL = (
    "UPDATE targets_indicator SET year = "
    "(SELECT p.year FROM targets_project p WHERE p.id = targets_indicator.project_id) WHERE year IS NULL"
)


class Migration(migrations.Migration):
    dependencies = [("targets", "0010_short_term_search")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="year",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="预算年度"),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop, elidable=False),
    ]
