"""``jixiao export``, ``jixiao template`` and ``jixiao load-template``: documents out and templates in."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from jixiao.cli import fail
from jixiao.domain import Document, from_json, to_json

FORMATS = ("docx", "xlsx", "pdf", "html", "json")


def read_input(path: Path) -> Document:
    """A document from contract JSON or from any disclosure jixiao reads."""
    if path.suffix.lower() != ".json" or not path.is_file():
        from jixiao.cli_parse import read_path

        return read_path(path)
    try:
        return from_json(json.loads(path.read_bytes()))
    except (ValueError, KeyError, TypeError) as exc:
        fail(f"{path.name}: 不是有效的 jixiao JSON ({exc})", f"{path.name}: not jixiao contract JSON ({exc})")


def select(doc: Document, projects: list[str], departments: list[str]) -> Document:
    """Keep only the named projects and departments (all when none are named)."""
    import dataclasses

    if not projects and not departments:
        return doc
    return dataclasses.replace(
        doc,
        projects=tuple(p for p in doc.projects if p.name in projects or (p.department or "") in departments),
        departments=tuple(d for d in doc.departments if d.name in departments),
    )


def render(doc: Document, fmt: str, preface: str) -> bytes:
    """``doc`` drawn by the ``fmt`` writer; the page and the command both call this.

    Raises the PDF writer's ``MissingFontError`` when no CJK font is installed.
    """
    if fmt == "json":
        return json.dumps(to_json(doc), ensure_ascii=False, indent=1).encode("utf-8")
    from jixiao.publish import document

    pub = document.build(doc, preface="computed" if preface == "computed" else "auto")
    if fmt == "docx":
        from jixiao.publish import docx as writer
    elif fmt == "xlsx":
        from jixiao.publish import xlsx as writer  # type: ignore[no-redef]
    elif fmt == "html":
        from jixiao.publish import html as writer  # type: ignore[no-redef]
    else:
        from jixiao.publish import pdf as writer  # type: ignore[no-redef]
    return writer.write(pub)


def publish_bytes(doc: Document, fmt: str, preface: str) -> bytes:
    from jixiao.publish.pdf import MissingFontError

    try:
        return render(doc, fmt, preface)
    except MissingFontError as exc:
        zh, _, en = str(exc).partition(" / ")
        fail(zh, en)


def check_options(fmt: str, preface: str) -> None:
    if fmt not in FORMATS:
        fail(f"不支持的格式: {fmt} (可选 {'|'.join(FORMATS)})", f"unknown format: {fmt}")
    if preface not in ("auto", "computed"):
        fail(f"--preface 应为 auto 或 computed: {preface}", f"--preface must be auto or computed: {preface}")


def write_output(doc: Document, fmt: str, output: Path, preface: str) -> None:
    if not doc.projects and not doc.departments:
        fail("所选范围内没有项目或部门", "nothing selected: no project or department matches")
    output.write_bytes(publish_bytes(doc, fmt, preface))
    typer.echo(f"已导出 {len(doc.projects)} 个项目、{len(doc.departments)} 个部门 → {output}", err=True)


def run_export(source: Path, fmt: str, output: Path, preface: str, projects: list[str],
               departments: list[str]) -> None:
    check_options(fmt, preface)
    write_output(select(read_input(source), projects, departments), fmt, output, preface)


def run_template(source: Path | None, department: str | None, year: int | None, output: Path,
                 blank_projects: int) -> None:
    from jixiao.publish.template import write_template

    doc = read_input(source) if source else None
    if doc is not None and department is not None:
        known = {p.department for p in doc.projects} | {d.name for d in doc.departments}
        if department not in known:
            fail(f"文档中没有部门: {department}", f"no such department in the document: {department}")
    output.write_bytes(write_template(doc, department=department, year=year, blank_projects=blank_projects))
    typer.echo(f"已生成填报模板 → {output}", err=True)


def run_load_template(path: Path, output: Path | None) -> None:
    from jixiao.publish.template import TemplateError
    from jixiao.publish.template_loader import load_template

    if not path.is_file():
        fail(f"文件不存在: {path}", f"no such file: {path}")
    try:
        doc = load_template(path.read_bytes(), path.name)
    except TemplateError as exc:
        for error in exc.errors:
            typer.echo(f"错误: {error}", err=True)
        typer.echo(f"共 {len(exc.errors)} 处错误, 文件未导入 / {len(exc.errors)} errors, nothing loaded", err=True)
        raise typer.Exit(1) from exc
    text = json.dumps(to_json(doc), ensure_ascii=False, indent=1)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
    typer.echo(f"已读取 {len(doc.projects)} 个项目、{len(doc.departments)} 个部门", err=True)
