"""The 绩效自评表's files in the web: monitoring's file pieces (:mod:`jixiao.web.monitoring.files`) told how
a self-evaluation is drawn — what a 自评表 reports (with the unit's 分值 and qualitative 得分), its score as it
stands (finance's 复核 counted), the year's result, and the 绩效自评表's writer, reader and report (the
year's report for 人大)."""

from __future__ import annotations

from typing import Any

from jixiao.domain import Actuals, Document
from jixiao.evaluate.selfeval_profile import load_selfeval_profile
from jixiao.evaluate.selfeval_results import SelfEvalResult
from jixiao.web.monitoring.files import FileKind, deferred
from jixiao.web.selfeval.convert import selfeval_actuals, stored_score
from jixiao.web.selfeval.models import SelfEvalRound, SelfEvaluation


def _result(round_: Any, projects: tuple[Any, ...], departments: tuple[Any, ...]) -> SelfEvalResult:
    rules = load_selfeval_profile().for_region(round_.region.name)
    g = rules.grades
    return SelfEvalResult(
        round_.year,
        12,
        rules.name,
        round_.region.name,
        (g.excellent, g.good, g.fair),
        projects,
        departments,
    )


def _table(targets: Document, actuals: Actuals, result: SelfEvalResult | None) -> bytes:
    from jixiao.publish.selfeval_table import write_selfeval_table

    return write_selfeval_table(targets, actuals, result, year=actuals.year)


SELFEVAL_FILES = FileKind(
    name="selfeval",
    round_model=SelfEvalRound,
    record_model=SelfEvaluation,
    section="绩效自评",
    table_name="绩效自评表",
    report_name="绩效自评",
    round_field="selfeval_round",
    home="work-selfeval",
    results="得分",
    span=lambda year, month: f"{year}年度",
    reported=selfeval_actuals,
    scored=stored_score,
    result=_result,
    write_table=_table,
    render=deferred("jixiao.publish.selfeval_report", "render_selfeval"),
    read_table=deferred("jixiao.ingest.selfeval_table", "read_selfeval_table"),
)
