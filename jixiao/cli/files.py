"""What the commands that read actuals and write results share: reading a file, writing one whole or not at
all, refusing a file with every located problem on its own line (exit 2), reading ACTUALS as JSON or as a
filled table, and printing a text or JSON result or writing it to ``-o``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Protocol, TextIO, TypeVar

import typer

from jixiao.cli.errors import fail, fail_bilingual

if TYPE_CHECKING:
    from jixiao.domain import Actuals

RESULT_FORMATS = ("text", "json", "xlsx", "docx", "pdf")

# The TARGETS argument and the ``-o`` option of ``jixiao monitor`` and ``jixiao evaluate``.
TargetsArgument = Annotated[
    Path,
    typer.Argument(
        help="绩效目标: 可读取的公开文档 (.txt/.md/.pdf/.docx/.xlsx/.html) 或 jixiao/disclosure@1 JSON",
        show_default=False,
    ),
]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="输出文件 (默认: 标准输出)")]


def check_result_format(fmt: str) -> None:
    """Exit 2 unless ``fmt`` is one of :data:`RESULT_FORMATS`."""
    if fmt not in RESULT_FORMATS:
        fail(f"不支持的格式 {fmt}（可用：{'、'.join(RESULT_FORMATS)}）", f"unknown format {fmt}")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        fail(f"无法读取文件 {path}: {exc.strerror}", f"cannot read {path}: {exc.strerror}")


def write_file(output: Path, data: bytes) -> None:
    """Write whole or not at all: a partly written report is worse than none."""
    partial = output.with_name(output.name + ".part")
    try:
        partial.write_bytes(data)
        partial.replace(output)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        fail(f"无法写入 {output}: {exc.strerror}", f"cannot write {output}: {exc.strerror}")


def write_rendered(output: Path | None, fmt: str, render: Callable[[], bytes], note: str = "") -> None:
    """Write what ``render`` draws in ``fmt`` (a table or a report: not text, so ``-o`` is required) to
    ``output``; a PDF without a CJK font to embed exits 2 saying which font to install."""
    from jixiao.publish.pdf import MissingFontError

    if output is None:
        fail(f"{fmt} 格式须用 -o 指定输出文件", f"--format {fmt} needs -o OUT")
    try:
        data = render()
    except MissingFontError as exc:
        fail_bilingual(exc)
    write_file(output, data)
    typer.echo(f"已写入 {output}{note}", err=True)


def refuse(
    path: Path, problems: Sequence[object], nothing: tuple[str, str] = ("，未读入", "errors, nothing read")
) -> NoReturn:
    """Every problem of ``path`` on its own line, then the count and what was not done (``nothing``:
    ``，未进行监控``, ``errors in the actuals, nothing monitored``); exit 2."""
    for problem in problems:
        typer.echo(f"错误: {path.name}: {problem}", err=True)
    count = len(problems)
    typer.echo(f"共 {count} 处错误{nothing[0]} / {count} {nothing[1]}", err=True)
    raise typer.Exit(2)


def read_actuals_file(
    path: Path,
    read_table: Callable[[Path], Actuals],
    what: tuple[str, str] = (
        "实际完成情况须为 jixiao/actuals@1 JSON 文件 (.json)",
        "actuals must be jixiao/actuals@1 JSON (.json)",
    ),
    nothing: tuple[str, str] = ("，未读入", "errors, nothing read"),
) -> Actuals:
    """The actuals a command-line path names: a filled table (``.xlsx``, read by ``read_table``) or
    ``jixiao/actuals@1`` JSON; anything else, or any problem in it, exits 2."""
    from jixiao.ingest.actuals import ActualsError, read_actuals

    if path.suffix.lower() == ".xlsx":
        return read_table(path)
    if path.suffix.lower() != ".json":
        fail(f"{what[0]}: {path.name}", f"{what[1]}: {path.name}")
    try:
        return read_actuals(read_bytes(path))
    except ActualsError as exc:
        refuse(path, exc.problems, nothing)


class TextResult(Protocol):
    """A result that prints as JSON (``jixiao monitor``'s, ``jixiao evaluate``'s)."""

    @property
    def projects(self) -> Sequence[object]: ...
    @property
    def departments(self) -> Sequence[object]: ...
    def dumps(self) -> str: ...
    def write_json(self, out: TextIO) -> None: ...


_R = TypeVar("_R", bound=TextResult)


def print_or_write(result: _R, fmt: str, render_text: Callable[[_R], str], output: Path | None) -> None:
    """``result`` as ``json`` or text (``render_text``) on standard output, or written to ``output``."""
    if output is None:
        typer.echo(result.dumps() if fmt == "json" else render_text(result), nl=False)
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            if fmt == "json":
                result.write_json(out)
            else:
                out.write(render_text(result))
    except OSError as exc:
        fail(f"无法写入 {output}: {exc.strerror}", f"cannot write {output}: {exc.strerror}")
    records = len(result.projects) + len(result.departments)
    typer.echo(f"已写入 {output}（{records} 个项目和部门）", err=True)
