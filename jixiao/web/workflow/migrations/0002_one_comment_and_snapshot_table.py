"""One comment table and one round-snapshot table for every reviewed kind, step 1 of 3: the new columns
and table beside the old ones (0003 moves the rows, 0004 drops the old columns). Schema and data changes
are separate migrations so PostgreSQL never alters a table with row changes pending in the transaction."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

PROJECT = "project"


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("targets", "0004_project_form_fields"),
        ("workflow", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RoundSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=24, verbose_name="对象类型")),
                ("object_id", models.BigIntegerField(verbose_name="对象编号")),
                ("round", models.PositiveIntegerField(verbose_name="轮次")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "草稿"),
                            ("submitted", "一上"),
                            ("returned", "一下"),
                            ("resubmitted", "二上"),
                            ("approved", "二下"),
                            ("published", "已公开"),
                            ("adjusting", "调整中"),
                            ("adjust_submitted", "调整待审"),
                        ],
                        max_length=20,
                    ),
                ),
                ("snapshot", models.JSONField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "报送版本",
                "verbose_name_plural": "报送版本",
                "ordering": ["kind", "object_id", "round"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id", "round"), name="round_snapshot_round")
                ],
            },
        ),
        migrations.AddField(
            model_name="comment",
            name="kind",
            field=models.CharField(default=PROJECT, max_length=24, verbose_name="对象类型"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="comment",
            name="object_id",
            field=models.BigIntegerField(null=True, verbose_name="对象编号"),
        ),
        migrations.AddField(
            model_name="comment",
            name="item_id",
            field=models.BigIntegerField(blank=True, null=True, verbose_name="指标"),
        ),
        migrations.AlterField(
            model_name="comment",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        # Nullable first, so the way back can add the column to a table that has rows.
        migrations.AlterField(
            model_name="comment",
            name="project",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="comments",
                to="targets.project",
            ),
        ),
    ]
