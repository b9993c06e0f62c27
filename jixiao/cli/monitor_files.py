"""The files of 运行监控: ``jixiao monitor-table`` (the blank fill-in 执行监控表) and the report formats
``jixiao monitor --format xlsx|docx|pdf`` writes.

``--format xlsx`` writes the 执行监控表 again with the bands beside each indicator and the budget; it reads
back like the table the unit filled, so a round can go back to a unit with its lights. ``docx`` and ``pdf``
write the round's report (summary first, then each 执行监控表); ``--summary`` writes the summary only, in
any of the three.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail
from jixiao.cli.files import read_actuals_file, read_bytes, refuse, write_file, write_rendered

if TYPE_CHECKING:
    from jixiao.domain import Actuals, Document
    from jixiao.evaluate.results import MonitorResult

FILE_FORMATS = ("xlsx", "docx", "pdf")


def write_report(
    fmt: str, document: Document, actuals: Actuals, result: MonitorResult, output: Path | None, summary: bool
) -> None:
    """Write the ``fmt`` file of a monitoring round to ``output`` (required: these are not text)."""

    def render() -> bytes:
        if fmt == "xlsx" and not summary:
            from jixiao.publish.monitoring_table import write_monitoring_table

            return write_monitoring_table(document, result.month, actuals, result)
        from jixiao.publish.monitoring_report import render_report

        return render_report(document, actuals, result, fmt, summary_only=summary)

    write_rendered(output, fmt, render)


def read_filled_table(path: Path) -> Actuals:
    """The actuals of a filled 执行监控表; every bad cell (``sheet!C12``) on its own line, exit 2 on any."""
    from jixiao.ingest.monitoring_table import MonitoringTableError, read_monitoring_table

    try:
        return read_monitoring_table(read_bytes(path), path.name)
    except MonitoringTableError as exc:
        refuse(path, exc.errors)


def monitor_table(
    targets: Annotated[
        Path,
        typer.Argument(
            help="绩效目标: 可读取的公开文档 (.txt/.md/.pdf/.docx/.xlsx/.html) 或 jixiao/disclosure@1 JSON",
            show_default=False,
        ),
    ],
    month: Annotated[int, typer.Option("--month", help="监控时点: 截至该月底 (1–12, 如 6 即 1–6月)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .xlsx 文件", show_default=False)],
    actuals: Annotated[
        Path | None,
        typer.Option("--actuals", help="用已有的实际完成情况预填 (actuals JSON 或填好的执行监控表 .xlsx)"),
    ] = None,
) -> None:
    """导出空白的项目支出绩效目标执行监控表 (.xlsx), 由单位填写后交 jixiao monitor 读取.

    每个项目 (和部门整体绩效目标) 一张工作表: 表头、项目资金、年度总体目标、指标表按绩效目标预填并锁定;
    黄色单元格由单位填写 (执行数、全年预计执行数、当前完成情况、偏差原因、完成目标可能性、改进措施)。
    填好的表可直接作为 jixiao monitor 的 ACTUALS: jixiao monitor TARGETS 填好的表.xlsx
    (export the blank fill-in monitoring table; the filled table is an ACTUALS file for jixiao monitor).
    """
    from jixiao.cli.export import read_input
    from jixiao.publish.monitoring_table import write_monitoring_table

    if not 1 <= month <= 12:
        fail(f"--month 须为 1–12 的整数: {month}", f"--month must be 1–12: {month}")
    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件须为 .xlsx: {output.name}", f"the output must be .xlsx: {output.name}")
    document = read_input(targets)
    previous = read_actuals_file(actuals, read_filled_table) if actuals is not None else None
    if previous is not None and previous.month != month:
        fail(
            f"实际完成情况的监控时点为 {previous.month} 月，与 --month {month} 不一致",
            f"the actuals are as of month {previous.month}, not {month}",
        )
    write_file(output, write_monitoring_table(document, month, previous))
    count = len(document.projects) + sum(1 for d in document.departments if d.annual_indicators)
    typer.echo(f"已写入 {output}（{count} 张执行监控表，截至 {month} 月底）", err=True)
