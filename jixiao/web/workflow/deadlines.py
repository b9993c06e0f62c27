"""Deadlines per round (报送截止日期): the date by which a region's targets of a year must have passed a stage.

The finance admin sets one per (region, year, kind, round); each round names the things still waiting at
that stage (drafts not yet submitted, submissions awaiting the department, returned ones not resubmitted,
submissions awaiting finance) and the review move that clears them, so who has work due is read from
:mod:`jixiao.web.policy`, never decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q

from jixiao.web.organisations.models import Region
from jixiao.web.workflow.states import Awaiting, State


class DeadlineKind(models.TextChoices):
    PROJECT = "project", "项目支出绩效目标"
    DEPARTMENT_TARGET = "department_target", "部门整体绩效目标"


class DeadlineRound(models.TextChoices):
    SUBMIT = "submit", "一上：报送审核"
    DEPARTMENT_REVIEW = "dept_review", "主管部门审核"
    RESUBMIT = "resubmit", "二上：修改后重新报送"
    FINANCE_REVIEW = "finance_review", "二下：财政审核批复"


@dataclass(frozen=True, slots=True)
class Stage:
    """What a round waits for: the things still at it, and the move that clears one."""

    waiting: Q
    verb: str


STAGES: dict[str, Stage] = {
    DeadlineRound.SUBMIT: Stage(Q(state=State.DRAFT), "submit"),
    DeadlineRound.DEPARTMENT_REVIEW: Stage(Q(awaiting=Awaiting.DEPARTMENT), "dept_pass"),
    DeadlineRound.RESUBMIT: Stage(Q(state=State.RETURNED), "submit"),
    DeadlineRound.FINANCE_REVIEW: Stage(Q(awaiting=Awaiting.FINANCE), "approve"),
}


class Deadline(models.Model):
    """The due date of one round of one kind of targets, in a region's budget year."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    year = models.PositiveIntegerField("预算年度")
    kind = models.CharField("类型", max_length=24, choices=DeadlineKind.choices)
    round = models.CharField("环节", max_length=16, choices=DeadlineRound.choices)
    due_date = models.DateField("截止日期")
    note = models.CharField("说明", max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="设置人")
    updated_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "截止日期"
        ordering = ["region", "year", "due_date", "kind", "round"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "kind", "round"], name="deadline_round"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.get_kind_display()}·{self.get_round_display()}：{self.due_date:%Y-%m-%d}"

    @property
    def stage(self) -> Stage:
        return STAGES[self.round]
