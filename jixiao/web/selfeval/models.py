"""Stored self-evaluation (绩效自评): a round per region and year, and one 自评表 per project or department
target in it — the month-12 record of the same actuals monitoring collects, scored.

:class:`SelfEvaluation` shares monitoring's actuals (:class:`~jixiao.web.monitoring.models.ActualsRecord`:
funds block, 总体目标完成情况; :class:`~jixiao.web.monitoring.models.ActualsIndicator`: 实际完成值, 完成情况,
偏差原因, 改进措施) and its review (:class:`~jixiao.web.workflow.models.Reviewable`). On every save the pure
core (:func:`jixiao.evaluate.selfeval.evaluate_record`) computes each indicator's 分值 and 得分, the budget
score, the total, the grade and the red and yellow warnings, kept on the rows so the results page counts them
in SQL. Finance may adjust an indicator's 得分 in review (复核), with a reason; the total and grade then count
the adjusted score.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jixiao.web.monitoring.models import ActualsIndicator, ActualsRecord, ReportingRound
from jixiao.web.targets.diff import Diff, diff_fields, diff_rows
from jixiao.web.workflow.states import Grade


class SelfEvalRound(ReportingRound):
    """一次绩效自评: a region's approved projects and department targets of a year, at the year end."""

    KIND = "selfeval_round"
    month = 12  # the actuals are as of the year end

    class Meta:
        verbose_name = verbose_name_plural = "绩效自评批次"
        ordering = ["-year", "region__name"]
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="selfeval_round_once")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}年度绩效自评"

    @property
    def time_progress(self) -> float:
        return 100.0


class SelfEvaluation(ActualsRecord):
    """项目支出（部门整体支出）绩效自评表 of one project or department target."""

    KIND, LABEL, ITEMS = "selfeval", "绩效自评表", "indicators"
    GRADED = False  # the grade comes from the score; finance returns or approves without picking one

    selfeval_round = models.ForeignKey(
        SelfEvalRound, on_delete=models.PROTECT, related_name="records", verbose_name="自评批次"
    )
    # What the core last computed (recomputed on every save and adjustment).
    indicator_score = models.FloatField("指标得分", null=True, blank=True)
    budget_score = models.FloatField("预算执行率得分", null=True, blank=True)
    unit_total = models.FloatField("单位自评总分", null=True, blank=True)
    total = models.FloatField("总分", null=True, blank=True)
    result = models.CharField("自评等级", max_length=1, choices=Grade.choices, blank=True)
    consequence = models.CharField("结果应用", max_length=200, blank=True)
    red = models.BooleanField("红色预警", default=False)
    yellow = models.BooleanField("黄色预警", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "绩效自评表"
        ordering = ["selfeval_round", "department__name", "name", "id"]
        indexes = [
            models.Index(fields=["selfeval_round", "result"], name="selfeval_result"),
            models.Index(fields=["selfeval_round", "state"], name="selfeval_state"),
            models.Index(fields=["unit", "state"], name="selfeval_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.selfeval_round}）"

    @property
    def adjusted_total(self) -> bool:
        """Whether finance's adjustments changed the unit's total."""
        return self.total is not None and self.unit_total is not None and self.total != self.unit_total

    def snapshot(self) -> dict[str, Any]:
        from jixiao.web.selfeval.convert import selfeval_snapshot

        return selfeval_snapshot(self)

    def submit_problem(self) -> str | None:
        from jixiao.web.selfeval.convert import submit_problem

        return submit_problem(self)

    @staticmethod
    def diff(old: dict[str, Any], new: dict[str, Any]) -> Diff:
        diff = diff_fields(old, new, SELFEVAL_LABELS)
        return diff_rows(diff, old.get("indicators", []), new.get("indicators", []), SCORE_LABELS, _level2)


def _level2(row: dict[str, Any]) -> str:
    return str(row.get("level2", ""))


SELFEVAL_LABELS = {
    "goal_result": "总体目标实际完成情况",
    "planned": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "total": "总分",
    "result": "自评等级",
}
SCORE_LABELS = {
    "actual": "实际完成值",
    "status": "完成情况（定性）",
    "own_weight": "分值（单位填写）",
    "own_score": "得分（定性，单位填写）",
    "score": "得分",
    "adjusted_score": "复核得分",
    "causes": "偏差原因",
    "cause_note": "原因分析",
    "measures": "改进措施",
}


class SelfEvaluationIndicator(ActualsIndicator):
    """An indicator of a 自评表: what the unit reports, the 分值 and 得分 the core computes, finance's 复核."""

    record = models.ForeignKey(SelfEvaluation, on_delete=models.PROTECT, related_name="indicators")
    own_weight = models.FloatField("分值（单位填写）", null=True, blank=True)
    own_score = models.FloatField("得分（定性指标，单位填写）", null=True, blank=True)
    # computed on save
    weight = models.FloatField("分值", null=True, blank=True)
    score = models.FloatField("得分", null=True, blank=True)
    formula = models.CharField("计分口径", max_length=20, blank=True)
    findings = models.JSONField("提示", default=list, blank=True)
    # 复核: finance's score replaces the computed one in the total, with the reason on record
    adjusted_score = models.FloatField("复核得分", null=True, blank=True)
    adjust_reason = models.TextField("复核理由", blank=True)
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    adjusted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评指标"
        ordering = ["record", "position", "id"]

    @property
    def final_score(self) -> float | None:
        """The score that counts: finance's where it adjusted one, else the computed one."""
        return self.adjusted_score if self.adjusted_score is not None else self.score


class RectificationState(models.TextChoices):
    OPEN = "open", "整改中"
    DONE = "done", "已整改"


class Rectification(models.Model):
    """整改事项 (结果应用): what a unit must put right after its self-evaluation — a finding or a low score —
    with an owner, a due date and a state; shown again when next year's targets are compiled."""

    KIND = "rectification"

    record = models.ForeignKey(
        SelfEvaluation, on_delete=models.PROTECT, related_name="rectifications", verbose_name="绩效自评表"
    )
    indicator = models.ForeignKey(
        SelfEvaluationIndicator, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # the place the policy judges by, copied from the 自评表
    region = models.ForeignKey("organisations.Region", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("预算年度")
    department = models.ForeignKey("organisations.Department", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, null=True, blank=True, verbose_name="责任单位"
    )
    owner_department = models.ForeignKey(
        "organisations.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField("整改事项")
    due_date = models.DateField("整改期限")
    state = models.CharField(
        "状态", max_length=8, choices=RectificationState.choices, default=RectificationState.OPEN
    )
    done_note = models.TextField("整改情况", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["state", "due_date", "id"]
        indexes = [models.Index(fields=["unit", "state"], name="rectification_unit")]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def owner(self) -> str:
        return str(self.unit.name) if self.unit_id else f"{self.department.name}（部门）"
