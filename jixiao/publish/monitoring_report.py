"""The 执行监控表 with its bands, and the round summary, as DOCX, PDF and XLSX.

Both are a :class:`~jixiao.publish.document.Publication` (cover, a 编报说明 that states the round in
sentences, 目录, parts of tables), so the disclosure's own DOCX, PDF and XLSX writers draw them: the summary
(counts by band, the red and yellow indicators with causes and measures, budget execution against time
progress) first, then one 执行监控表 per project and per department, each band in words and colour beside
its indicator and beside the budget.
"""

from __future__ import annotations

import datetime as dt

from jixiao.domain import Actuals, Document
from jixiao.domain import monitoring_cells as M
from jixiao.publish.document import Part, Publication, Section, report_publication
from jixiao.publish.monitoring_layout import Monitored, ResultLike, indicator_table, info_table, monitored
from jixiao.publish.monitoring_summary import budget_table, counts_table, lagging_table, summary_lines
from jixiao.publish.reporting_layout import draw_report, table_parts


def _summary_part(result: ResultLike, items: list[Monitored]) -> Part:
    return Part(
        "summary",
        M.SUMMARY_TITLE,
        [
            Section("counts", "监控结果统计", "监控结果统计", [counts_table(result)], True),
            Section(
                "lagging",
                "红灯、黄灯指标",
                "红灯、黄灯指标及偏差原因、改进措施",
                [lagging_table(items)],
                True,
            ),
            Section(
                "budget",
                "预算执行与时间进度",
                "预算执行与时间进度",
                [budget_table(items, result.time_progress)],
                True,
            ),
        ],
    )


def _table_parts(result: ResultLike, items: list[Monitored]) -> list[Part]:
    return table_parts(
        items,
        lambda m: m.kind,
        lambda m: m.name,
        lambda m: [info_table(m, result.month, result.time_progress), indicator_table(m)],
        (M.PROJECT_TITLE, M.DEPARTMENT_TITLE),
    )


def monitoring_publication(
    targets: Document,
    actuals: Actuals,
    result: ResultLike,
    *,
    summary_only: bool = False,
    date: dt.date | None = None,
) -> Publication:
    """The round's report: the summary and (unless ``summary_only``) every monitored 执行监控表."""
    items = monitored(targets, actuals, result, every=False)
    year = result.year or targets.year
    title = f"{year or ''}{'年' if year else ''}{M.month_span(result.month)}预算绩效运行监控" + (
        "情况汇总" if summary_only else "报告"
    )
    parts = [_summary_part(result, items)] + ([] if summary_only else _table_parts(result, items))
    return report_publication(targets, year, title, summary_lines(result, items), parts, date)


def render_report(
    targets: Document, actuals: Actuals, result: ResultLike, fmt: str, *, summary_only: bool = False
) -> bytes:
    """The round's report drawn as ``fmt`` (``docx``, ``pdf`` or ``xlsx``; the PDF needs a CJK font)."""
    return draw_report(
        lambda: monitoring_publication(targets, actuals, result, summary_only=summary_only), fmt
    )
