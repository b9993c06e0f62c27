"""Reading and writing ``jixiao/actuals@1`` (``../shared/contract/ACTUALS.md``): what happened, as JSON.

:func:`read_actuals` checks a whole file before it builds anything: every problem is reported at once, each
named by its JSON path (``projects[3].indicators[0].likelihood: 须为 确定能 / 有可能 / 完全不可能``), and a file
with any problem gives no :class:`~jixiao.domain.Actuals` at all — nothing half-loaded. Keys beyond the
contract are allowed and ignored, as the contract says. :func:`actuals_to_json` writes the same shape back;
``read_actuals(json.dumps(actuals_to_json(a)))`` equals ``a``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TypeVar

from jixiao.domain.actuals import (
    ACTUALS_SCHEMA_ID,
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    Likelihood,
)
from jixiao.domain.values import format_number, parse_target_value
from jixiao.ingest.errors import ReadError

JSON = dict[str, Any]
_E = TypeVar("_E", bound=StrEnum)
_AMOUNTS = ("planned", "adjusted", "executed", "expected")


class ActualsError(ReadError):
    """An actuals file refused whole: ``problems`` lists every one, each starting with its JSON path."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            f"实际完成情况文件有 {len(self.problems)} 处错误，未载入：" + "；".join(self.problems),
            f"{len(self.problems)} problems in the actuals file, nothing loaded",
        )


class _Checker:
    """Reads fields of parsed JSON, noting each problem under its path instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def note(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}" if path else message)

    def obj(self, value: Any, path: str) -> JSON | None:
        if isinstance(value, dict):
            return value
        self.note(path, "须为对象 {…}")
        return None

    def items(self, data: JSON, key: str, path: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.note(_join(path, key), "须为列表 […]")
        return []

    def text(self, data: JSON, key: str, path: str, required: bool = False) -> str | None:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is None or value == "":
            if required:
                self.note(_join(path, key), "必须填写")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and not required:
            return format_number(float(value))
        self.note(_join(path, key), "须为文字")
        return None

    def number(self, data: JSON, key: str, path: str) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.note(_join(path, key), f"须为数字或 null（不是 {json.dumps(value, ensure_ascii=False)}）")
            return None
        if value < 0:
            self.note(_join(path, key), f"不能为负数（{format_number(float(value))}）")
            return None
        return float(value)

    def choice(self, value: Any, enum: type[_E], path: str) -> _E | None:
        if value is None or value == "":
            return None
        try:
            return enum(value.strip() if isinstance(value, str) else value)
        except ValueError:
            self.note(path, "须为 " + " / ".join(member.value for member in enum))
            return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _budget(c: _Checker, data: JSON, path: str) -> Budget:
    value = data.get("budget")
    if value is None:
        return Budget()
    budget = c.obj(value, _join(path, "budget"))
    if budget is None:
        return Budget()
    here = _join(path, "budget")
    amounts = {key: c.number(budget, key, here) for key in _AMOUNTS}
    sources = []
    for n, item in enumerate(c.items(budget, "sources", here)):
        where = f"{here}.sources[{n}]"
        if (source := c.obj(item, where)) is not None:
            name = c.text(source, "name", where, required=True) or ""
            sources.append(BudgetSource(name, **{key: c.number(source, key, where) for key in _AMOUNTS}))
    return Budget(**amounts, sources=tuple(sources))


def _indicator(c: _Checker, data: JSON, path: str) -> IndicatorActual:
    causes = data.get("causes")
    if isinstance(causes, str):
        causes = [causes]  # one cause written without the list brackets: plain enough to accept
    if causes is not None and not isinstance(causes, list):
        c.note(_join(path, "causes"), "须为列表 […]")
        causes = None
    read_causes = (c.choice(v, Cause, f"{path}.causes[{n}]") for n, v in enumerate(causes or []))
    return IndicatorActual(
        name=c.text(data, "name", path, required=True) or "",
        actual=parse_target_value(c.text(data, "actual", path)),
        status=c.choice(data.get("status"), Achievement, _join(path, "status")),
        weight=c.number(data, "weight", path),
        score=c.number(data, "score", path),
        causes=tuple(cause for cause in read_causes if cause is not None),
        cause_note=c.text(data, "cause_note", path),
        likelihood=c.choice(data.get("likelihood"), Likelihood, _join(path, "likelihood")),
        measures=c.text(data, "measures", path),
    )


def _record(c: _Checker, data: JSON, path: str) -> ActualRecord:
    name = c.text(data, "name", path, required=True) or ""
    code = c.text(data, "code", path)
    budget = _budget(c, data, path)
    goal_result = c.text(data, "goal_result", path)
    indicators = []
    for n, item in enumerate(c.items(data, "indicators", path)):
        if (indicator := c.obj(item, f"{path}.indicators[{n}]")) is not None:
            indicators.append(_indicator(c, indicator, f"{path}.indicators[{n}]"))
    units = _whole_number(c, data, "subordinate_units", 0, 1_000_000, required=False, path=path)
    budget_note = c.text(data, "budget_note", path)
    return ActualRecord(name, code, budget, goal_result, tuple(indicators), units, budget_note)


def _records(c: _Checker, data: JSON, key: str) -> tuple[ActualRecord, ...]:
    out = []
    for n, item in enumerate(c.items(data, key, "")):
        if (record := c.obj(item, f"{key}[{n}]")) is not None:
            out.append(_record(c, record, f"{key}[{n}]"))
    return tuple(out)


def _whole_number(
    c: _Checker, data: JSON, key: str, low: int, high: int, required: bool, path: str = ""
) -> int | None:
    value = data.get(key)
    if value is None:
        if required:
            c.note(_join(path, key), f"必须填写（{low}–{high} 的整数）")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        c.note(_join(path, key), f"须为 {low}–{high} 的整数（不是 {json.dumps(value, ensure_ascii=False)}）")
        return None
    return value


def actuals_from_json(data: Any) -> Actuals:
    """Parsed ``jixiao/actuals@1`` JSON → :class:`Actuals`; raises :class:`ActualsError` listing every problem."""
    c = _Checker()
    top = c.obj(data, "")
    if top is None:
        raise ActualsError(c.problems)
    if top.get("schema") != ACTUALS_SCHEMA_ID:
        c.note("schema", f"须为 “{ACTUALS_SCHEMA_ID}”")
    year = _whole_number(c, top, "year", 1990, 2100, required=False)
    month = _whole_number(c, top, "month", 1, 12, required=True)
    projects = _records(c, top, "projects")
    departments = _records(c, top, "departments")
    if c.problems or month is None:
        raise ActualsError(c.problems)
    return Actuals(year=year, month=month, projects=projects, departments=departments)


def read_actuals(data: bytes | str) -> Actuals:
    """Read an actuals JSON file's bytes (UTF-8, a BOM allowed); raises :class:`ActualsError`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ActualsError([f"文件不是 UTF-8 编码的 JSON（第 {exc.start} 字节）"]) from exc
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ActualsError([f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列，{exc.msg}"]) from exc
    return actuals_from_json(parsed)


def _amounts(item: Budget | BudgetSource) -> JSON:
    return {key: getattr(item, key) for key in _AMOUNTS}


def _enum_value(value: StrEnum | None) -> str | None:
    return None if value is None else value.value


def _indicator_to_json(ind: IndicatorActual) -> JSON:
    return {
        "name": ind.name,
        "actual": ind.actual.raw or None,
        "status": _enum_value(ind.status),
        "weight": ind.weight,
        "score": ind.score,
        "causes": [cause.value for cause in ind.causes],
        "cause_note": ind.cause_note,
        "likelihood": _enum_value(ind.likelihood),
        "measures": ind.measures,
    }


def record_to_json(record: ActualRecord) -> JSON:
    """A record's JSON; a department's 下属单位个数 and 预算执行偏差说明 only where they are given."""
    budget = _amounts(record.budget)
    if record.budget.sources:
        budget["sources"] = [{"name": s.name, **_amounts(s)} for s in record.budget.sources]
    out: JSON = {
        "name": record.name,
        "code": record.code,
        "budget": budget,
        "goal_result": record.goal_result,
        "indicators": [_indicator_to_json(ind) for ind in record.indicators],
    }
    if record.subordinate_units is not None:
        out["subordinate_units"] = record.subordinate_units
    if record.budget_note is not None:
        out["budget_note"] = record.budget_note
    return out


def actuals_to_json(actuals: Actuals) -> JSON:
    """:class:`Actuals` → ``jixiao/actuals@1`` JSON (a dict ready for :func:`json.dumps`)."""
    return {
        "schema": ACTUALS_SCHEMA_ID,
        "year": actuals.year,
        "month": actuals.month,
        "projects": [record_to_json(r) for r in actuals.projects],
        "departments": [record_to_json(r) for r in actuals.departments],
    }


__all__ = ["ActualsError", "actuals_from_json", "actuals_to_json", "read_actuals", "record_to_json"]
