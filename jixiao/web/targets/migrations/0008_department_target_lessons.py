"""结果应用 for department targets too: a department target copied from last year carries its department-wide
self-evaluation's lessons (text) and the 整改事项 still open then (linked to the source's, not copied)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selfeval", "0002_rectification"),
        ("targets", "0007_project_lessons"),
    ]

    operations = [
        migrations.AddField(
            model_name="departmenttarget",
            name="lessons",
            field=models.TextField(blank=True, editable=False, verbose_name="上年度绩效自评的经验教训"),
        ),
        migrations.AddField(
            model_name="departmenttarget",
            name="carried_rectifications",
            field=models.ManyToManyField(
                blank=True,
                related_name="carried_to_departments",
                to="selfeval.rectification",
                verbose_name="带入的整改事项",
            ),
        ),
    ]
