"""What monitoring finds: bands, progress and warnings per indicator, budget and project, and their JSON.

The JSON (``to_json``) carries at least what ``../shared/contract/ACTUALS.md`` "Outputs" promises for
``monitor`` — per project and department ``name``, ``band``, ``budget`` {``execution_rate``,
``time_progress``, ``ratio``, ``band``} and ``indicators`` [{``name``, ``progress``, ``band``}] — and, beside
it, the targets and actuals compared, the rule applied and every warning with a stable ``code``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, TextIO

from jixiao.domain.actuals import IndicatorActual

MONITOR_SCHEMA_ID = "jixiao/monitor@1"
JSON = dict[str, Any]


class Band(StrEnum):
    """Traffic lights of 运行监控: 红 behind, 黄 lagging, 绿 on track, 蓝 well ahead (the target may be low)."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    BLUE = "blue"

    @property
    def word(self) -> str:
        return _WORDS[self]


_WORDS = {Band.RED: "红", Band.YELLOW: "黄", Band.GREEN: "绿", Band.BLUE: "蓝"}
# A project is as bad as its worst indicator: red > yellow > green > blue.
_WORST_FIRST = (Band.RED, Band.YELLOW, Band.GREEN, Band.BLUE)


def worst(bands: list[Band | None]) -> Band | None:
    """The worst of ``bands`` (red > yellow > green > blue); ``None`` when none is known."""
    known = set(bands) - {None}
    return next((band for band in _WORST_FIRST if band in known), None)


class Rule(StrEnum):
    """How an indicator was judged (口径)."""

    CUMULATIVE = "cumulative"  # 累计数量: 实际 ÷ (目标 × 月份/12)
    RATE = "rate"  # 比率、水平: 实际 ÷ 目标
    LOWER = "lower-is-better"  # ≤ <: 达到为绿, 否则为红
    ZERO = "zero"  # =0: 实际为 0 才是绿
    RANGE = "range"  # 区间: 区间内为绿, 超过上限为红, 低于下限按下限折算
    DEADLINE = "deadline"  # 完成时限
    QUALITATIVE = "qualitative"  # 达成 / 部分达成 / 未达成

    @property
    def word(self) -> str:
        return _RULE_WORDS[self]


_RULE_WORDS = {
    Rule.CUMULATIVE: "累计折算",
    Rule.RATE: "比率",
    Rule.LOWER: "越低越好",
    Rule.ZERO: "目标为0",
    Rule.RANGE: "区间",
    Rule.DEADLINE: "完成时限",
    Rule.QUALITATIVE: "定性",
}


@dataclass(frozen=True, slots=True)
class Note:
    """A warning beside a band: a stable ``code`` and the words for the reader."""

    code: str
    message: str

    def to_json(self) -> JSON:
        return {"code": self.code, "message": self.message}


def _round(x: float | None, places: int = 4) -> float | None:
    return None if x is None else round(x, places)


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    name: str
    target: str  # 年度指标值 as printed
    actual: IndicatorActual | None  # what the unit reported; None when it reported nothing
    rule: Rule | None
    progress: float | None  # v, % as the rule defines it; None where not numeric
    band: Band | None  # None when it cannot be judged (nothing reported, unreadable)
    notes: tuple[Note, ...] = ()

    def to_json(self) -> JSON:
        a = self.actual
        return {
            "name": self.name,
            "target": self.target,
            "actual": a.actual.raw or None if a else None,
            "status": a.status.value if a and a.status else None,
            "rule": self.rule.value if self.rule else None,
            "progress": _round(self.progress),
            "band": self.band.value if self.band else None,
            "causes": [c.value for c in a.causes] if a else [],
            "cause_note": a.cause_note if a else None,
            "likelihood": a.likelihood.value if a and a.likelihood else None,
            "measures": a.measures if a else None,
            "warnings": [n.to_json() for n in self.notes],
        }


@dataclass(frozen=True, slots=True)
class BudgetResult:
    """预算执行: execution_rate = 执行数 ÷ 预算数 × 100; ratio = execution_rate ÷ time_progress × 100."""

    basis: float | None  # 调整后 when present, else 年初
    executed: float | None
    execution_rate: float | None
    time_progress: float
    ratio: float | None
    band: Band | None
    notes: tuple[Note, ...] = ()

    def to_json(self) -> JSON:
        return {
            "basis": self.basis,
            "executed": self.executed,
            "execution_rate": _round(self.execution_rate),
            "time_progress": _round(self.time_progress),
            "ratio": _round(self.ratio),
            "band": self.band.value if self.band else None,
            "warnings": [n.to_json() for n in self.notes],
        }


@dataclass(frozen=True, slots=True)
class RecordResult:
    """A monitored project (or department): its band is its worst indicator band; the budget's is beside it."""

    name: str
    code: str | None
    band: Band | None
    budget: BudgetResult
    indicators: tuple[IndicatorResult, ...]
    notes: tuple[Note, ...] = ()  # the record's own: budget and indicators out of step, unmatched indicators

    @property
    def has_red(self) -> bool:
        return Band.RED in (self.band, self.budget.band)

    def to_json(self) -> JSON:
        return {
            "name": self.name,
            "code": self.code,
            "band": self.band.value if self.band else None,
            "budget": self.budget.to_json(),
            "indicators": [i.to_json() for i in self.indicators],
            "warnings": [n.to_json() for n in self.notes],
        }


def _count(records: tuple[RecordResult, ...]) -> JSON:
    counts = {band.value: 0 for band in Band} | {"none": 0}
    for record in records:
        counts[record.band.value if record.band else "none"] += 1
    return {
        "total": len(records),
        "bands": counts,
        "budget_red": sum(r.budget.band is Band.RED for r in records),
    }


@dataclass(frozen=True, slots=True)
class MonitorResult:
    """A whole monitoring run: a year's targets against actuals as of the end of ``month``."""

    year: int | None
    month: int
    time_progress: float  # month ÷ 12 × 100
    profile: str
    region: str | None
    projects: tuple[RecordResult, ...]
    departments: tuple[RecordResult, ...]
    notes: tuple[Note, ...] = ()  # actuals with no target, targets with no actuals

    @property
    def has_red(self) -> bool:
        return any(r.has_red for r in (*self.projects, *self.departments))

    def _head(self) -> JSON:
        return {
            "schema": MONITOR_SCHEMA_ID,
            "year": self.year,
            "month": self.month,
            "time_progress": _round(self.time_progress),
            "profile": self.profile,
            "region": self.region,
            "summary": {"projects": _count(self.projects), "departments": _count(self.departments)},
        }

    def _lists(self) -> dict[str, Sequence[RecordResult | Note]]:
        return {"projects": self.projects, "departments": self.departments, "warnings": self.notes}

    def to_json(self) -> JSON:
        return self._head() | {
            key: [item.to_json() for item in items] for key, items in self._lists().items()
        }

    def write_json(self, out: TextIO) -> None:
        """:meth:`to_json` as text, each project, department and warning on a line of its own."""
        write_records(out, self._head(), self._lists())

    def dumps(self) -> str:
        """:meth:`write_json` into a string."""
        buffer = io.StringIO()
        self.write_json(buffer)
        return buffer.getvalue()


class ToJson(Protocol):
    def to_json(self) -> JSON: ...


def write_records(out: TextIO, head: JSON, lists: Mapping[str, Sequence[ToJson]]) -> None:
    """A result's JSON: ``head``'s keys, then each list with one item per line — readable and diffable,
    written by the C encoder one record at a time (an indented dump of 50,000 projects is pure Python,
    three times slower, and holds the whole tree and text in memory)."""
    out.write("{\n " + ",\n ".join(f"{_compact(k)}: {_compact(v)}" for k, v in head.items()))
    for key, items in lists.items():
        out.write(f",\n {_compact(key)}: [")
        for n, item in enumerate(items):
            out.write(("," if n else "") + "\n  " + _compact(item.to_json()))
        out.write("\n ]" if items else "]")
    out.write("\n}\n")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
