"""What every thing reviewed in rounds shares: projects (项目), department targets (部门整体绩效目标), and what
comes next (monitoring records, self-evaluations).

:class:`Reviewable` holds the review state — state, whose turn, round, grade, version, archived — and the
place the policy judges by (region, year, department). A reviewed kind subclasses it, names its ``KIND``
and fills in the kind-specific parts: what a round's snapshot holds, what a submission needs, which rows
can be commented on. Review comments (:class:`Comment`) and round snapshots (:class:`RoundSnapshot`) refer
to the reviewed thing by (kind, id), so one table of each serves every kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from jixiao.web.organisations.models import Department, Region
from jixiao.web.workflow.states import Awaiting, Grade, State
from jixiao.web.workflow.transitions import TRANSITIONS


class ReviewableQuerySet(models.QuerySet):
    """Rows that know who may see them (NetBox's ``RestrictedQuerySet``)."""

    def visible_to(self, user: Any) -> ReviewableQuerySet:
        return self.restrict(user, "view")

    def restrict(self, user: Any, verb: str) -> ReviewableQuerySet:
        from jixiao.web import policy

        return policy.restrict(self, user, verb)  # type: ignore[return-value]


class Reviewable(models.Model):
    """A thing compiled, submitted and reviewed in rounds (二上二下); never deleted, archived instead.

    ``version`` counts saves and is checked on every save and move (stale-edit protection); ``round`` counts
    submissions and names the :class:`RoundSnapshot` kept of each.
    """

    KIND: ClassVar[str]  # the row of the policy table, and how comments and snapshots name the kind
    LABEL: ClassVar[str]  # 项目, 部门整体绩效目标 … in messages
    ITEMS: ClassVar[str]  # the related name of the rows a comment can be attached to
    FIRST_TURN: ClassVar[str] = Awaiting.DEPARTMENT  # who reviews a submission first
    GRADED: ClassVar[bool] = True  # whether finance's return and approval carry a grade (优 良 中 差)
    # A kind's own words for a review move, where they differ from the targets' (its buttons and history).
    TRANSITION_LABELS: ClassVar[Mapping[str, str]] = {}

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    year = models.PositiveIntegerField("预算年度")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, verbose_name="主管部门")
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    awaiting = models.CharField(
        "待审", max_length=12, choices=Awaiting.choices, default=Awaiting.NOBODY, blank=True
    )
    round = models.PositiveIntegerField("报送轮次", default=0)
    grade = models.CharField("审核等级", max_length=1, choices=Grade.choices, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    archived = models.BooleanField("已撤回归档", default=False)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def comments(self) -> models.QuerySet[Comment]:
        """The review comments on this thing and its rows, oldest first."""
        return Comment.objects.filter(kind=self.KIND, object_id=self.pk)

    @property
    def snapshots(self) -> models.QuerySet[RoundSnapshot]:
        """The snapshot of each submitted round, first round first."""
        return RoundSnapshot.objects.filter(kind=self.KIND, object_id=self.pk).order_by("round")

    def transition_label(self, verb: str) -> str:
        """The words of review move ``verb`` for this kind: its button, its line in the history."""
        return self.TRANSITION_LABELS.get(verb) or TRANSITIONS[verb].label

    @property
    def stage(self) -> str:
        """Where the thing stands, in the words of its cycle (the targets' 草稿, 一上, 一下 …)."""
        return str(State(self.state).label)

    def comments_by_item(self) -> tuple[list[Comment], dict[int, list[Comment]]]:
        """The live comments on the thing as a whole, and those on each row keyed by the row's id."""
        whole: list[Comment] = []
        by_item: dict[int, list[Comment]] = {}
        for c in self.comments.filter(archived=False).select_related("author"):
            if c.item_id is None:
                whole.append(c)
            else:
                by_item.setdefault(c.item_id, []).append(c)
        return whole, by_item

    def live_items(self) -> models.QuerySet[Any]:
        """The rows (indicators …) comments can be attached to: not archived."""
        return getattr(self, self.ITEMS).filter(archived=False)  # type: ignore[no-any-return]

    @property
    def audit_project(self) -> Any:
        """The project an audit row of this thing is filed under (the project history), if any."""
        return None

    def history(self) -> models.QuerySet[Any]:
        """The successful audit rows of this thing, newest first."""
        from jixiao.web.audit.models import AuditEvent

        rows = AuditEvent.objects.filter(target_type=type(self).__name__, target_id=self.pk, ok=True)
        return rows.select_related("actor").order_by("-at", "-id")

    def snapshot(self) -> dict[str, Any]:
        """The thing as plain data, as reviewers compare it between rounds and the audit log keeps it."""
        raise NotImplementedError

    def submit_problem(self) -> str | None:
        """Why this cannot be submitted as it is (完整性 at the door), or ``None``."""
        raise NotImplementedError

    @staticmethod
    def unfilled(required: dict[str, bool]) -> str | None:
        """The refusal naming what is still to be filled in of ``required`` (label → filled), if anything."""
        missing = [label for label, filled in required.items() if not filled]
        return f"不能报送：请先填写{'、'.join(missing)}。" if missing else None

    @staticmethod
    def diff(old: dict[str, Any], new: dict[str, Any]) -> Any:
        """What changed between two :meth:`snapshot` dicts (a :class:`jixiao.web.targets.diff.Diff`)."""
        raise NotImplementedError


class Comment(models.Model):
    """A review opinion (审核意见) on a reviewed thing as a whole or on one of its rows, kept per round."""

    kind = models.CharField("对象类型", max_length=24)
    object_id = models.BigIntegerField("对象编号")
    item_id = models.BigIntegerField("指标", null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="意见人")
    author_role = models.CharField("角色", max_length=32, blank=True)
    round = models.PositiveIntegerField("轮次")
    text = models.TextField("意见")
    created_at = models.DateTimeField(default=timezone.now)
    archived = models.BooleanField("已撤回", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "审核意见"
        ordering = ["kind", "object_id", "created_at", "id"]
        indexes = [models.Index(fields=["kind", "object_id"], name="comment_object")]

    def __str__(self) -> str:
        return self.text[:40]


class RoundSnapshot(models.Model):
    """A reviewed thing as it was submitted in a round, kept so reviewers see what changed between rounds."""

    kind = models.CharField("对象类型", max_length=24)
    object_id = models.BigIntegerField("对象编号")
    round = models.PositiveIntegerField("轮次")
    state = models.CharField(max_length=20, choices=State.choices)
    snapshot = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报送版本"
        ordering = ["kind", "object_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "round"], name="round_snapshot_round")
        ]


from jixiao.web.workflow.deadlines import Deadline  # noqa: E402  (the app's models are found in this module)

__all__ = ["Comment", "Deadline", "Reviewable", "ReviewableQuerySet", "RoundSnapshot"]
