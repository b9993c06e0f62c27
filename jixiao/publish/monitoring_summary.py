"""The round summary as layout tables and sentences: counts by band, the red and yellow indicators with
the unit's causes and measures, and each budget's execution against the time progress."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.domain import IndicatorActual
from jixiao.domain import monitoring_cells as M
from jixiao.publish.layout import Cell, Table
from jixiao.publish.monitoring_layout import (
    BAND_FILLS,
    BAND_ORDER,
    BAND_WORDS,
    NOT_JUDGED,
    IndicatorLike,
    Monitored,
    RecordLike,
    ResultLike,
    TargetRow,
    actual_text,
    band_cell,
)
from jixiao.publish.reporting_layout import amount, head, label, percent


def _band_counts(records: Sequence[RecordLike]) -> list[int]:
    counts = [sum(r.band is not None and r.band.value == b for r in records) for b in BAND_ORDER]
    return [*counts, sum(r.band is None for r in records), len(records)]


def counts_table(result: ResultLike) -> Table:
    """Counts by band, for projects and departments, and how many budgets are red."""
    t = Table("monitor-counts", (14.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 12.0))
    t.head.append(
        [head("类别")]
        + [Cell(f"{BAND_WORDS[b]}灯", header=True, fill=BAND_FILLS[b]) for b in BAND_ORDER]
        + [head(NOT_JUDGED), head("合计"), head("预算执行红灯")]
    )
    for kind, records in (("项目", result.projects), ("部门整体", result.departments)):
        budget_red = sum(r.budget.band is not None and r.budget.band.value == "red" for r in records)
        counts = [*_band_counts(records), budget_red]
        t.body.append([label(kind)] + [Cell(str(n), number=float(n)) for n in counts])
    return t


def lagging(
    items: Sequence[Monitored],
) -> list[tuple[Monitored, TargetRow, IndicatorActual | None, IndicatorLike]]:
    """Every red or yellow indicator of the monitored items, in order."""
    out = []
    for m in items:
        for row, actual, judged in m.reported():
            if judged is not None and judged.band is not None and judged.band.value in ("red", "yellow"):
                out.append((m, row, actual, judged))
    return out


def lagging_table(items: Sequence[Monitored]) -> Table:
    """红灯、黄灯指标 with the unit's causes and measures."""
    t = Table("monitor-lagging", (5.0, 18.0, 14.0, 8.0, 16.0, 11.0, 11.0, 12.0, 14.0, 14.0))
    t.head.append(
        [
            head(h)
            for h in (
                "序号",
                "项目或部门",
                M.DEPARTMENT,
                M.BAND,
                "指标",
                "年度指标值",
                "当前完成情况",
                "偏差原因",
                "原因说明",
                "改进措施",
            )
        ]
    )
    for n, (m, row, actual, judged) in enumerate(lagging(items), 1):
        t.body.append(
            [
                Cell(str(n), number=float(n)),
                Cell(m.name),
                Cell(m.department or ""),
                band_cell(judged.band, judged.progress),
                Cell(row.name),
                Cell(row.target),
                Cell(actual_text(actual)),
                Cell(M.CAUSE_SEPARATOR.join(c.value for c in actual.causes) if actual else ""),
                Cell((actual.cause_note if actual else None) or ""),
                Cell((actual.measures if actual else None) or ""),
            ]
        )
    if not t.body:
        t.body.append([Cell("无红灯、黄灯指标", colspan=10)])
    return t


def budget_table(items: Sequence[Monitored], time_progress: float) -> Table:
    """预算执行与时间进度: each monitored item's budget, execution rate, the time progress and its band."""
    t = Table("monitor-budget", (5.0, 24.0, 12.0, 12.0, 10.0, 10.0, 10.0, 10.0))
    t.head.append(
        [
            head(h)
            for h in (
                "序号",
                "项目或部门",
                "预算数",
                "执行数",
                M.EXECUTION_RATE,
                "时间进度",
                "执行进度",
                M.BAND,
            )
        ]
    )
    for n, m in enumerate((m for m in items if m.result is not None), 1):
        assert m.result is not None
        b = m.result.budget
        t.body.append(
            [
                Cell(str(n), number=float(n)),
                Cell(m.name),
                Cell(amount(b.basis), number=b.basis),
                Cell(amount(b.executed), number=b.executed),
                Cell(percent(b.execution_rate)),
                Cell(percent(time_progress)),
                Cell(percent(b.ratio)),
                band_cell(b.band),
            ]
        )
    return t


def summary_lines(result: ResultLike, items: Sequence[Monitored]) -> list[str]:
    """The summary in sentences: cut-off and time progress, counts by band, budget execution."""
    lines = [
        f"本次运行监控截至{result.month}月底（{M.month_span(result.month)}），时间进度 {percent(result.time_progress)}。"
    ]
    for kind, records in (("项目", result.projects), ("部门整体绩效目标", result.departments)):
        if not records:
            continue
        counts = _band_counts(records)
        words = "、".join(f"{BAND_WORDS[b]}灯 {n} 个" for b, n in zip(BAND_ORDER, counts, strict=False))
        lines.append(f"共监控{kind} {counts[-1]} 个：{words}，{NOT_JUDGED} {counts[4]} 个。")
    budgets = [r.budget for r in (*result.projects, *result.departments)]
    basis = sum(b.basis or 0.0 for b in budgets if b.executed is not None)
    executed = sum(b.executed or 0.0 for b in budgets if b.basis)
    if basis:
        red = sum(b.band is not None and b.band.value == "red" for b in budgets)
        lines.append(
            f"预算数合计 {amount(basis)} 万元，执行数合计 {amount(executed)} 万元，总体执行率 "
            f"{percent(executed * 100 / basis)}（时间进度 {percent(result.time_progress)}）；预算执行红灯 {red} 个。"
        )
    n = len(lagging(items))
    lines.append(
        f"红灯、黄灯指标共 {n} 个，偏差原因和改进措施见“红灯、黄灯指标”表。" if n else "没有红灯、黄灯指标。"
    )
    return lines
