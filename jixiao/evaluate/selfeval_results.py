"""What self-evaluation finds: 分值 and 得分 per indicator, the budget's score, the total, the grade and its
consequence, warnings and findings, and their JSON.

The JSON (``to_json``) carries at least what ``../shared/contract/ACTUALS.md`` "Outputs" promises for
``evaluate`` — per project and department ``name``, ``indicators`` [{``name``, ``weight``, ``score``}],
``indicator_score``, ``budget_score``, ``total``, ``grade`` and ``warnings`` [{``code``, ``band``,
``message``}] — and beside it the consequence of the grade (结果应用), the formula applied to each indicator
and whether a finding is an error the unit must correct (``level``). ``jixiao/data/evaluate.schema.json``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TextIO

from jixiao.domain.actuals import IndicatorActual
from jixiao.evaluate.results import JSON, Band, ToJson, write_records

EVALUATE_SCHEMA_ID = "jixiao/evaluate@1"


class Grade(StrEnum):
    """等级 of a self-evaluation's total."""

    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


class Formula(StrEnum):
    """How an indicator was scored (计分口径)."""

    HIGHER = "higher-is-better"  # 实际 ≥ 目标 满分, 否则 实际 ÷ 目标 × 分值
    ZERO = "zero"  # 目标为 0: =0 实际 ≤ 0 满分, 否则 0
    LOWER = "lower-is-better"  # ≤ <: 实际 ≤ 目标 满分, 到 2 × 目标 线性降到 0
    RANGE = "range"  # 区间内满分, 低于下限按越高越好, 高于上限按越低越好
    DEADLINE = "deadline"  # 按时完成满分, 逾期按配置
    QUALITATIVE = "qualitative"  # 单位填写的完成状态和得分

    @property
    def word(self) -> str:
        return _FORMULA_WORDS[self]


_FORMULA_WORDS = {
    Formula.HIGHER: "越高越好",
    Formula.ZERO: "目标为0",
    Formula.LOWER: "越低越好",
    Formula.RANGE: "区间",
    Formula.DEADLINE: "完成时限",
    Formula.QUALITATIVE: "定性",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """A warning (``band`` red or yellow for the two 预警), a finding, or an ``error`` the unit must correct
    before its self-evaluation can stand (a qualitative score outside its range, a missing cause)."""

    code: str
    message: str
    band: Band | None = None
    error: bool = False

    def to_json(self) -> JSON:
        band = self.band.value if self.band else None
        level = "error" if self.error else "warning"
        return {"code": self.code, "band": band, "level": level, "message": self.message}


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    name: str
    level1: str | None  # 一级指标 (产出指标 …); None for a department's annual indicators
    target: str  # 年度指标值 as printed
    actual: IndicatorActual | None  # what the unit reported; None when it reported nothing
    formula: Formula | None  # None when nothing could be scored
    weight: float  # 分值
    score: float  # 得分, 2 decimals, 0 ≤ score ≤ weight
    over_achieved: bool = False
    findings: tuple[Finding, ...] = ()

    def to_json(self) -> JSON:
        a = self.actual
        return {
            "name": self.name,
            "level1": self.level1,
            "target": self.target,
            "actual": a.actual.raw or None if a else None,
            "status": a.status.value if a and a.status else None,
            "formula": self.formula.value if self.formula else None,
            "weight": self.weight,
            "score": self.score,
            "over_achieved": self.over_achieved,
            "causes": [c.value for c in a.causes] if a else [],
            "cause_note": a.cause_note if a else None,
            "measures": a.measures if a else None,
            "warnings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class BudgetScore:
    """预算执行率: score = min(weight, 执行数 ÷ 全年预算数 × weight); ``None`` when there is nothing to divide by."""

    basis: float | None  # 全年预算数: 调整后 when present, else 年初
    executed: float | None  # 全年执行数
    execution_rate: float | None  # %
    weight: float
    score: float | None
    findings: tuple[Finding, ...] = ()

    def to_json(self) -> JSON:
        rate = None if self.execution_rate is None else round(self.execution_rate, 4)
        return {
            "basis": self.basis,
            "executed": self.executed,
            "execution_rate": rate,
            "weight": self.weight,
            "score": self.score,
            "warnings": [f.to_json() for f in self.findings],
        }


@dataclass(frozen=True, slots=True)
class RecordScore:
    """A project's (or a department's) self-evaluation: total = Σ indicator scores + budget score."""

    name: str
    code: str | None
    indicators: tuple[IndicatorScore, ...]
    budget: BudgetScore
    indicator_score: float
    total: float
    grade: Grade
    consequence: str  # 结果应用 of the grade in next year's budget
    findings: tuple[Finding, ...] = ()  # the record's own: red and yellow warnings, weights, unmatched rows
    subordinate_units: int | None = None  # 下属单位个数 (a department's, as reported)
    budget_note: str | None = None  # 预算执行偏差说明 (a department's, as reported)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Every finding of the record, its budget's and its indicators'."""
        inner = (f for i in self.indicators for f in i.findings)
        return (*self.findings, *self.budget.findings, *inner)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.warnings if f.error)

    @property
    def has_red(self) -> bool:
        return any(f.band is Band.RED for f in self.findings)

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "code": self.code,
            "indicators": [i.to_json() for i in self.indicators],
            "indicator_score": self.indicator_score,
            "budget": self.budget.to_json(),
            "budget_score": self.budget.score,
            "total": self.total,
            "grade": self.grade.value,
            "consequence": self.consequence,
            "warnings": [f.to_json() for f in self.findings],
        } | {
            key: value
            for key, value in (("subordinate_units", self.subordinate_units), ("budget_note", self.budget_note))
            if value is not None
        }


def _count(records: tuple[RecordScore, ...]) -> JSON:
    return {
        "total": len(records),
        "grades": {grade.value: sum(r.grade is grade for r in records) for grade in Grade},
        "red": sum(r.has_red for r in records),
        "yellow": sum(any(f.band is Band.YELLOW for f in r.findings) for r in records),
    }


@dataclass(frozen=True, slots=True)
class SelfEvalResult:
    """A year's self-evaluation: every project and department target reported on, scored."""

    year: int | None
    month: int
    profile: str
    region: str | None
    grade_edges: tuple[float, float, float]  # 优, 良, 中 from
    projects: tuple[RecordScore, ...]
    departments: tuple[RecordScore, ...]
    notes: tuple[Finding, ...] = ()  # actuals with no target, targets with no actuals, not the year end

    @property
    def records(self) -> tuple[RecordScore, ...]:
        return (*self.projects, *self.departments)

    @property
    def has_red_or_poor(self) -> bool:
        """Any red warning or any 差: ``jixiao evaluate`` exits 1."""
        return any(r.has_red or r.grade is Grade.POOR for r in self.records)

    @property
    def errors(self) -> tuple[tuple[RecordScore, Finding], ...]:
        return tuple((r, f) for r in self.records for f in r.errors)

    def _head(self) -> JSON:
        excellent, good, fair = self.grade_edges
        return {
            "schema": EVALUATE_SCHEMA_ID,
            "year": self.year,
            "month": self.month,
            "profile": self.profile,
            "region": self.region,
            "grade_bands": {"优": excellent, "良": good, "中": fair},
            "summary": {"projects": _count(self.projects), "departments": _count(self.departments)},
        }

    def to_json(self) -> JSON:
        return self._head() | {
            "projects": [r.to_json() for r in self.projects],
            "departments": [r.to_json() for r in self.departments],
            "warnings": [n.to_json() for n in self.notes],
        }

    def write_json(self, out: TextIO) -> None:
        """:meth:`to_json` as text, each project, department and warning on a line of its own."""
        lists: dict[str, Sequence[ToJson]] = {
            "projects": self.projects,
            "departments": self.departments,
            "warnings": self.notes,
        }
        write_records(out, self._head(), lists)

    def dumps(self) -> str:
        buffer = io.StringIO()
        self.write_json(buffer)
        return buffer.getvalue()
