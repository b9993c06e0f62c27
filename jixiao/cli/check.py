"""``jixiao check``: review disclosures (or the stored targets) and print or write the report.

Exit codes: 0 when no finding is an error, 1 when some are, 2 on bad input (missing file, unreadable
document, bad profile), 3 on an internal error (a bug), so a pipeline can gate on it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, cast

import typer

from jixiao.cli.errors import fail
from jixiao.cli.parallel import default_jobs

if TYPE_CHECKING:
    from jixiao.domain import Document
    from jixiao.review.engine import Report
    from jixiao.review.profile import Profile
    from jixiao.review.report.stream import ReportPart, ReportWriter


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


def _setup(profile: object, reference: object, fmt: str, colour: bool = False) -> None:
    _WORKER.update(profile=profile, reference=reference, fmt=fmt, colour=colour)


def _check_item(item: Path | Document) -> list[Report] | list[ReportPart] | int:
    """The reviews of one input — a file (read here, in the worker) or a stored document — rendered here when
    the format allows (only the text and two numbers go back, not the document); the exit code instead when
    the file cannot be read (its error already printed)."""
    from jixiao.cli.export import read_inputs
    from jixiao.review.engine import check_document
    from jixiao.review.report.stream import STREAMED, render_part

    try:
        documents = read_inputs(item) if isinstance(item, Path) else [item]
    except typer.Exit as exc:
        return exc.exit_code
    reports = [check_document(doc, _WORKER["profile"], _WORKER["reference"]) for doc in documents]
    if _WORKER["fmt"] in STREAMED:
        return [render_part(r, _WORKER["fmt"], _WORKER["colour"]) for r in reports]
    return reports


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
    use_colour = (sys.stdout.isatty() if colour is None else colour) and output is None
    workers = min(jobs or default_jobs(), len(items))
    with (
        _ReportSink(fmt, output, profile) as sink,
        steps(len(items), "审核", quiet=len(items) < 2) as progress,
    ):
        results = ordered_map(_check_item, items, workers, _setup, (profile, reference, fmt, use_colour))
        for item, result in zip(items, results, strict=True):
            if isinstance(result, int):
                raise typer.Exit(result)
            sink.add(result)
            progress.advance("", item.name if isinstance(item, Path) else _source_name(item))
    if output is not None:
        typer.echo(f"已写入 {output}（{sink.findings} 条审核意见）", err=True)
    raise typer.Exit(1 if sink.has_errors else 0)


def _source_name(doc: Document) -> str:
    return doc.source.name if doc.source else ""


class _ReportSink:
    """Where the reports go as they arrive, in input order. Text, JSON and HTML are written part by part
    (memory holds one part, not the reports); XLSX needs the whole list, so its reports are kept and drawn at
    the end. Nothing is printed or written unless the run completes: standard output is spooled (to a
    temporary file past a few megabytes) and printed at the end, ``-o`` written beside the file and renamed."""

    def __init__(self, fmt: str, output: Path | None, profile: Profile) -> None:
        self.fmt, self.output, self.profile = fmt, output, profile
        self.reports: list[Report] = []
        self.writer: ReportWriter | None = None
        self._file: IO[str] | None = None
        self._partial = _partial(output) if output is not None else None

    def __enter__(self) -> _ReportSink:
        from jixiao.review.report.stream import SPOOL_BYTES, STREAMED, ReportWriter

        if self.fmt in STREAMED:
            self._file = (
                tempfile.SpooledTemporaryFile(SPOOL_BYTES, "w+", encoding="utf-8")
                if self._partial is None
                else self._partial.open("w", encoding="utf-8")
            )
            self.writer = ReportWriter(self.fmt, self._file, self.profile)
        return self

    def add(self, result: list[Report] | list[ReportPart]) -> None:
        if self.writer is None:
            self.reports += cast("list[Report]", result)
        else:
            for part in cast("list[ReportPart]", result):
                self.writer.write(part)

    @property
    def findings(self) -> int:
        return self.writer.findings if self.writer else sum(len(r.findings) for r in self.reports)

    @property
    def has_errors(self) -> bool:
        return self.writer.has_errors if self.writer else any(r.has_errors for r in self.reports)

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._file is not None:
            with self._file:
                if kind is None and self.writer is not None:
                    self.writer.close()
                    if self.output is None:
                        _echo_file(self._file)
            if self._partial is not None and self.output is not None and self._partial != self.output:
                if kind is None:
                    self._partial.replace(self.output)
                else:
                    self._partial.unlink(missing_ok=True)
        elif kind is None:
            from jixiao.review.report import render_xlsx

            assert self.output is not None  # xlsx needs -o (checked first)
            self.output.write_bytes(render_xlsx(self.reports))


def _partial(output: Path) -> Path:
    """Where ``-o`` is written until the run completes (the path itself when it is no file, as /dev/stdout)."""
    return output if output.exists() and not output.is_file() else output.with_name(output.name + ".part")


def _echo_file(spooled: IO[str]) -> None:
    """Print a spooled output in blocks of whole lines (so no colour code is cut in two)."""
    spooled.seek(0)
    while block := spooled.read(1 << 20):
        typer.echo(block + spooled.readline(), nl=False)
