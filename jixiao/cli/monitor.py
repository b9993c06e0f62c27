"""``jixiao monitor``: a year's targets against what happened by a cut-off month, as traffic lights.

Exit codes, as ``jixiao check``: 0 when nothing is red, 1 when a project's or department's band or its
budget execution is red, 2 on bad input (missing or unreadable file, malformed actuals, bad profile).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail
from jixiao.cli.files import OutputOption, TargetsArgument, check_result_format

if TYPE_CHECKING:
    from jixiao.domain import Actuals


def monitor(
    targets: TargetsArgument,
    actuals: Annotated[
        Path,
        typer.Argument(
            help="实际完成情况: jixiao/actuals@1 JSON 文件 (.json) 或填好的执行监控表 (.xlsx, 见 jixiao monitor-table)",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text | json | xlsx (执行监控表加监控结果, 可再读入) | docx | pdf (监控报告: 汇总和各表); 后三种须 -o",
        ),
    ] = "text",
    profile: Annotated[
        str | None,
        typer.Option("--profile", help="监控配置: 内置名称 (default) 或 TOML 文件 (只写与默认不同的键)"),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="地区: 监控配置 regions 表中该地区的规则对它生效")
    ] = None,
    output: OutputOption = None,
    summary: Annotated[bool, typer.Option("--summary", help="xlsx/docx/pdf 只写监控情况汇总报告")] = False,
) -> None:
    """运行监控: 预算执行和指标进度的红黄绿蓝 (monitor targets against actuals; exit 1 on red, 2 on bad input)."""
    code = run_monitor(targets, actuals, fmt, profile, region, output, summary)
    raise typer.Exit(code)


def read_actuals_path(path: Path) -> Actuals:
    """The actuals a command-line path names: ``jixiao/actuals@1`` JSON or a filled 执行监控表 (.xlsx); anything
    else exits 2."""
    from jixiao.cli.files import read_actuals_file
    from jixiao.cli.monitor_files import read_filled_table

    return read_actuals_file(
        path, read_filled_table, nothing=("，未进行监控", "errors in the actuals, nothing monitored")
    )


def run_monitor(
    targets_path: Path,
    actuals_path: Path,
    fmt: str,
    profile_spec: str | None,
    region: str | None,
    output: Path | None,
    summary: bool = False,
) -> int:
    """Read, monitor, print or write; the exit code (0, or 1 when anything is red). Bad input exits 2."""
    from jixiao.cli.export import read_input
    from jixiao.cli.files import print_or_write
    from jixiao.evaluate.monitor import monitor as run
    from jixiao.evaluate.profile import ProfileError, load_profile
    from jixiao.evaluate.report import render_text

    check_result_format(fmt)
    try:
        profile = load_profile(profile_spec)
    except ProfileError as exc:
        fail(str(exc), "bad monitoring profile")
    document = read_input(targets_path)
    actuals = read_actuals_path(actuals_path)
    result = run(document, actuals, profile, region)
    if fmt in ("xlsx", "docx", "pdf"):
        from jixiao.cli.monitor_files import write_report

        write_report(fmt, document, actuals, result, output, summary)
        return 1 if result.has_red else 0
    print_or_write(result, fmt, render_text, output)
    return 1 if result.has_red else 0
