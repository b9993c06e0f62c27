"""One comment table and one round-snapshot table, step 2 of 3: the rows move.

Forward: project comments stay where they are (same ids) and name their project and indicator by
(kind, object_id, item_id); department comments are copied in; each ProjectVersion and each department
snapshot kept inside a submit audit row becomes a RoundSnapshot (the audit rows themselves are left as
they were). Backward puts everything back where the previous schema kept it.
"""

from django.db import migrations, models

PROJECT = "project"
DEPARTMENT_TARGET = "department_target"


def forward(apps, schema_editor):
    Comment = apps.get_model("workflow", "Comment")
    DepartmentComment = apps.get_model("targets", "DepartmentComment")
    RoundSnapshot = apps.get_model("workflow", "RoundSnapshot")
    ProjectVersion = apps.get_model("targets", "ProjectVersion")
    AuditEvent = apps.get_model("audit", "AuditEvent")

    Comment.objects.update(kind=PROJECT, object_id=models.F("project_id"), item_id=models.F("indicator_id"))
    Comment.objects.bulk_create(
        [
            Comment(
                kind=DEPARTMENT_TARGET,
                object_id=c.target_id,
                item_id=c.row_id,
                author_id=c.author_id,
                author_role=c.author_role,
                round=c.round,
                text=c.text,
                created_at=c.created_at,
                archived=c.archived,
            )
            for c in DepartmentComment.objects.order_by("id").iterator()
        ],
        batch_size=1000,
    )
    RoundSnapshot.objects.bulk_create(
        [
            RoundSnapshot(
                kind=PROJECT,
                object_id=v.project_id,
                round=v.round,
                state=v.state,
                snapshot=v.snapshot,
                created_at=v.created_at,
                created_by_id=v.created_by_id,
            )
            for v in ProjectVersion.objects.order_by("id").iterator()
        ],
        batch_size=500,
    )
    submits = AuditEvent.objects.filter(target_type="DepartmentTarget", verb="submit", ok=True).order_by("id")
    by_round = {}
    for event in submits.iterator():
        detail = event.detail or {}
        if detail.get("snapshot") and detail.get("round"):
            by_round[(event.target_id, detail["round"])] = event  # a later row of a round wins
    RoundSnapshot.objects.bulk_create(
        [
            RoundSnapshot(
                kind=DEPARTMENT_TARGET,
                object_id=target_id,
                round=round_,
                state=event.detail.get("to") or "submitted",
                snapshot=event.detail["snapshot"],
                created_at=event.at,
                created_by_id=event.actor_id,
            )
            for (target_id, round_), event in by_round.items()
        ],
        batch_size=500,
    )


def backward(apps, schema_editor):
    Comment = apps.get_model("workflow", "Comment")
    DepartmentComment = apps.get_model("targets", "DepartmentComment")
    RoundSnapshot = apps.get_model("workflow", "RoundSnapshot")
    ProjectVersion = apps.get_model("targets", "ProjectVersion")
    AuditEvent = apps.get_model("audit", "AuditEvent")

    Comment.objects.filter(kind=PROJECT).update(
        project_id=models.F("object_id"), indicator_id=models.F("item_id")
    )
    departments = Comment.objects.filter(kind=DEPARTMENT_TARGET).order_by("id")
    for c in departments.iterator():
        old = DepartmentComment.objects.create(
            target_id=c.object_id,
            row_id=c.item_id,
            author_id=c.author_id,
            author_role=c.author_role,
            round=c.round,
            text=c.text,
            archived=c.archived,
        )
        # created_at is auto_now_add in the previous schema: put the kept time back
        DepartmentComment.objects.filter(pk=old.pk).update(created_at=c.created_at)
    departments.delete()
    for s in RoundSnapshot.objects.filter(kind=PROJECT).order_by("id").iterator():
        version = ProjectVersion.objects.create(
            project_id=s.object_id, round=s.round, state=s.state, snapshot=s.snapshot, created_by_id=s.created_by_id
        )
        ProjectVersion.objects.filter(pk=version.pk).update(created_at=s.created_at)
    for s in RoundSnapshot.objects.filter(kind=DEPARTMENT_TARGET).iterator():
        events = AuditEvent.objects.filter(
            target_type="DepartmentTarget", target_id=s.object_id, verb="submit", ok=True, detail__round=s.round
        ).order_by("-id")
        event = events.first()
        if event is not None and not (event.detail or {}).get("snapshot"):
            event.detail = {**event.detail, "snapshot": s.snapshot}
            event.save(update_fields=["detail"])
    RoundSnapshot.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0002_one_comment_and_snapshot_table")]

    operations = [migrations.RunPython(forward, backward)]
