"""结果应用: a project copied from last year carries its self-evaluation's lessons (text) and the 整改事项 still
open then (linked to the source's, not copied)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("selfeval", "0002_rectification"),
        ("targets", "0006_department_row_values"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="lessons",
            field=models.TextField(blank=True, editable=False, verbose_name="上年度绩效自评的经验教训"),
        ),
        migrations.AddField(
            model_name="project",
            name="carried_rectifications",
            field=models.ManyToManyField(
                blank=True,
                related_name="carried_to",
                to="selfeval.rectification",
                verbose_name="带入的整改事项",
            ),
        ),
    ]
