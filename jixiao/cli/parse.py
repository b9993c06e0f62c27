"""``jixiao parse`` and ``jixiao demo``: read disclosures into the contract JSON.

The readers are imported when a command runs, not when the command line is built, so ``jixiao --help``
stays quick.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail, fail_bilingual

if TYPE_CHECKING:
    from jixiao.domain import Document

SAMPLE_NAMES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="文档或目录 (.txt/.md/.pdf/.docx/.xlsx/.html; 目录下全部可读文件)", show_default=False),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件或目录 (默认: 标准输出)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json | summary")] = "json",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="多个文件时不显示进度")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="有文件无法读取时仍写出其余文件 (退出码仍为 2)")] = False,
    vocabulary: Annotated[
        list[Path] | None, typer.Option("--vocabulary", help="补充表头词表 (TOML, 同 vocabulary.toml 的结构)")
    ] = None,
) -> None:
    """读取绩效目标公开文档或申报表, 输出结构化 JSON (read documents or folders into contract JSON)."""
    run_parse(files, output, fmt, quiet, skip_bad, vocabulary or [])


def demo() -> None:
    """演示: 读取内置的三份样本文档并打印摘要 (read the bundled samples)."""
    from importlib import resources

    from jixiao.ingest import read_document

    typer.echo("jixiao 演示: 读取内置的三份样本绩效目标公开文档\n")
    for name in SAMPLE_NAMES:
        data = resources.files("jixiao").joinpath(f"data/samples/{name}").read_bytes()
        typer.echo(summary_line(read_document(data, name)))
    typer.echo("\n用 `jixiao parse 文件 -o 输出.json` 读取其他文档。")


class _Unreadable(Exception):
    """One input that could not be read: the bilingual message to print."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def _read(path: Path) -> Document:
    from jixiao.ingest import ReadError, read_document

    if not path.exists():
        raise _Unreadable(f"文件不存在: {path}", f"no such file: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _Unreadable(f"无法读取文件 {path}: {exc.strerror}", f"cannot read {path}: {exc.strerror}") from exc
    try:
        return read_document(data, path.name)
    except ReadError as exc:
        raise _Unreadable(f"{path.name}: {exc.message_zh}", f"{path.name}: {exc.message_en}") from exc


def read_path(path: Path) -> Document:
    """Read one document given on the command line, or exit 2 with a one-line bilingual error."""
    if path.is_dir():
        fail(f"是目录而不是文件: {path}", f"is a directory, not a file: {path}")
    try:
        return _read(path)
    except _Unreadable as exc:
        fail(exc.zh, exc.en)


def expand(paths: list[Path]) -> list[tuple[Path, Path]]:
    """Files to read, each with the relative path its output takes: a folder gives every readable file
    under it (sorted; hidden files and Office lock files ``~$…`` skipped)."""
    from jixiao.ingest import CELL_SUFFIXES, TEXT_SUFFIXES

    readable = TEXT_SUFFIXES | CELL_SUFFIXES
    out: list[tuple[Path, Path]] = []
    for path in paths:
        if not path.is_dir():
            out.append((path, Path(path.name)))
            continue
        found = sorted(
            f for f in path.rglob("*")
            if f.is_file() and f.suffix.lower() in readable and not f.name.startswith((".", "~$"))
        )
        if not found:
            fail(f"目录中没有可读取的文档: {path}", f"no readable documents in the folder: {path}")
        out += [(f, f.relative_to(path)) for f in found]
    return out


def summary_line(doc: Document) -> str:
    strategic = sum(1 for d in doc.departments if d.strategic_indicators)
    annual = sum(1 for d in doc.departments if d.annual_indicators)
    indicators = sum(len(p.indicators) for p in doc.projects)
    placeholders = sum(len(p.placeholders) for p in doc.projects)
    return (
        f"{doc.source.name}: {doc.title or '(无标题)'} | 发布: {doc.issuer or '-'} | 年度: {doc.year or '-'}\n"
        f"  项目表 {len(doc.projects)} 个 (指标 {indicators} 条, 资金合计 {doc.total_funds:,.2f} 万元); "
        f"部门 {len(doc.departments)} 个 (战略目标表 {strategic}, 年度目标表 {annual}); "
        f"指标体系 {doc.framework.value} 版; 占位行 {placeholders} 条; 警告 {len(doc.warnings)} 条"
    )


def total_line(documents: list[Document], failed: int) -> str:
    projects = sum(len(d.projects) for d in documents)
    indicators = sum(len(p.indicators) for d in documents for p in d.projects)
    warnings = sum(len(d.warnings) for d in documents)
    return (
        f"合计: 文件 {len(documents) + failed} 个 (读取 {len(documents)}, 失败 {failed}); 项目表 {projects} 个; "
        f"指标 {indicators} 条; 警告 {warnings} 条\n"
    )


def _write_atomically(target: Path, text: str) -> None:
    """Write to a temporary file beside the target and rename: never a partial file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_parse(
    paths: list[Path], output: Path | None, fmt: str, quiet: bool = False, skip_bad: bool = False,
    vocabulary: list[Path] | None = None,
) -> None:
    """Read every input (files or folders) before writing anything. A bad file exits 2 and nothing is
    written (every bad file is named first); with ``skip_bad`` the others are written, still exit 2."""
    if fmt not in ("json", "summary"):
        fail(f"未知的输出格式: {fmt} (可选 json, summary)", f"unknown format: {fmt} (json or summary)")
    if vocabulary:
        use_vocabulary(vocabulary)
    inputs = expand(paths)
    if len(inputs) == 1 and not paths[0].is_dir():
        read = [(inputs[0][1], read_path(inputs[0][0]))]
        failed: list[_Unreadable] = []
    else:
        read, failed = _read_many(inputs, quiet)
        if failed and not skip_bad:
            typer.echo(
                f"错误: {len(failed)} 个文件无法读取, 未写出任何结果 (--skip-bad 写出其余文件) / "
                f"error: {len(failed)} files could not be read, nothing written (--skip-bad writes the rest)",
                err=True,
            )
            raise typer.Exit(2)
    if fmt == "summary":
        text = "\n".join(summary_line(d) for _, d in read) + "\n"
        if len(inputs) > 1:
            text += total_line([d for _, d in read], len(failed))
        if output:
            _write_atomically(output, text)
        else:
            sys.stdout.write(text)
    else:
        _write_json(read, output, several=len(inputs) > 1)
    if failed:
        raise typer.Exit(2)


def use_vocabulary(paths: list[Path]) -> None:
    """Add the words of these files to the header vocabulary for this run (checked before reading)."""
    from jixiao.ingest.interpret.vocabulary import ENVIRONMENT, VocabularyError, load_vocabulary

    try:
        load_vocabulary(*paths)
    except VocabularyError as exc:
        fail_bilingual(exc)
    os.environ[ENVIRONMENT] = os.pathsep.join(str(p.resolve()) for p in paths)


def _read_many(inputs: list[tuple[Path, Path]], quiet: bool) -> tuple[list[tuple[Path, Document]], list[_Unreadable]]:
    """Read many files, showing progress on standard error: a bar on a terminal, else a line per file."""
    from jixiao.cli.progress import steps

    read: list[tuple[Path, Document]] = []
    failed: list[_Unreadable] = []
    with steps(len(inputs), "读取文档", quiet=quiet) as progress:
        for n, (path, relative) in enumerate(inputs, 1):
            try:
                doc = _read(path)
            except _Unreadable as exc:
                failed.append(exc)
                progress.note(f"[{n}/{len(inputs)}] 错误: {exc.zh} / error: {exc.en}")
                progress.advance("", str(relative))
                continue
            read.append((relative, doc))
            indicators = sum(len(p.indicators) for p in doc.projects)
            progress.advance(
                f"[{n}/{len(inputs)}] {relative}: 项目 {len(doc.projects)}, 指标 {indicators}, "
                f"部门 {len(doc.departments)}, 警告 {len(doc.warnings)}",
                str(relative),
            )
    return read, failed


def _write_json(read: list[tuple[Path, Document]], output: Path | None, several: bool) -> None:
    from jixiao.domain import to_json

    payloads = [(rel, json.dumps(to_json(d), ensure_ascii=False, indent=1) + "\n") for rel, d in read]
    if output is None:
        if len(payloads) == 1 and not several:
            sys.stdout.write(payloads[0][1])
        else:
            sys.stdout.write("[\n" + ",\n".join(p.rstrip("\n") for _, p in payloads) + "\n]\n")
        return
    if several or output.is_dir():
        if output.exists() and not output.is_dir():
            fail(f"多个输入文件时 -o 必须是目录: {output}", f"with several inputs, -o must be a directory: {output}")
        for relative, payload in payloads:
            _write_atomically(output / relative.with_suffix(".json"), payload)
        return
    _write_atomically(output, payloads[0][1])
