"""Projects and department targets share the reviewable core: department targets get ``awaiting`` (whose
turn it is, finance's for one under review), and the per-kind comment and version tables, whose rows
workflow 0003 moved into the shared ones, are dropped."""

from django.db import migrations, models

UNDER_REVIEW = ["submitted", "resubmitted", "adjust_submitted"]


def finance_reviews_what_is_submitted(apps, schema_editor):
    DepartmentTarget = apps.get_model("targets", "DepartmentTarget")
    DepartmentTarget.objects.filter(state__in=UNDER_REVIEW).update(awaiting="finance")


class Migration(migrations.Migration):
    dependencies = [
        ("targets", "0004_project_form_fields"),
        ("workflow", "0003_move_comments_and_snapshots"),
    ]

    operations = [
        migrations.AddField(
            model_name="departmenttarget",
            name="awaiting",
            field=models.CharField(
                blank=True,
                choices=[("", "—"), ("department", "待主管部门审核"), ("finance", "待财政审核")],
                default="",
                max_length=12,
                verbose_name="待审",
            ),
        ),
        migrations.AlterField(
            model_name="departmenttarget",
            name="archived",
            field=models.BooleanField(default=False, verbose_name="已撤回归档"),
        ),
        migrations.DeleteModel(name="DepartmentComment"),
        migrations.DeleteModel(name="ProjectVersion"),
        migrations.RunPython(finance_reviews_what_is_submitted, migrations.RunPython.noop),
    ]
