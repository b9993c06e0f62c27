"""A monitoring result as text for a terminal: a Chinese table per project and department, bands in words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from jixiao.domain.values import format_number
from jixiao.evaluate.results import Band, BudgetResult, IndicatorResult, MonitorResult, Note, RecordResult

_COLUMNS = (("指标", 24), ("目标值", 14), ("当前完成", 14), ("口径", 8), ("进度", 8), ("判断", 4))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(text: str, width: int) -> str:
    """``text`` padded (or cut with …) to ``width`` terminal columns, CJK characters counting two."""
    if _width(text) > width:
        while _width(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def table_row(cells: Iterable[str], columns: Sequence[tuple[str, int]]) -> str:
    """One row of a terminal table: each cell padded or cut to its column's width (CJK counting two)."""
    return (
        "  " + " ".join(_cell(text, width) for text, (_, width) in zip(cells, columns, strict=True)).rstrip()
    )


def _row(cells: Iterable[str]) -> str:
    return table_row(cells, _COLUMNS)


def _band(band: Band | None) -> str:
    return band.word if band else "—"


def _number(x: float | None, places: int = 1) -> str:
    return "—" if x is None else f"{x:.{places}f}"


def _budget_line(budget: BudgetResult) -> str:
    if budget.ratio is None:
        return "  预算执行：无法计算"
    assert budget.basis is not None and budget.executed is not None
    return (
        f"  预算执行：预算 {format_number(budget.basis)} 万元，执行 {format_number(budget.executed)} 万元，"
        f"执行率 {_number(budget.execution_rate)}%，时间进度 {_number(budget.time_progress)}%，"
        f"执行进度 {_number(budget.ratio)} → {_band(budget.band)}"
    )


def _indicator_row(result: IndicatorResult) -> str:
    actual = result.actual
    reported = (actual.actual.raw or (actual.status.value if actual.status else "")) if actual else ""
    rule = result.rule.word if result.rule else "—"
    return _row(
        (
            result.name,
            result.target,
            reported or "（未填报）",
            rule,
            _number(result.progress),
            _band(result.band),
        )
    )


def _notes(notes: Iterable[Note], indent: str = "  ") -> list[str]:
    return [f"{indent}提示：{note.message}" for note in notes]


def _record(record: RecordResult) -> list[str]:
    code = f"（编码 {record.code}）" if record.code else ""
    lines = [f"【{_band(record.band)}】{record.name}{code}", _budget_line(record.budget)]
    lines += _notes(record.budget.notes)
    if record.indicators:
        lines.append(_row(name for name, _ in _COLUMNS))
    for result in record.indicators:
        lines.append(_indicator_row(result))
        # "no-actual" is already the row's （未填报）
        lines += [f"      {result.name}：{n.message}" for n in result.notes if n.code != "no-actual"]
        if result.actual and result.band in (Band.RED, Band.YELLOW):
            lines += _explanation(result)
    return lines + _notes(record.notes) + [""]


def _explanation(result: IndicatorResult) -> list[str]:
    actual = result.actual
    assert actual is not None
    parts = []
    if actual.causes or actual.cause_note:
        parts.append(
            "偏差原因："
            + "、".join(c.value for c in actual.causes)
            + (f"（{actual.cause_note}）" if actual.cause_note else "")
        )
    if actual.likelihood:
        parts.append(f"完成可能性：{actual.likelihood.value}")
    if actual.measures:
        parts.append(f"措施：{actual.measures}")
    return [f"      {result.name}：{'；'.join(parts)}"] if parts else []


def _summary(kind: str, records: tuple[RecordResult, ...]) -> str:
    counts = {band: sum(r.band is band for r in records) for band in Band}
    unknown = sum(r.band is None for r in records)
    budget_red = sum(r.budget.band is Band.RED for r in records)
    bands = "、".join(f"{band.word} {n}" for band, n in counts.items())
    return f"{kind} {len(records)} 个：{bands}、无法判断 {unknown}；预算执行为红 {budget_red} 个"


def render_text(result: MonitorResult) -> str:
    """The whole run: a heading, each project and department, the overall warnings and a count by band."""
    year = f"{result.year}年" if result.year else ""
    lines = [
        f"运行监控 {year}1–{result.month}月（时间进度 {_number(result.time_progress)}%，配置 {result.profile}"
        + (f"，地区 {result.region}" if result.region else "")
        + "）",
        "",
    ]
    for kind, records in (("项目", result.projects), ("部门整体", result.departments)):
        if records:
            lines += [f"== {kind} ==", ""]
            for record in records:
                lines += _record(record)
    lines += _notes(result.notes, indent="")
    lines.append("合计：" + _summary("项目", result.projects) + "；" + _summary("部门", result.departments))
    return "\n".join(lines) + "\n"
