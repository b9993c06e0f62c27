"""The 绩效自评表 with its scores and grades, and the year's report for 人大, as DOCX, PDF and XLSX.

Both are a :class:`~jixiao.publish.document.Publication` (cover, a 编报说明 stating the year in sentences,
目录, parts of tables), so the disclosure's own writers draw them, as they draw monitoring's report: the
report (grade distribution, results by 主管部门, the projects graded 中 and 差, the red and yellow warnings,
the other findings) first, then a 项目支出绩效自评表 per project and a 部门整体支出绩效自评表 per department,
each with 分值 and 得分 beside every indicator and the budget, 总分, 自评等级 in colour and 结果应用.
"""

from __future__ import annotations

import datetime as dt

from jixiao.domain import Actuals, Document
from jixiao.domain import selfeval_cells as S
from jixiao.publish.document import Part, Publication, Section, report_publication
from jixiao.publish.reporting_layout import draw_report, table_parts
from jixiao.publish.selfeval_layout import Evaluated, SelfEvalLike, evaluated, indicator_table, info_table
from jixiao.publish.selfeval_summary import (
    counts_table,
    department_table,
    findings_table,
    low_table,
    summary_lines,
    warnings_table,
)


def _summary_part(result: SelfEvalLike, items: list[Evaluated]) -> Part:
    sections = [
        ("grades", "自评等级分布", counts_table(result)),
        ("by-department", "按主管部门汇总", department_table(items)),
        ("low", "等级为中、差的项目", low_table(items)),
        ("warnings", "红色、黄色预警", warnings_table(items)),
        ("findings", "其他发现", findings_table(items, result.notes)),
    ]
    return Part("summary", S.REPORT_TITLE, [Section(a, t, t, [table], True) for a, t, table in sections])


def _table_parts(items: list[Evaluated]) -> list[Part]:
    return table_parts(
        items,
        lambda e: e.item.kind,
        lambda e: e.item.name,
        lambda e: [info_table(e), indicator_table(e)],
        (S.PROJECT_TITLE, S.DEPARTMENT_TITLE),
    )


def selfeval_publication(
    targets: Document,
    actuals: Actuals,
    result: SelfEvalLike,
    *,
    summary_only: bool = False,
    date: dt.date | None = None,
) -> Publication:
    """The year's self-evaluation: the report for 人大 and (unless ``summary_only``) every scored 自评表."""
    items = evaluated(targets, actuals, result, every=False)
    year = result.year or targets.year
    title = f"{year or ''}{'年度' if year else ''}" + (S.REPORT_TITLE if summary_only else "绩效自评报告")
    parts = [_summary_part(result, items)] + ([] if summary_only else _table_parts(items))
    return report_publication(targets, year, title, summary_lines(result, items), parts, date)


def render_selfeval(
    targets: Document, actuals: Actuals, result: SelfEvalLike, fmt: str, *, summary_only: bool = False
) -> bytes:
    """The self-evaluation drawn as ``fmt`` (``docx``, ``pdf`` or ``xlsx``; the PDF needs a CJK font)."""
    return draw_report(lambda: selfeval_publication(targets, actuals, result, summary_only=summary_only), fmt)
