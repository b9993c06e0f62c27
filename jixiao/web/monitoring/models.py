"""Stored monitoring (运行监控): a round per region, year and cut-off month, and one record per project or
department target in it, filled in by the unit (or the department) and reviewed in rounds.

A :class:`MonitoringRecord` is a :class:`~jixiao.web.workflow.models.Reviewable` like a project: the same
state, rounds, comments, snapshots, version check and audit. Its bands are computed by the pure core
(:mod:`jixiao.evaluate.monitor`) on every save and kept on the row, so dashboards count them in SQL.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jixiao.domain.actuals import Achievement, Likelihood
from jixiao.web.organisations.models import Department, Region, Unit
from jixiao.web.targets.diff import Diff, diff_fields, diff_rows
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.models import Reviewable
from jixiao.web.workflow.states import Awaiting, State


class RoundState(models.TextChoices):
    OPEN = "open", "填报中"
    CLOSED = "closed", "已完成"
    PUBLISHED = "published", "已公开"


class Band(models.TextChoices):
    """The traffic lights of :class:`jixiao.evaluate.results.Band`, with their words."""

    RED = "red", "红灯"
    YELLOW = "yellow", "黄灯"
    GREEN = "green", "绿灯"
    BLUE = "blue", "蓝灯"


class ReportingRound(models.Model):
    """What a monitoring round and a self-evaluation round share: a region's year, opened by its finance admin
    with a due date, filled in by the units, then closed (and, for monitoring, published)."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    year = models.PositiveIntegerField("预算年度")
    due_date = models.DateField("报送截止日期")
    state = models.CharField("状态", max_length=12, choices=RoundState.choices, default=RoundState.OPEN)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name="发起人")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class MonitoringRound(ReportingRound):
    """一次运行监控: a region's projects and department targets of a year, as of the end of ``month``."""

    KIND = "monitoring_round"

    month = models.PositiveSmallIntegerField("监控时点（截至月份）")

    class Meta:
        verbose_name = verbose_name_plural = "运行监控批次"
        ordering = ["-year", "-month", "region__name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "month"], name="monitoring_round_once"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="monitoring_month"),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.year}年1—{self.month}月运行监控"

    @property
    def time_progress(self) -> float:
        return self.month * 100 / 12


class ActualsRecord(Reviewable):
    """What happened to one project or department target in a year, as its unit (or the department itself)
    reports it: the funds block and the 总体目标完成情况 of ``jixiao/actuals@1``. A monitoring record is this as
    of a cut-off month; a self-evaluation is this at the year end, scored."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    department_target = models.ForeignKey(
        DepartmentTarget, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name="实施单位")
    # Set when the department as a whole reports (its own targets): its reviewer fills the record in.
    owner_department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField("名称", max_length=300)
    code = models.CharField("编码", max_length=60, blank=True)
    goal = models.TextField("年度总体目标", blank=True)
    goal_result = models.TextField("总体目标完成情况", blank=True)
    planned = models.DecimalField("年初预算数 (万元)", max_digits=16, decimal_places=4, null=True, blank=True)
    adjusted = models.DecimalField(
        "调整后预算数 (万元)", max_digits=16, decimal_places=4, null=True, blank=True
    )
    executed = models.DecimalField("执行数 (万元)", max_digits=16, decimal_places=4, null=True, blank=True)
    sources = models.JSONField("分资金来源", default=list, blank=True)
    execution_rate = models.FloatField("预算执行率 (%)", null=True, blank=True)
    warnings = models.JSONField("提示", default=list, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def for_project(cls, project: Project, **round_: Any) -> ActualsRecord:
        """A new record of an approved ``project`` (unsaved), its 年初预算数 the project's funds."""
        return cls(
            region_id=project.region_id,
            year=project.year,
            department_id=project.department_id,
            unit_id=project.unit_id,
            project=project,
            name=project.name,
            code=project.code,
            goal=project.goal,
            planned=project.funds_total,
            **round_,
        )

    @classmethod
    def for_department_target(cls, target: DepartmentTarget, **round_: Any) -> ActualsRecord:
        """A new record of a department's own targets (unsaved), filled in by the department itself."""
        return cls(
            region_id=target.region_id,
            year=target.year,
            department_id=target.department_id,
            owner_department_id=target.department_id,
            department_target=target,
            name=target.department.name,
            goal=target.strategic_goal,
            **round_,
        )

    @property
    def FIRST_TURN(self) -> str:  # type: ignore[override]  # noqa: N802
        """A unit's record goes to its department first; a department's own goes to finance."""
        return Awaiting.DEPARTMENT if self.unit_id else Awaiting.FINANCE

    @property
    def stage(self) -> str:
        """Where the record stands in words: 填报中, 主管部门审核, 财政审核, 退回修改, 完成 (已公开)."""
        if self.state == State.PUBLISHED:
            return "已公开"
        if self.state == State.APPROVED:
            return "完成"
        if self.state == State.RETURNED:
            return "退回修改"
        if self.awaiting == Awaiting.DEPARTMENT:
            return "主管部门审核"
        if self.awaiting == Awaiting.FINANCE:
            return "财政审核"
        return "填报中"

    @property
    def budget_basis(self) -> Any:
        return self.adjusted if self.adjusted is not None else self.planned


class MonitoringRecord(ActualsRecord):
    """项目支出（部门整体）绩效目标执行监控表 of one project or department target in a round."""

    KIND, LABEL, ITEMS = "monitoring", "监控表", "indicators"
    GRADED = False  # finance returns or accepts a monitoring record; it does not grade it
    # the monitoring cycle's words: reported (报送), and accepted as done, not approved (批复)
    TRANSITION_LABELS = {"submit": "报送", "approve": "财政审核通过（完成）"}

    monitoring_round = models.ForeignKey(
        MonitoringRound, on_delete=models.PROTECT, related_name="records", verbose_name="监控批次"
    )
    expected = models.DecimalField(
        "全年预计执行数 (万元)", max_digits=16, decimal_places=4, null=True, blank=True
    )
    # What the core last computed (recomputed on every save): for dashboards and lists.
    band = models.CharField("指标灯", max_length=8, choices=Band.choices, blank=True)
    budget_band = models.CharField("预算执行灯", max_length=8, choices=Band.choices, blank=True)
    budget_ratio = models.FloatField("预算执行进度比", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "绩效目标执行监控表"
        ordering = ["monitoring_round", "department__name", "name", "id"]
        indexes = [
            models.Index(fields=["monitoring_round", "band"], name="monitoring_band"),
            models.Index(fields=["monitoring_round", "state"], name="monitoring_state"),
            models.Index(fields=["unit", "state"], name="monitoring_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.monitoring_round}）"

    def snapshot(self) -> dict[str, Any]:
        from jixiao.web.monitoring.convert import record_snapshot

        return record_snapshot(self)

    def submit_problem(self) -> str | None:
        from jixiao.web.monitoring.convert import submit_problem

        return submit_problem(self)

    @staticmethod
    def diff(old: dict[str, Any], new: dict[str, Any]) -> Diff:
        diff = diff_fields(old, new, RECORD_LABELS)
        return diff_rows(diff, old.get("indicators", []), new.get("indicators", []), ACTUAL_LABELS, _level2)


def _level2(row: dict[str, Any]) -> str:
    return str(row.get("level2", ""))


RECORD_LABELS = {
    "goal_result": "总体目标完成情况",
    "planned": "年初预算数",
    "adjusted": "调整后预算数",
    "executed": "执行数",
    "expected": "全年预计执行数",
    "sources": "分资金来源",
}
ACTUAL_LABELS = {
    "actual": "当前完成情况",
    "status": "完成情况（定性）",
    "causes": "偏差原因",
    "cause_note": "原因说明",
    "likelihood": "完成目标可能性",
    "measures": "备注及改进措施",
}


# The official words, from the domain (jixiao/actuals@1).
STATUS_CHOICES = [(x.value, x.value) for x in Achievement]
LIKELIHOOD_CHOICES = [(x.value, x.value) for x in Likelihood]


class ActualsIndicator(models.Model):
    """One target indicator of a record: the approved 年度指标值 and what the unit reports against it."""

    position = models.PositiveIntegerField(default=0)
    level1 = models.CharField("一级指标", max_length=20, blank=True)
    level2 = models.CharField("二级指标", max_length=300, blank=True)  # a department's duty area stands here
    name = models.CharField("三级指标", max_length=300)
    target = models.CharField("年度指标值", max_length=300, blank=True)
    actual = models.CharField("当前完成情况", max_length=300, blank=True)
    status = models.CharField("完成情况（定性）", max_length=8, choices=STATUS_CHOICES, blank=True)
    causes = models.JSONField("偏差原因", default=list, blank=True)
    cause_note = models.TextField("原因说明", blank=True)
    measures = models.TextField("备注及改进措施", blank=True)
    archived = models.BooleanField(default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.name}: {self.actual}"

    @classmethod
    def rows_of(cls, target: Project | DepartmentTarget) -> list[Any]:
        """The record's rows (unsaved) for the indicators of a project or a department's annual indicators."""
        if isinstance(target, Project):
            return [
                cls(position=n, level1=i.level1, level2=i.level2, name=i.name, target=i.value_raw)
                for n, i in enumerate(target.live_indicators(), start=1)
            ]
        annual = target.rows.filter(archived=False, table="annual").order_by("position", "id")
        return [
            cls(position=n, level2=r.duty_area or "", name=r.name, target=r.value_raw)
            for n, r in enumerate(annual, start=1)
        ]


class MonitoringIndicator(ActualsIndicator):
    record = models.ForeignKey(MonitoringRecord, on_delete=models.PROTECT, related_name="indicators")
    likelihood = models.CharField("完成目标可能性", max_length=8, choices=LIKELIHOOD_CHOICES, blank=True)
    # computed on save, like the record's bands
    progress = models.FloatField("进度 (%)", null=True, blank=True)
    band = models.CharField("灯", max_length=8, choices=Band.choices, blank=True)
    rule = models.CharField("判断方法", max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "监控指标"
        ordering = ["record", "position", "id"]
