"""What happened in a budget year (运行监控 / 绩效自评 的实际完成情况): the domain side of ``jixiao/actuals@1``.

Targets say what a project means to achieve; :class:`Actuals` says, as of a cut-off month, how much of its
budget was spent and where each indicator stands. Monitoring (``month`` < 12) and self-evaluation
(``month`` = 12) read the same objects. The exchange form is ``../shared/contract/ACTUALS.md``; readers and
writers of it live outside the domain (:mod:`jixiao.ingest.actuals`).

Immutable dataclasses with no I/O, like :mod:`jixiao.domain.model`. Amounts are in 万元, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.domain.values import TargetValue, parse_target_value

ACTUALS_SCHEMA_ID = "jixiao/actuals@1"


class Achievement(StrEnum):
    """完成情况 of a qualitative indicator."""

    MET = "达成"
    PARTLY = "部分达成"
    NOT_MET = "未达成"


class Cause(StrEnum):
    """偏差原因: why an indicator or the spending is behind (the official five headings)."""

    FUNDING = "经费保障"
    RULES = "制度保障"
    STAFF = "人员保障"
    FACILITIES = "硬件条件保障"
    OTHER = "其他"


class Likelihood(StrEnum):
    """完成目标可能性: whether the unit expects to meet the target by year end (monitoring only)."""

    CERTAIN = "确定能"
    POSSIBLE = "有可能"
    IMPOSSIBLE = "完全不可能"


@dataclass(frozen=True, slots=True)
class BudgetSource:
    """One fund source's part of a project's budget (财政拨款, 上级补助, 其他资金 …), where it has several."""

    name: str
    planned: float | None = None
    adjusted: float | None = None
    executed: float | None = None
    expected: float | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    """项目资金 as of the cut-off, in 万元.

    ``planned`` 年初预算数; ``adjusted`` 调整后预算数 / 全年预算数 (A), ``None`` when not adjusted;
    ``executed`` 执行数 to the cut-off (B); ``expected`` 全年预计执行数 (monitoring only).
    """

    planned: float | None = None
    adjusted: float | None = None
    executed: float | None = None
    expected: float | None = None
    sources: tuple[BudgetSource, ...] = ()

    @property
    def basis(self) -> float | None:
        """The budget execution is measured against: 调整后 when present, else 年初."""
        return self.adjusted if self.adjusted is not None else self.planned


@dataclass(frozen=True, slots=True)
class IndicatorActual:
    """当前完成情况 / 实际完成值 of one target indicator (三级指标, or a department's annual indicator).

    ``actual`` is the value as typed, read by the target-value grammar (``350人次``, ``96%``, ``10月底``; text
    the grammar cannot read stays ``kind="text"`` with its raw string). ``status`` is for qualitative
    indicators; ``weight`` and ``score`` are the 分值 and 得分 when the unit entered them.
    """

    name: str
    actual: TargetValue = field(default_factory=lambda: parse_target_value(None))
    status: Achievement | None = None
    weight: float | None = None
    score: float | None = None
    causes: tuple[Cause, ...] = ()
    cause_note: str | None = None
    likelihood: Likelihood | None = None
    measures: str | None = None  # 改进措施 / 备注


@dataclass(frozen=True, slots=True)
class ActualRecord:
    """A project's (or a department's) actuals, matched to its targets by name and, where both have one, code.

    ``subordinate_units`` (下属单位个数) and ``budget_note`` (预算执行偏差说明) belong to a department's
    self-evaluation (部门整体支出绩效自评表); a project leaves them ``None``.
    """

    name: str
    code: str | None = None
    budget: Budget = field(default_factory=Budget)
    goal_result: str | None = None  # 年度总体目标 实际完成情况
    indicators: tuple[IndicatorActual, ...] = ()
    subordinate_units: int | None = None
    budget_note: str | None = None


@dataclass(frozen=True, slots=True)
class Actuals:
    """A year's actuals as of the end of ``month`` (6 = 1–6月; 12 = year end, self-evaluation)."""

    year: int | None
    month: int
    projects: tuple[ActualRecord, ...] = ()
    departments: tuple[ActualRecord, ...] = ()
