"""``jixiao check``: review disclosures (or the stored targets) and print or write the report.

Exit codes: 0 when no finding is an error, 1 when some are, 2 on bad input (missing file, unreadable
document, bad profile), 3 on an internal error (a bug), so a pipeline can gate on it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jixiao.cli.errors import fail
from jixiao.cli.parallel import default_jobs

if TYPE_CHECKING:
    from jixiao.domain import Document
    from jixiao.review.engine import Report


def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="披露文档 (.txt/.md/.pdf/.docx/.xlsx/.html) 或 jixiao parse 写出的 JSON", show_default=False
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="text | json | html | xlsx")] = "text",
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            help="审核配置: 内置名称 (jixiao profile list: default, strict, baoan-2023) 或 TOML 文件",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件 (默认: 标准输出; xlsx 必须指定)")
    ] = None,
    db: Annotated[bool, typer.Option("--db", help="审核数据库中的项目和部门整体绩效目标")] = False,
    colour: Annotated[
        bool | None, typer.Option("--colour/--no-colour", help="终端彩色输出 (默认: 自动)")
    ] = None,
    library: Annotated[
        Path | None,
        typer.Option(
            "--library",
            help="指标库文件 (jixiao library build): 与同类指标比较指标值 (VALUE-UNUSUAL-AMONG-SIMILAR)",
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数, 按文档分配 (默认: CPU 核数)")
    ] = None,
) -> None:
    """审核绩效目标: 完整性、相关性、适当性、可行性 (review targets; exit 1 on errors, 2 on bad input)."""
    run_check(files or [], fmt, profile, output, db, colour, library, jobs)


# What each worker process checks with, set once by _setup (and in this process when --jobs is 1).
_WORKER: dict[str, Any] = {}


def _setup(profile: object, reference: object) -> None:
    _WORKER.update(profile=profile, reference=reference)


def _check_item(item: Path | Document) -> list[Report] | int:
    """The reports of one input: a file (read here, in the worker) or a stored document; the exit code
    instead when the file cannot be read (its error already printed)."""
    from jixiao.cli.export import read_inputs
    from jixiao.review.engine import check_document

    try:
        documents = read_inputs(item) if isinstance(item, Path) else [item]
    except typer.Exit as exc:
        return exc.exit_code
    return [check_document(doc, _WORKER["profile"], _WORKER["reference"]) for doc in documents]


def run_check(
    files: list[Path],
    fmt: str,
    profile_spec: str | None,
    output: Path | None,
    from_db: bool,
    colour: bool | None,
    library_path: Path | None = None,
    jobs: int | None = None,
) -> None:
    from jixiao.cli.parallel import ordered_map
    from jixiao.cli.progress import steps
    from jixiao.review.profile import ProfileError, load_profile
    from jixiao.review.report import FORMATS

    if fmt not in FORMATS:
        fail(f"不支持的格式 {fmt}（可用：{'、'.join(FORMATS)}）", f"unknown format {fmt}")
    if not files and not from_db:
        fail("请给出要审核的文件，或使用 --db 审核数据库中的目标", "give files to check, or --db")
    if fmt == "xlsx" and output is None:
        fail("xlsx 格式须用 -o 指定输出文件", "xlsx needs -o FILE")
    try:
        profile = load_profile(profile_spec)
    except ProfileError as exc:
        fail(str(exc), "bad profile")
    items: list[Path | Document] = list(files)  # each file is read where it is checked
    if from_db:
        from jixiao.web import setup_django

        setup_django()
        from jixiao.web.review_stored import stored_documents

        items += stored_documents()
    reference = None
    if library_path is not None:
        from jixiao.cli.library import open_library

        reference = open_library(library_path)
    workers = min(jobs or default_jobs(), len(items))
    reports: list[Report] = []
    with steps(len(items), "审核", quiet=len(items) < 2) as progress:
        results = ordered_map(_check_item, items, workers, _setup, (profile, reference))
        for item, result in zip(items, results, strict=True):
            if isinstance(result, int):
                raise typer.Exit(result)
            reports += result
            progress.advance("", item.name if isinstance(item, Path) else _source_name(item))
    _write(reports, fmt, output, colour)


def _source_name(doc: Document) -> str:
    return doc.source.name if doc.source else ""


def _write(reports: list[Report], fmt: str, output: Path | None, colour: bool | None) -> None:
    from jixiao.review.report import render_html, render_json, render_text, render_xlsx

    if fmt == "xlsx":
        assert output is not None
        output.write_bytes(render_xlsx(reports))
    else:
        if fmt == "text":
            use_colour = sys.stdout.isatty() if colour is None else colour
            text = render_text(reports, colour=use_colour and output is None)
        else:
            text = render_json(reports) if fmt == "json" else render_html(reports)
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, "utf-8")
    if output is not None:
        total = sum(len(r.findings) for r in reports)
        typer.echo(f"已写入 {output}（{total} 条审核意见）", err=True)
    raise typer.Exit(1 if any(r.has_errors for r in reports) else 0)
