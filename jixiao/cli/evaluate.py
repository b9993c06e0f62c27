"""``jixiao evaluate``: a year's targets against its year-end actuals, scored as 绩效自评 (issue 13).

Exit codes: 0; 1 when any project or department has a red warning or the grade 差; 2 on bad input — a missing
or unreadable file, malformed actuals, a bad profile, or a self-evaluation the unit must correct (a qualitative
score outside its range, a missing cause where points are lost), each named by project and indicator.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from jixiao.cli.errors import fail
from jixiao.cli.files import OutputOption, TargetsArgument, check_result_format
from jixiao.cli.parallel import JobsOption, records_mapper

RECORDS_BATCH = 200  # records a task scores: one takes about a millisecond, so batches pay for the pickling

if TYPE_CHECKING:
    from jixiao.domain import Actuals
    from jixiao.evaluate.selfeval_results import SelfEvalResult


def evaluate(
    targets: TargetsArgument,
    actuals: Annotated[
        Path,
        typer.Argument(
            help="年末实际完成情况: jixiao/actuals@1 JSON 文件 (.json, month 12) 或填好的绩效自评表 "
            "(.xlsx, 见 jixiao evaluate-table)",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text | json | xlsx (绩效自评表加计算得分和等级, 可再读入) | docx | pdf "
            "(自评报告: 情况报告和各自评表); 后三种须 -o",
        ),
    ] = "text",
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile", help="配置: 内置名称 (default) 或 TOML 文件 (selfeval 表中只写与默认不同的键)"
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", help="地区: 配置 selfeval.regions 中该地区的规则 (如等级线) 对它生效"),
    ] = None,
    output: OutputOption = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="xlsx/docx/pdf 只写年度绩效自评情况报告 (报人大: 等级分布、中差项目、预警)"
        ),
    ] = False,
    jobs: JobsOption = None,
) -> None:
    """绩效自评: 指标与预算执行得分、总分、等级和结果应用 (self-evaluation; exit 1 on a red warning or 差, 2 on bad input)."""
    raise typer.Exit(run_evaluate(targets, actuals, fmt, profile, region, output, summary, jobs))


def _read_actuals(path: Path) -> Actuals:
    from jixiao.cli.evaluate_files import read_filled_selfeval
    from jixiao.cli.files import read_actuals_file

    what = (
        "年末实际完成情况须为 jixiao/actuals@1 JSON 文件 (.json) 或填好的绩效自评表 (.xlsx)",
        "actuals must be jixiao/actuals@1 JSON (.json) or a filled self-evaluation table (.xlsx)",
    )
    nothing = ("（实际完成情况），未评分", "errors in the actuals, nothing scored")
    return read_actuals_file(path, read_filled_selfeval, what, nothing)


def _refuse(lines: list[str], what_zh: str, what_en: str) -> NoReturn:
    for line in lines:
        typer.echo(f"错误: {line}", err=True)
    count = len(lines)
    typer.echo(
        f"共 {count} 处错误（{what_zh}），未评分 / {count} errors in {what_en}, nothing scored", err=True
    )
    raise typer.Exit(2)


def _errors(result: SelfEvalResult) -> list[str]:
    """Each error of the self-evaluation, named by project (or department) and indicator."""
    lines = []
    for kind, records in (("项目", result.projects), ("部门", result.departments)):
        for record in records:
            lines += [f"{kind}“{record.name}”: {f.message}" for f in record.errors]
    return lines


def run_evaluate(
    targets_path: Path,
    actuals_path: Path,
    fmt: str,
    profile_spec: str | None,
    region: str | None,
    output: Path | None,
    summary: bool = False,
    jobs: int | None = None,
) -> int:
    """Read, score, print or write; the exit code (0, or 1 on a red warning or 差). Bad input exits 2."""
    from jixiao.cli.export import read_input
    from jixiao.cli.files import print_or_write
    from jixiao.evaluate.profile import ProfileError
    from jixiao.evaluate.selfeval import evaluate as score
    from jixiao.evaluate.selfeval_profile import load_selfeval_profile
    from jixiao.evaluate.selfeval_report import render_selfeval_text

    check_result_format(fmt)
    if fmt in ("xlsx", "docx", "pdf") and output is None:
        fail(f"{fmt} 格式须用 -o 指定输出文件", f"--format {fmt} needs -o OUT")
    try:
        profile = load_selfeval_profile(profile_spec)
    except ProfileError as exc:
        fail(str(exc), "bad self-evaluation profile")
    document = read_input(targets_path)
    actuals = _read_actuals(actuals_path)
    result = score(document, actuals, profile, region, records_mapper(jobs, RECORDS_BATCH))
    if errors := _errors(result):
        _refuse(errors, "自评须更正", "the self-evaluation")
    if fmt in ("xlsx", "docx", "pdf"):
        from jixiao.cli.evaluate_files import write_selfeval_file

        write_selfeval_file(fmt, document, actuals, result, output, summary)
    else:
        print_or_write(result, fmt, render_selfeval_text, output)
    return 1 if result.has_red_or_poor else 0
