"""Stored targets: projects (项目支出绩效目标) with their indicators, department targets, imports.

Both kinds of target are :class:`~jixiao.web.workflow.models.Reviewable`: the review state, rounds,
comments and round snapshots are shared; this module adds what a project and a department target hold,
and the few kind-specific parts of the review (what a snapshot holds, what a submission needs). Rows are
never deleted by a user: withdrawn projects and removed indicators are archived.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import prefetch_related_objects

from jixiao.domain import Level1, Level2
from jixiao.web.organisations.models import Department, Region, Unit
from jixiao.web.targets.diff import REFERENCE_LABELS, diff_department_snapshots, diff_snapshots
from jixiao.web.workflow.models import Reviewable
from jixiao.web.workflow.states import Awaiting

LEVEL1_CHOICES = [(x.value, x.value) for x in Level1]
LEVEL2_CHOICES = [(x.value, x.value) for x in Level2]


class Basis(models.TextChoices):
    """指标值确定依据."""

    PLAN = "计划标准", "计划标准"
    INDUSTRY = "行业标准", "行业标准"
    HISTORY = "历史标准", "历史标准"
    OTHER = "其他标准", "其他标准"


class ImportBatch(models.Model):
    """One published disclosure loaded into a region and year, with what the reader warned about."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name="行政区划")
    year = models.PositiveIntegerField("预算年度")
    source_name = models.CharField("文件名", max_length=255)
    sha256 = models.CharField(max_length=64)
    title = models.CharField("标题", max_length=500, blank=True)
    issuer = models.CharField("发布机关", max_length=200, blank=True)
    preface = models.TextField("编报说明", blank=True)
    warnings = models.JSONField("读取提示", default=list, blank=True)
    project_count = models.PositiveIntegerField(default=0)
    department_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入记录"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.region} {self.year} {self.source_name}"


class Project(Reviewable):
    """项目支出绩效目标表: the fields of the contract plus workflow state."""

    KIND, LABEL, ITEMS = "project", "项目", "indicators"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, verbose_name="实施单位")
    code = models.CharField("项目编码", max_length=60, blank=True)
    name = models.CharField("项目名称", max_length=300)
    category = models.CharField("项目类别", max_length=60, blank=True)
    fund_type = models.CharField("资金性质", max_length=60, blank=True)
    funds_total = models.DecimalField(
        "资金总额 (万元)", max_digits=16, decimal_places=4, null=True, blank=True
    )
    funds_fiscal = models.DecimalField(
        "财政资金 (万元)", max_digits=16, decimal_places=4, null=True, blank=True
    )
    funds_other = models.DecimalField(
        "其他资金 (万元)", max_digits=16, decimal_places=4, null=True, blank=True
    )
    purpose = models.TextField("资金用途", blank=True)
    spending_plan = models.JSONField("资金支出计划", default=list, blank=True)
    goal = models.TextField("年度总体绩效目标", blank=True)
    # Fields real project forms carry (left blank where a form or document has none).
    long_term_goal = models.TextField("长期目标", blank=True)
    period = models.CharField("实施期限", max_length=200, blank=True)
    project_type = models.CharField("项目类型", max_length=200, blank=True)
    is_new = models.BooleanField("是否新增项目", null=True, blank=True)
    allocation = models.CharField("分配方式", max_length=200, blank=True)
    policy_basis = models.TextField("政策依据", blank=True)
    calculation_basis = models.TextField("测算依据", blank=True)
    funds_midterm = models.DecimalField(
        "项目总金额（中期规划，万元）", max_digits=16, decimal_places=4, null=True, blank=True
    )

    copied_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # 结果应用: what copying last year's project carried from its self-evaluation (the indicators that lost
    # points, with their causes and measures; the 整改事项 still open, linked, not copied); read-only.
    lessons = models.TextField("上年度绩效自评的经验教训", blank=True, editable=False)
    carried_rectifications = models.ManyToManyField(
        "selfeval.Rectification", blank=True, related_name="carried_to", verbose_name="带入的整改事项"
    )
    import_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, null=True, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    # Name, code and indicator names in one column, so the portal's keyword search is one indexed scan.
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "项目绩效目标"
        ordering = ["department__name", "name", "id"]
        indexes = [
            models.Index(fields=["state", "region", "year"]),
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["department", "state"]),
            models.Index(fields=["region", "awaiting"]),
            # the work list: a region's projects, most recently changed first
            models.Index(fields=["region", "updated_at", "id"], name="project_recent"),
            # the portal and API lists: published projects, newest year first
            models.Index(fields=["state", "year", "id"], name="project_public_year"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def new_in(cls, unit: Unit, **fields: Any) -> Project:
        """An unsaved project of ``unit``: what ``create`` is asked about, and what it then saves."""
        return cls(region_id=unit.department.region_id, department=unit.department, unit=unit, **fields)

    @property
    def audit_project(self) -> Project:
        return self

    def history(self) -> models.QuerySet[Any]:
        # Comments on a project are filed under it as well as the project's own rows.
        return self.audit_events.filter(ok=True).select_related("actor").order_by("-at", "-id")

    def snapshot(self) -> dict[str, Any]:
        from jixiao.web.targets.snapshot import snapshot

        return snapshot(self)

    def submit_problem(self) -> str | None:
        return self.unfilled(
            {"年度总体绩效目标": bool(self.goal.strip()), "绩效指标": self.live_items().exists()}
        )

    diff = staticmethod(diff_snapshots)

    @property
    def framework(self) -> str:
        """2021 once any indicator uses 成本指标 as first level (or its 2021 second levels)."""
        level1s = {i.level1 for i in self.live_indicators()}
        return "2021" if Level1.COST.value in level1s else "2020"

    def live_items(self) -> models.QuerySet[Any]:
        # the year lets PostgreSQL read one partition of the indicator table (targets 0013)
        return super().live_items().filter(year=self.year)

    def live_indicators(self) -> list[Indicator]:
        cached = getattr(self, "_prefetched_objects_cache", {}).get("indicators")
        rows = cached if cached is not None else self.indicators.filter(year=self.year)
        return sorted((i for i in rows if not i.archived), key=lambda i: (i.position, i.id or 0))


class ValueColumns(models.Model):
    """A 指标值 as typed and as the grammar understood it (:func:`jixiao.domain.parse_target_value`)."""

    value_raw = models.CharField("指标值", max_length=200, blank=True)
    value_kind = models.CharField(max_length=12)
    value_op = models.CharField(max_length=2, blank=True)
    value_number = models.FloatField(null=True, blank=True)
    value_upper = models.FloatField(null=True, blank=True)
    value_unit = models.CharField(max_length=40, blank=True)

    VALUE_FIELDS = ["value_raw", "value_kind", "value_op", "value_number", "value_upper", "value_unit"]

    class Meta:
        abstract = True

    def set_value(self, raw: str) -> None:
        from jixiao.web.targets.convert import value_columns

        for name, value in value_columns(raw, type(self)).items():
            setattr(self, name, value)


class ProjectYearField(models.PositiveIntegerField):
    """The budget year of an indicator's project, copied onto the row: the partition key of
    ``targets_indicator`` on PostgreSQL (migration targets 0013).

    Filled from the project when a row is inserted unset. ``pre_save`` is what ``save()``, ``bulk_create``
    and the bulk load's ``COPY`` (:func:`jixiao.web.bulk.copy_insert`) all ask for a column's value, so no
    writer can leave it empty (a trigger could not: PostgreSQL forbids a ``BEFORE`` trigger to change the
    partition a row goes to). Migrations see a plain ``PositiveIntegerField``.
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if getattr(model_instance, self.attname) is None:
            setattr(model_instance, self.attname, model_instance.project.year)
        return super().pre_save(model_instance, add)

    def deconstruct(self) -> Any:
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveIntegerField", args, kwargs


class Indicator(ValueColumns):
    """A 三级指标 row of a project's target table, with the value as typed and as understood."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="indicators")
    # the project's year, copied (never edited): PostgreSQL keeps each year's rows in their own partition
    year = ProjectYearField("预算年度", editable=False)
    position = models.PositiveIntegerField("序号", default=0)
    level1 = models.CharField("一级指标", max_length=20, choices=LEVEL1_CHOICES)
    level2 = models.CharField("二级指标", max_length=20, choices=LEVEL2_CHOICES)
    name = models.CharField("三级指标", max_length=300)
    description = models.TextField("指标描述", blank=True)
    scoring = models.TextField("评（扣）分标准", blank=True)
    basis = models.CharField("指标值依据", max_length=10, choices=Basis.choices, blank=True)
    archived = models.BooleanField("已移除", default=False)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "绩效指标"
        ordering = ["project", "position", "id"]

    def __str__(self) -> str:
        return f"{self.level2} / {self.name}: {self.value_raw}"


def prefetch_indicators(projects: Iterable[Project], rows: models.QuerySet[Indicator] | None = None) -> None:
    """Load the indicators of ``projects`` (``rows`` of them, when given) into the cache ``.indicators.all()``
    and :meth:`Project.live_indicators` read, by one query naming the projects' years: on PostgreSQL it then
    reads those years' partitions only, where ``prefetch_related("indicators")`` plans every partition.
    Ordered by position, not by the project's ordering (which would join the project and its department)."""
    projects = list(projects)
    prefetch_related_objects(projects, indicators_of_years({p.year for p in projects}, rows))


def indicators_of_years(
    years: Iterable[int], rows: models.QuerySet[Indicator] | None = None
) -> models.Prefetch:
    """``prefetch_related`` of the indicators of projects of ``years`` (a year-wide read: publishing, exports)
    that names the years, as :func:`prefetch_indicators` does."""
    chosen = Indicator.objects.all() if rows is None else rows
    return models.Prefetch("indicators", chosen.filter(year__in=set(years)).order_by("position", "id"))


class DepartmentTarget(Reviewable):
    """部门整体绩效目标 of a department for a year: a strategic goal and two indicator tables."""

    KIND, LABEL, ITEMS = "department_target", "部门整体绩效目标", "rows"
    FIRST_TURN = Awaiting.FINANCE  # the department itself submits: finance reviews at once

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="targets", verbose_name="部门"
    )
    strategic_goal = models.TextField("战略目标", blank=True)
    # the words of the live rows the portal's department search reads (targets/search.py), filled by every
    # writer: searching the rows themselves joined millions of them (docs/scale.md)
    search_text = models.TextField(blank=True, editable=False)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    import_batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, null=True, blank=True)
    copied_from = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # 结果应用, as on Project: what copying last year's targets carried from the department-wide self-evaluation
    # (the annual indicators that lost points, with causes and measures; the 整改事项 still open, linked).
    lessons = models.TextField("上年度绩效自评的经验教训", blank=True, editable=False)
    carried_rectifications = models.ManyToManyField(
        "selfeval.Rectification",
        blank=True,
        related_name="carried_to_departments",
        verbose_name="带入的整改事项",
    )

    class Meta:
        verbose_name = verbose_name_plural = "部门整体绩效目标"
        ordering = ["department__name"]
        indexes = [
            models.Index(fields=["state", "region", "year"]),
            models.Index(fields=["department", "year"], name="department_target_year"),
            # the portal's year choices, one probe per year (portal.views.published_years)
            models.Index(fields=["state", "year"], name="department_target_public_year"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.year}"

    @classmethod
    def new_in(cls, department: Department, **fields: Any) -> DepartmentTarget:
        """An unsaved target of ``department``: what ``create`` is asked about, and what it then saves."""
        return cls(region_id=department.region_id, department=department, **fields)

    def snapshot(self) -> dict[str, Any]:
        from jixiao.web.targets.snapshot import department_snapshot

        return department_snapshot(self)

    def submit_problem(self) -> str | None:
        from jixiao.web.targets.draft import value_problem

        rows = list(self.live_items())
        annual = any(r.table == "annual" for r in rows)
        if problem := self.unfilled({"战略目标": bool(self.strategic_goal.strip()), "年度绩效指标": annual}):
            return problem
        if bad := [r.name for r in rows if value_problem(r.value_raw)]:
            return f"不能报送：以下指标的指标值无法识别，请先修改：{'、'.join(bad[:5])}。"
        return None

    diff = staticmethod(diff_department_snapshots)


class DepartmentTargetRow(ValueColumns):
    """A row of a department's strategic (战略) or annual (年度) table, with its reference values."""

    TABLES = [("strategic", "中长期战略目标"), ("annual", "年度绩效目标")]

    target = models.ForeignKey(DepartmentTarget, on_delete=models.PROTECT, related_name="rows")
    table = models.CharField(max_length=10, choices=TABLES)
    position = models.PositiveIntegerField(default=0)
    no = models.PositiveIntegerField("序号", null=True, blank=True)
    duty_no = models.PositiveIntegerField("职责序号", null=True, blank=True)
    duty_area = models.CharField("职责领域", max_length=300, blank=True)
    duty = models.TextField("部门职责", blank=True)
    duty_goal = models.TextField("职责目标", blank=True)
    name = models.CharField("绩效指标", max_length=300)
    explanation = models.TextField("指标解释", blank=True)
    reference = models.JSONField("参考值", default=dict, blank=True)
    note = models.TextField("备注", blank=True)
    activity = models.TextField("工作活动", blank=True)
    budget_project = models.TextField("预算项目", blank=True)
    office = models.CharField("对应科室", max_length=200, blank=True)
    archived = models.BooleanField(default=False)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["target", "table", "position"]

    def reference_list(self) -> list[tuple[str, str]]:
        """The reference values with their column labels, past years oldest first (for tables)."""
        ref = self.reference or {}
        years = {str(y): str(v) for y, v in (ref.get("years") or {}).items() if v}
        labelled = {key: (label, str(ref[key])) for key, label in REFERENCE_LABELS.items() if ref.get(key)}
        if str(self.target.year - 1) in years:
            labelled.pop("last_year", None)  # 上年值 is already shown under its year
        head = [labelled[k] for k in ("planned", "standard", "standard_source") if k in labelled]
        tail = [labelled[k] for k in ("avg3", "last_year", "history_source") if k in labelled]
        return head + [(f"{y}年值", v) for y, v in sorted(years.items())] + tail
