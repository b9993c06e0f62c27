"""A unit's filled Excel template, read against what the unit has stored: the plan a load would carry out.

:func:`jixiao.ingest.template.load_template` checks every cell of the file through the one validation of
every channel, against the framework of the region's year; this module adds what only the database knows,
still located by sheet and cell: the project belongs to the uploading unit, it does not overwrite a
project already submitted or approved.
The page previews a :class:`TemplatePlan`; :func:`jixiao.web.actions.templates.do_load_template` loads it
only when it has no error, so a file is loaded whole or not at all.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from jixiao.domain import Document, Level2, Project
from jixiao.domain.taxonomy import level1_of
from jixiao.domain.template_cells import (
    DEPARTMENT_SHEET,
    FIRST_FIELD_ROW,
    INSTRUCTIONS,
    PROJECT_FIELDS,
    YEAR_CELL,
    CellError,
    TemplateError,
)
from jixiao.web.actions.projects import framework_for, refile_level2
from jixiao.web.targets.draft import (
    FUND_FIELDS,
    SPENDING_PERIODS,
    TEXT_FIELDS,
    IndicatorDraft,
    ProjectDraft,
)
from jixiao.web.targets.models import Project as StoredProject
from jixiao.web.workflow.states import EDITABLE

FIELD_ROWS = {attr: FIRST_FIELD_ROW + i for i, (_, attr) in enumerate(PROJECT_FIELDS)}


def is_template(data: bytes) -> bool:
    """Whether ``data`` is a jixiao template (an XLSX with its instructions and department sheets)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    try:
        return INSTRUCTIONS in wb.sheetnames and DEPARTMENT_SHEET in wb.sheetnames
    finally:
        wb.close()


@dataclass
class PlannedProject:
    """One filled project sheet: the draft it becomes, and the stored draft it updates if any."""

    sheet: str
    project: Project
    draft: ProjectDraft
    existing: Any = None  # the unit's stored draft with the same code or name
    version: int | None = None  # the version the update expects (checked when loading)


@dataclass
class TemplatePlan:
    name: str
    sha256: str
    year: int | None
    projects: list[PlannedProject] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    department_ignored: bool = False  # the 部门整体目标 sheet was filled: units do not load it

    @property
    def created(self) -> list[PlannedProject]:
        return [p for p in self.projects if p.existing is None]

    @property
    def updated(self) -> list[PlannedProject]:
        return [p for p in self.projects if p.existing is not None]


def _decimal(x: float | None) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def to_draft(project: Project, framework: str, existing: Any = None) -> ProjectDraft:
    """The editor's draft of a template project; indicators matching a stored row keep its id."""
    rows = {(i.level2, i.name): i.pk for i in existing.live_indicators()} if existing is not None else {}
    plan = {
        s.period: _decimal(s.amount)
        for s in project.spending_plan
        if s.period in SPENDING_PERIODS and s.amount is not None
    }
    f = project.funds
    return ProjectDraft(
        **{name: getattr(project, name) or "" for name in TEXT_FIELDS},
        **dict(zip(FUND_FIELDS, map(_decimal, (f.total, f.fiscal, f.other, f.midterm)), strict=True)),
        is_new=project.is_new,
        spending_plan=plan,
        indicators=[
            IndicatorDraft(
                level2=i.level2.value,
                name=i.name,
                value=i.value.raw,
                description=i.description or "",
                scoring=i.scoring or "",
                id=rows.get((i.level2.value, i.name)),
            )
            for i in project.indicators
        ],
    )


def _sheets_by_name(wb: Any) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        if ws.title.startswith("项目"):
            name = str(ws[f"B{FIELD_ROWS['name']}"].value or "").strip()
            names.setdefault(name, []).append(ws.title)
    return names


def _check_project(plan: TemplatePlan, unit: Any, sheet: str, p: Project) -> None:
    def error(cell: str, message: str) -> None:
        plan.errors.append(CellError(f"{sheet}!{cell}", message))

    if p.unit and p.unit != unit.name:
        error(f"B{FIELD_ROWS['unit']}", f"实施单位 '{p.unit}' 不是您的单位“{unit.name}”")
    if p.department and p.department != unit.department.name:
        error(f"B{FIELD_ROWS['department']}", f"主管部门 '{p.department}' 不是“{unit.department.name}”")
    planned = plan.projects[-1]
    if planned.existing is not None and planned.existing.state not in EDITABLE:
        error(
            f"B{FIELD_ROWS['name']}",
            f"项目“{planned.existing.name}”已{planned.existing.get_state_display()}，不能用模板修改；"
            "请改名作为新项目，或在系统中办理调整",
        )


def _existing(unit: Any, year: int, p: Project) -> Any:
    match = Q(name=p.name) | Q(code=p.code) if p.code else Q(name=p.name)
    return (
        StoredProject.objects.filter(unit=unit, year=year, archived=False)
        .filter(match)
        .prefetch_related("indicators")
        .order_by("pk")
        .first()
    )


def _stated_year(data: bytes) -> int | None:
    """The budget year the template states (its framework decides the 一级/二级 check), if it is one."""
    from jixiao.ingest.xlsx import XlsxError, open_workbook

    try:
        value = open_workbook(data)[INSTRUCTIONS][YEAR_CELL].value
    except (XlsxError, KeyError):  # not a workbook, no instructions sheet: load_template names what is wrong
        return None
    return int(value) if isinstance(value, int | float) and 2000 <= value <= 2100 else None


def plan_template(data: bytes, name: str, unit: Any, year: int | None = None) -> TemplatePlan:
    """Read a filled template for ``unit``; ``year`` is used when the template does not say."""
    import hashlib

    from jixiao.ingest.template import load_template
    from jixiao.ingest.xlsx import open_workbook
    from jixiao.web.isolated import Refused, probe_template, run_isolated

    plan = TemplatePlan(name=name, sha256=hashlib.sha256(data).hexdigest(), year=year)
    try:  # read once in a child under memory and time limits: a crafted file fails there, not here
        run_isolated(probe_template, data, name)
    except Refused as exc:
        plan.errors = [CellError(name, exc.message)]
        return plan
    stated = _stated_year(data) or year
    framework = framework_for(unit.department.region_id, stated) if stated else None
    try:
        doc = load_template(data, name, framework)
    except TemplateError as exc:
        plan.errors = list(exc.errors)
        return plan
    plan.year = doc.year or year
    if plan.year is None:
        plan.errors.append(CellError(f"{INSTRUCTIONS}!{YEAR_CELL}", "请填写预算年度"))
        return plan
    if not doc.projects:
        plan.errors.append(CellError(name, "模板中没有填写任何项目"))
        return plan
    plan.department_ignored = bool(doc.departments)
    wb = open_workbook(data)
    sheets = _sheets_by_name(wb)
    framework = framework_for(unit.department.region_id, plan.year)
    for p in doc.projects:
        titles = sheets.get(p.name, [])
        sheet = titles.pop(0) if titles else name
        existing = _existing(unit, plan.year, p)
        plan.projects.append(
            PlannedProject(sheet, p, to_draft(p, framework, existing), existing,
                           existing.version if existing is not None else None)
        )
        _check_project(plan, unit, sheet, p)
        if titles:
            plan.errors.append(
                CellError(f"{titles[0]}!B{FIELD_ROWS['name']}", f"项目名称“{p.name}”与 {sheet} 重复")
            )
    return plan


def prefilled_document(unit: Any, year: int) -> Document | None:
    """The unit's targets of the year before ``year``, refiled to ``year``'s framework, or ``None``."""
    from jixiao.domain import Source
    from jixiao.web.targets.convert import project_from_row

    last = (
        StoredProject.objects.filter(unit=unit, year=year - 1, archived=False)
        .select_related("department", "unit")
        .prefetch_related("indicators")
        .order_by("pk")
    )
    if not last:
        return None
    framework = framework_for(unit.department.region_id, year)

    def refiled(p: Project) -> Project:
        indicators = []
        for i in p.indicators:
            level2 = Level2(refile_level2(i.level2.value, framework))
            indicators.append(dataclasses.replace(i, level2=level2, level1=level1_of(level2)))
        return dataclasses.replace(p, indicators=tuple(indicators))

    return Document(
        source=Source(f"{unit.name}{year - 1}", ""),
        year=year,
        projects=tuple(refiled(project_from_row(p)) for p in last),
    )
