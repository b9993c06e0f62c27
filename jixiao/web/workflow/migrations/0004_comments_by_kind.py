"""One comment table and one round-snapshot table, step 3 of 3: every comment names what it is on by
(kind, object_id, item_id); the per-kind foreign keys go."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workflow", "0003_move_comments_and_snapshots")]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="object_id",
            field=models.BigIntegerField(verbose_name="对象编号"),
        ),
        migrations.RemoveField(model_name="comment", name="indicator"),
        migrations.RemoveField(model_name="comment", name="project"),
        migrations.AlterModelOptions(
            name="comment",
            options={
                "ordering": ["kind", "object_id", "created_at", "id"],
                "verbose_name": "审核意见",
                "verbose_name_plural": "审核意见",
            },
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["kind", "object_id"], name="comment_object"),
        ),
    ]
