"""``jixiao profile``: review profiles — list them, and import a region's criteria workbook as a new one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.errors import fail

app = typer.Typer(help="审核配置 (review profiles)", no_args_is_help=True)


@app.command("list")
def list_profiles() -> None:
    """列出内置审核配置 (built-in review profiles)."""
    from jixiao.review.profile import builtin_profiles, load_profile

    for name in builtin_profiles():
        profile = load_profile(name)
        extra = (
            f"（审核口径 {len(profile.criteria)} 条，人工审核项 {len(profile.checklist)} 条）"
            if profile.criteria
            else ""
        )
        typer.echo(f"{name}\t{profile.title}{extra}")


@app.command("import")
def import_criteria(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="审核口径工作簿 (.xlsx)：编码、审核对象、模式、审核细项、审核意见表述、正则表达式"
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="写出的配置文件 (.toml)")],
    name: Annotated[str | None, typer.Option("--name", help="配置名称 (默认: 输出文件名)")] = None,
    polarity: Annotated[
        list[str] | None,
        typer.Option(
            "--polarity", help="编码=match|nomatch：正则描述问题写法 (符合即提出) 或合格写法 (不符合即提出)"
        ),
    ] = None,
) -> None:
    """把审核口径工作簿导入为审核配置；无法从审核细项名称推断方向的正则会逐条询问 (import a criteria workbook)."""
    from jixiao.review.criteria import Flag, pattern_error
    from jixiao.review.criteria_import import (
        CriteriaWorkbookError,
        infer_flag,
        normal_pattern,
        read_workbook,
        to_toml,
    )
    from jixiao.review.profile import ProfileError, load_profile

    answers: dict[str, Flag] = {}
    for answer in polarity or []:
        code, _, value = answer.partition("=")
        if value not in ("match", "nomatch"):
            fail(f"--polarity 须写成 编码=match 或 编码=nomatch，不是 {answer}", f"bad --polarity {answer}")
        answers[code.strip()] = Flag(value)
    try:
        rows = read_workbook(workbook)
    except CriteriaWorkbookError as exc:
        fail(str(exc), "not a criteria workbook")
    flags: dict[str, Flag] = {}
    for row in rows:
        if row.manual:
            continue
        error = pattern_error(normal_pattern(row.pattern))
        if error:
            typer.echo(
                f"警告：审核口径 {row.code}“{row.item}”的正则表达式无法编译（{error}），审核时将提示",
                err=True,
            )
        inferred = answers.get(row.code) or infer_flag(row.item, row.pattern)
        if inferred is None:
            typer.echo(f"审核口径 {row.code}“{row.item}”（{row.target}）：正则 {row.pattern}", err=True)
            reply = ""
            try:
                while reply not in ("match", "nomatch"):
                    reply = typer.prompt(
                        "正则描述的是问题写法 (match，符合即提出) 还是合格写法 (nomatch，不符合即提出)？",
                        err=True,
                    ).strip()
            except typer.Abort:
                fail(
                    f"无法推断审核口径 {row.code}“{row.item}”的方向；请回答，或用 --polarity {row.code}=match|nomatch",
                    f"polarity of {row.code} needed",
                )
            inferred = Flag(reply)
        flags[row.code] = inferred
    profile_name = name or output.stem
    prefix = re.sub(r"[^A-Z0-9]+", "-", profile_name.upper()).strip("-") or "REGION"
    text, skipped = to_toml(profile_name, prefix, rows, flags)
    for why in skipped:
        typer.echo(f"警告：未导入 {why}", err=True)
    output.write_text(text, "utf-8")
    try:
        profile = load_profile(output)
    except ProfileError as exc:
        fail(f"写出的配置无法读取：{exc}", "written profile does not load")
    typer.echo(
        f"已写入 {output}：审核口径 {len(profile.criteria)} 条，人工审核项 {len(profile.checklist)} 条"
        f"（jixiao check 文件 --profile {output}）",
        err=True,
    )
