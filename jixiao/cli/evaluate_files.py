"""The files of 绩效自评: ``jixiao evaluate-table`` (the blank or pre-filled fill-in 绩效自评表) and the formats
``jixiao evaluate --format xlsx|docx|pdf`` writes.

``--format xlsx`` writes the 绩效自评表 again with jixiao's scores, 总分 and 自评等级; it reads back like the
table the unit filled. ``docx`` and ``pdf`` write the self-evaluation report (the report for 人大 first, then
each 自评表); ``--summary`` writes the report alone, in any of the three.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail
from jixiao.cli.files import read_actuals_file, read_bytes, refuse, write_file, write_rendered

if TYPE_CHECKING:
    from jixiao.domain import Actuals, Document
    from jixiao.evaluate.selfeval_results import SelfEvalResult


def write_selfeval_file(
    fmt: str,
    document: Document,
    actuals: Actuals,
    result: SelfEvalResult,
    output: Path | None,
    summary: bool,
) -> None:
    """Write the ``fmt`` file of a year's self-evaluation to ``output`` (required: these are not text)."""

    def render() -> bytes:
        if fmt == "xlsx" and not summary:
            from jixiao.publish.selfeval_table import write_selfeval_table

            return write_selfeval_table(document, actuals, result)
        from jixiao.publish.selfeval_report import render_selfeval

        return render_selfeval(document, actuals, result, fmt, summary_only=summary)

    write_rendered(output, fmt, render, f"（{len(result.records)} 个项目和部门）")


def read_filled_selfeval(path: Path) -> Actuals:
    """The year-end actuals of a filled 绩效自评表; every bad cell (``sheet!C12``) on its own line, exit 2."""
    from jixiao.ingest.selfeval_table import SelfEvalTableError, read_selfeval_table

    try:
        return read_selfeval_table(read_bytes(path), path.name)
    except SelfEvalTableError as exc:
        refuse(path, exc.errors, ("，未评分", "errors in the table, nothing scored"))


def evaluate_table(
    targets: Annotated[
        Path,
        typer.Argument(
            help="绩效目标: 可读取的公开文档 (.txt/.md/.pdf/.docx/.xlsx/.html) 或 jixiao/disclosure@1 JSON",
            show_default=False,
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .xlsx 文件", show_default=False)],
    actuals: Annotated[
        Path | None,
        typer.Option(
            "--actuals", help="用已有的年末实际完成情况预填 (actuals JSON 或填好的绩效自评表 .xlsx)"
        ),
    ] = None,
) -> None:
    """导出项目支出绩效自评表和部门整体支出绩效自评表 (.xlsx), 由单位填写后交 jixiao evaluate 读取.

    每个项目一张项目支出绩效自评表, 每个部门整体绩效目标一张部门整体支出绩效自评表: 表头、项目资金、年度总体目标、
    指标表按绩效目标预填并锁定; 黄色单元格由单位填写 (年初预算数、全年预算数、全年执行数、实际完成值、定性指标的
    完成情况和得分、分值 (可选)、偏差原因、偏差原因分析、改进措施; 部门另填下属单位个数和预算执行偏差说明)。
    填好的表可直接作为 jixiao evaluate 的 ACTUALS: jixiao evaluate TARGETS 填好的表.xlsx
    (export the blank or pre-filled self-evaluation table; the filled table is an ACTUALS file for jixiao evaluate).
    """
    from jixiao.cli.export import read_input
    from jixiao.publish.selfeval_table import write_selfeval_table

    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件须为 .xlsx: {output.name}", f"the output must be .xlsx: {output.name}")
    document = read_input(targets)
    previous = read_actuals_file(actuals, read_filled_selfeval) if actuals is not None else None
    write_file(output, write_selfeval_table(document, previous))
    count = len(document.projects) + sum(1 for d in document.departments if d.annual_indicators)
    typer.echo(f"已写入 {output}（{count} 张绩效自评表）", err=True)
