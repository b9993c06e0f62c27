"""One validation for every channel that takes targets in: the compile forms, the API, the Excel template
(uploaded or loaded from the command line) and the disclosure import.

A submission is checked whole and every problem is reported at once, each with the path of what it concerns
(``name``, ``funds_total``, ``indicators.2.value``, ``rows.0.name``); a channel turns the path into its own
location — a form field, an API key, a ``sheet!cell``, a source line. What is checked:

- required fields: the project's name, each indicator's 二级指标, name and value; each department row's name
  and value, and the department's name where the submission carries one;
- the value grammar (:func:`jixiao.domain.values.value_problems`): unreadable values, a letter O or l inside a
  number, a doubled percent sign, a unit that is not a unit;
- fund arithmetic: 资金总额 = 财政资金 + 其他资金 within 0.01 万元 (when all three are given);
- 一级/二级 pairing in the framework: the 二级 belongs to the year's framework (2020 or 2021) and, where a 一级
  is given, sits under it there. Without a known framework, the one the submission's own categories imply.

Compile channels refuse a submission with any problem; the import, whose documents were published and are
facts, shows the same problems as located warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.model import Department, Document, Project, ReadWarning
from jixiao.domain.taxonomy import FRAMEWORKS, Framework, Level2, canonical_level1, framework_of
from jixiao.domain.values import TargetValue, value_problems

FUND_TOLERANCE = Decimal("0.01")  # 万元: amounts are printed to two decimals, each rounded


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a submission: what it concerns (``path``), a stable ``code``, and the words."""

    path: str  # name | funds_total | indicators.2.value | rows.0.name | department
    code: str  # required | value | funds-sum | level2-unknown | level2-framework | level1-pairing
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class IndicatorEntry:
    """An indicator row as submitted: its categories as typed (a 一级 only where the channel has one)."""

    level2: str
    name: str
    value: str
    level1: str = ""


@dataclass(frozen=True, slots=True)
class ProjectEntry:
    """A project as submitted: what the checks read of it, from a form, the API, a template or a document."""

    name: str
    indicators: tuple[IndicatorEntry, ...] = ()
    funds_total: Decimal | float | None = None
    funds_fiscal: Decimal | float | None = None
    funds_other: Decimal | float | None = None


@dataclass(frozen=True, slots=True)
class RowEntry:
    """A row of a department's strategic or annual table as submitted."""

    name: str
    value: str


@dataclass(frozen=True, slots=True)
class DepartmentEntry:
    """A department's targets as submitted: its rows in order (strategic first); ``name`` where it is typed."""

    rows: tuple[RowEntry, ...] = ()
    name: str | None = None


def _raw(value: TargetValue | str) -> str:
    return value.raw if isinstance(value, TargetValue) else value


def project_entry(project: Project) -> ProjectEntry:
    """What the checks read of a domain :class:`Project` (a read template or document)."""
    return ProjectEntry(
        name=project.name,
        indicators=tuple(
            IndicatorEntry(level2=i.level2.value, name=i.name, value=i.value.raw, level1=i.level1.value)
            for i in project.indicators
        ),
        funds_total=project.funds.total,
        funds_fiscal=project.funds.fiscal,
        funds_other=project.funds.other,
    )


def department_entry(department: Department) -> DepartmentEntry:
    """What the checks read of a domain :class:`Department`: strategic rows, then annual rows."""
    rows = (*department.strategic_indicators, *department.annual_indicators)
    return DepartmentEntry(rows=tuple(RowEntry(r.name, r.value.raw) for r in rows), name=department.name)


def _decimal(x: Decimal | float | None) -> Decimal | None:
    return None if x is None else x if isinstance(x, Decimal) else Decimal(str(x))


def _plain(x: Decimal) -> str:
    text = f"{x:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def check_funds(entry: ProjectEntry) -> list[Problem]:
    """资金总额 = 财政资金 + 其他资金, within rounding."""
    total, fiscal, other = map(_decimal, (entry.funds_total, entry.funds_fiscal, entry.funds_other))
    if total is None or fiscal is None or other is None or abs(total - fiscal - other) <= FUND_TOLERANCE:
        return []
    return [Problem(
        "funds_total", "funds-sum",
        f"资金总额应等于财政资金与其他资金之和（{_plain(total)} ≠ {_plain(fiscal)} + {_plain(other)}）。",
    )]


def implied_framework(entries: Iterable[IndicatorEntry]) -> Framework:
    """The framework a submission's own categories imply: 2021 once 成本 appears as a first level."""
    level2s = {l2 for e in entries if (l2 := _level2(e.level2)) is not None}
    level1s = {l1 for e in entries if e.level1 and (l1 := canonical_level1(e.level1)) is not None}
    return framework_of(frozenset(level2s), frozenset(level1s))


def _level2(text: str) -> Level2 | None:
    try:
        return Level2(text.strip())
    except ValueError:
        return None


def check_categories(entry: IndicatorEntry, framework: Framework, path: str) -> list[Problem]:
    """The 二级 is one of the framework's and, when a 一级 is given, sits under it."""
    if not entry.level2.strip():
        return [Problem(f"{path}.level2", "required", "请选择二级指标。")]
    level2 = _level2(entry.level2)
    if level2 is None:
        return [Problem(f"{path}.level2", "level2-unknown", f"“{entry.level2}”不是二级指标，请选择二级指标。")]
    table = FRAMEWORKS[framework]
    home = next((l1 for l1, l2s in table.items() if level2 in l2s), None)
    if home is None:
        hint = "，2021 版成本指标为一级指标，其下为经济/社会/生态环境成本指标" if level2 is Level2.COST else ""
        return [Problem(f"{path}.level2", "level2-framework", f"“{level2}”不属于 {framework} 版指标体系{hint}。")]
    if entry.level1.strip():
        level1 = canonical_level1(entry.level1)
        if level1 is None:
            return [Problem(f"{path}.level1", "level1-pairing", f"“{entry.level1}”不是一级指标。")]
        if level1 is not home:
            return [Problem(
                f"{path}.level1", "level1-pairing",
                f"二级指标“{level2}”属于一级指标“{home}”，不属于“{level1}”。",
            )]
    return []


def check_value(value: TargetValue | str, path: str) -> list[Problem]:
    """The value grammar's verdict on one typed value."""
    problems = value_problems(_raw(value))
    code = "required" if not _raw(value).strip() else "value"
    return [Problem(path, code, message) for message in problems]


def check_fields(entry: ProjectEntry) -> list[Problem]:
    """The project's own fields: its name, and its funds adding up."""
    problems = []
    if not entry.name.strip():
        problems.append(Problem("name", "required", "请填写项目名称。"))
    return problems + check_funds(entry)


def check_indicator(entry: IndicatorEntry, framework: Framework | str, path: str) -> list[Problem]:
    """One indicator row: its categories in ``framework``, its name, its value."""
    problems = check_categories(entry, Framework(framework), path)
    if not entry.name.strip():
        problems.append(Problem(f"{path}.name", "required", "请填写三级指标名称。"))
    return problems + check_value(entry.value, f"{path}.value")


def check_project(entry: ProjectEntry, framework: Framework | str | None = None) -> list[Problem]:
    """Every problem of a project submission, in the order of the form: fields, funds, then each row."""
    fw = Framework(framework) if framework else implied_framework(entry.indicators)
    problems = check_fields(entry)
    for n, ind in enumerate(entry.indicators):
        problems += check_indicator(ind, fw, f"indicators.{n}")
    return problems


def check_department(entry: DepartmentEntry, *, values: bool = True) -> list[Problem]:
    """Every problem of a department's targets; ``values=False`` leaves the values to a later save."""
    problems = []
    if entry.name is not None and not entry.name.strip():
        problems.append(Problem("department", "required", "请填写部门名称。"))
    for n, row in enumerate(entry.rows):
        if not row.name.strip():
            problems.append(Problem(f"rows.{n}.name", "required", "请填写绩效指标名称。"))
        if values:
            problems += check_value(row.value, f"rows.{n}.value")
    return problems


@dataclass(frozen=True, slots=True)
class Located:
    """A problem of a read document, with the project or department it is in and, where known, the source
    line or cell of what it concerns."""

    subject: str  # the project's or department's name (or its position when it has none)
    problem: Problem
    line: int | None = None
    where: str | None = None

    def __str__(self) -> str:
        place = self.where or (f"第 {self.line} 行" if self.line else "")
        return f"{self.subject}{'（' + place + '）' if place else ''}：{self.problem.message}"

    def warning(self) -> ReadWarning:
        """The problem as a reader's warning, for a document kept as published (an import)."""
        return ReadWarning(f"{self.subject}：{self.problem.message}", self.line, self.where)


def _project_place(project: Project, path: str) -> tuple[int | None, str | None]:
    parts = path.split(".")
    if parts[0] == "indicators":
        ind = project.indicators[int(parts[1])]
        return ind.line or project.line, ind.where or project.where
    return project.line, project.where


def check_document(document: Document, framework: Framework | str | None = None) -> list[Located]:
    """Every problem of every project and department of a read document, located where the reader placed it.

    ``framework`` is the region's for the year where known; otherwise each project's own categories decide.
    """
    out = []
    for n, p in enumerate(document.projects):
        subject = p.name or f"第 {n + 1} 个项目"
        for problem in check_project(project_entry(p), framework):
            line, where = _project_place(p, problem.path)
            out.append(Located(subject, problem, line, where))
    for n, d in enumerate(document.departments):
        subject = d.name or f"第 {n + 1} 个部门"
        rows = (*d.strategic_indicators, *d.annual_indicators)
        for problem in check_department(department_entry(d)):
            parts = problem.path.split(".")
            line = rows[int(parts[1])].line if parts[0] == "rows" else d.line
            out.append(Located(subject, problem, line or d.line))
    return out


__all__ = [
    "DepartmentEntry",
    "IndicatorEntry",
    "Located",
    "Problem",
    "ProjectEntry",
    "RowEntry",
    "check_department",
    "check_document",
    "check_fields",
    "check_indicator",
    "check_project",
    "department_entry",
    "implied_framework",
    "project_entry",
]
