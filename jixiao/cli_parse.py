"""``jixiao parse`` and ``jixiao demo``: read disclosures into the contract JSON."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

import typer

from jixiao.cli import fail
from jixiao.domain import Document, to_json
from jixiao.ingest import ReadError, read_document

SAMPLE_NAMES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


def read_path(path: Path) -> Document:
    """Read one document given on the command line, or exit 2 with a one-line bilingual error."""
    if not path.exists():
        fail(f"文件不存在: {path}", f"no such file: {path}")
    if path.is_dir():
        fail(f"是目录而不是文件: {path}", f"is a directory, not a file: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"无法读取文件 {path}: {exc.strerror}", f"cannot read {path}: {exc.strerror}")
    try:
        return read_document(data, path.name)
    except ReadError as exc:
        fail(f"{path.name}: {exc.message_zh}", f"{path.name}: {exc.message_en}")


def summary_line(doc: Document) -> str:
    strategic = sum(1 for d in doc.departments if d.strategic_indicators)
    annual = sum(1 for d in doc.departments if d.annual_indicators)
    indicators = sum(len(p.indicators) for p in doc.projects)
    return (
        f"{doc.source.name}: {doc.title or '(无标题)'} | 发布: {doc.issuer or '-'} | 年度: {doc.year or '-'}\n"
        f"  项目表 {len(doc.projects)} 个 (指标 {indicators} 条, 资金合计 {doc.total_funds:,.2f} 万元); "
        f"部门 {len(doc.departments)} 个 (战略目标表 {strategic}, 年度目标表 {annual}); "
        f"指标体系 {doc.framework.value} 版; 警告 {len(doc.warnings)} 条"
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


def run_parse(files: list[Path], output: Path | None, fmt: str) -> None:
    if fmt not in ("json", "summary"):
        fail(f"未知的输出格式: {fmt} (可选 json, summary)", f"unknown format: {fmt} (json or summary)")
    documents = [read_path(path) for path in files]  # read everything before writing anything
    if fmt == "summary":
        text = "\n".join(summary_line(d) for d in documents) + "\n"
        if output:
            _write_atomically(output, text)
        else:
            sys.stdout.write(text)
        return
    payloads = [json.dumps(to_json(d), ensure_ascii=False, indent=1) + "\n" for d in documents]
    if output is None:
        if len(payloads) == 1:
            sys.stdout.write(payloads[0])
        else:
            sys.stdout.write("[\n" + ",\n".join(p.rstrip("\n") for p in payloads) + "\n]\n")
        return
    if len(files) > 1 or output.is_dir():
        if output.exists() and not output.is_dir():
            fail(f"多个输入文件时 -o 必须是目录: {output}", f"with several inputs, -o must be a directory: {output}")
        for path, payload in zip(files, payloads, strict=True):
            _write_atomically(output / f"{path.stem}.json", payload)
        return
    _write_atomically(output, payloads[0])


def run_demo() -> None:
    typer.echo("jixiao 演示: 读取内置的三份样本绩效目标公开文档\n")
    for name in SAMPLE_NAMES:
        data = resources.files("jixiao").joinpath(f"data/samples/{name}").read_bytes()
        doc = read_document(data, name)
        typer.echo(summary_line(doc))
    typer.echo("\n用 `jixiao parse 文件 -o 输出.json` 读取其他文档。")
