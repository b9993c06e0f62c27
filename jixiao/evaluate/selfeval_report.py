"""A self-evaluation as text for a terminal: per project and department a Chinese table of 分值 and 得分, the
budget's score, 总分, 等级 and its consequence, then the warnings; a count by grade at the end."""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.domain.values import format_number
from jixiao.evaluate.report import table_row
from jixiao.evaluate.results import Band
from jixiao.evaluate.selfeval_results import (
    BudgetScore,
    Finding,
    Grade,
    IndicatorScore,
    RecordScore,
    SelfEvalResult,
)

_COLUMNS = (("指标", 24), ("目标值", 14), ("实际完成", 14), ("口径", 8), ("分值", 6), ("得分", 6))
_BANDS = {Band.RED: "红色预警", Band.YELLOW: "黄色预警"}


def _points(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _budget_line(budget: BudgetScore) -> str:
    if budget.score is None or budget.basis is None or budget.executed is None:
        return f"  预算执行：无法计算（分值 {_points(budget.weight)}，得分 0.00）"
    rate = "—" if budget.execution_rate is None else f"{budget.execution_rate:.1f}%"
    return (
        f"  预算执行：全年预算数 {format_number(budget.basis)} 万元，全年执行数 {format_number(budget.executed)} 万元，"
        f"执行率 {rate}，分值 {_points(budget.weight)}，得分 {_points(budget.score)}"
    )


def _indicator_row(result: IndicatorScore) -> str:
    actual = result.actual
    reported = (actual.actual.raw or (actual.status.value if actual.status else "")) if actual else ""
    return table_row(
        (
            result.name,
            result.target,
            reported or "（未填报）",
            result.formula.word if result.formula else "—",
            _points(result.weight),
            _points(result.score),
        ),
        _COLUMNS,
    )


def _finding(finding: Finding, indent: str = "  ") -> str:
    label = _BANDS[finding.band] if finding.band else "错误" if finding.error else "提示"
    return f"{indent}{label}：{finding.message}"


def _record(record: RecordScore) -> list[str]:
    code = f"（编码 {record.code}）" if record.code else ""
    lines = [f"【{record.grade.value}】{record.name}{code}", _budget_line(record.budget)]
    lines += [_finding(f) for f in record.budget.findings]
    if record.indicators:
        lines.append(table_row((name for name, _ in _COLUMNS), _COLUMNS))
    for result in record.indicators:
        lines.append(_indicator_row(result))
        lines += [_finding(f, f"      {result.name}：") for f in result.findings]
    lines.append(
        f"  总分：指标 {_points(record.indicator_score)} + 预算执行 {_points(record.budget.score or 0.0)}"
        f" = {_points(record.total)}，等级 {record.grade.value}，结果应用：{record.consequence}"
    )
    return lines + [_finding(f) for f in record.findings] + [""]


def _summary(kind: str, records: Iterable[RecordScore]) -> str:
    records = tuple(records)
    grades = "、".join(f"{g.value} {sum(r.grade is g for r in records)}" for g in Grade)
    red = sum(r.has_red for r in records)
    yellow = sum(any(f.band is Band.YELLOW for f in r.findings) for r in records)
    return f"{kind} {len(records)} 个：{grades}；红色预警 {red}、黄色预警 {yellow}"


def render_selfeval_text(result: SelfEvalResult) -> str:
    """The whole self-evaluation: a heading, each project and department, the overall notes and the counts."""
    excellent, good, fair = (format_number(x) for x in result.grade_edges)
    year = f"{result.year}年度" if result.year else ""
    lines = [
        f"绩效自评 {year}（配置 {result.profile}"
        + (f"，地区 {result.region}" if result.region else "")
        + f"；优 ≥ {excellent}，良 ≥ {good}，中 ≥ {fair}，差 < {fair}）",
        "",
    ]
    for kind, records in (("项目", result.projects), ("部门整体", result.departments)):
        if records:
            lines += [f"== {kind} ==", ""]
            for record in records:
                lines += _record(record)
    lines += [_finding(n, "") for n in result.notes]
    lines.append("合计：" + _summary("项目", result.projects) + "；" + _summary("部门", result.departments))
    return "\n".join(lines) + "\n"
