"""``jixiao export``, ``jixiao template`` and ``jixiao load-template``: documents out and templates in.

``export --db`` takes a region's stored targets for a year through the same writers as a file export.
Selection by name works alike for both: ``--project`` keeps the named projects, ``--department`` keeps
those departments' targets and all their projects; nothing named keeps everything (for ``--db``, in the
chosen states).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail, fail_bilingual, refuse_file

if TYPE_CHECKING:
    from jixiao.domain import Document


def export(
    to: Annotated[str, typer.Option("--to", help="docx | xlsx | pdf | html | json")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件")],
    source: Annotated[
        Path | None, typer.Argument(help="结构化 JSON 或披露文档 (.json/.txt/.pdf/.docx/.xlsx/.html)")
    ] = None,
    preface: Annotated[
        str, typer.Option("--preface", help="auto: 保留原编报说明; computed: 按表格重新计算")
    ] = "auto",
    project: Annotated[list[str], typer.Option("--project", help="只导出这些项目 (可重复)")] = [],  # noqa: B006
    department: Annotated[
        list[str], typer.Option("--department", help="只导出这些部门及其项目 (可重复)")
    ] = [],  # noqa: B006
    db: Annotated[bool, typer.Option("--db", help="从数据库导出 (需 --region 和 --year)")] = False,
    region: Annotated[str | None, typer.Option("--region", help="--db: 行政区划名称")] = None,
    year: Annotated[int | None, typer.Option("--year", help="--db: 预算年度")] = None,
    state: Annotated[
        str, typer.Option("--state", help="--db: approved (已批复和已公开) | published | all")
    ] = "approved",
) -> None:
    """导出公开文档: 封面、编报说明、目录和全部绩效目标表 (publish a disclosure document)."""
    if db:
        run_export_db(region, year, state, project, department, to, output, preface)
        return
    if source is None:
        fail(
            "请给出输入文件, 或用 --db 从数据库导出",
            "give an input file, or --db to export from the database",
        )
    run_export(source, to, output, preface, project, department)


def template(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出的 .xlsx 模板")],
    source: Annotated[Path | None, typer.Option("--from", help="用上年的 JSON 或披露文档预填")] = None,
    department: Annotated[str | None, typer.Option("--department", help="为该部门生成 (默认: 全部)")] = None,
    year: Annotated[int | None, typer.Option("--year", help="预算年度")] = None,
    projects: Annotated[int, typer.Option("--projects", help="空白模板的项目表数")] = 5,
) -> None:
    """生成部门填报用的 Excel 模板 (write the Excel template departments fill in)."""
    from jixiao.publish.template import write_template

    doc = read_input(source) if source else None
    if doc is not None and department is not None:
        known = {p.department for p in doc.projects} | {d.name for d in doc.departments}
        if department not in known:
            fail(f"文档中没有部门: {department}", f"no such department in the document: {department}")
    output.write_bytes(write_template(doc, department=department, year=year, blank_projects=projects))
    typer.echo(f"已生成填报模板 → {output}", err=True)


def load_template(
    file: Annotated[Path, typer.Argument(help="填好的 .xlsx 模板", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出 JSON (默认: 标准输出)")] = None,
    framework: Annotated[
        str | None,
        typer.Option(
            "--framework", help="按此版指标体系校验一级/二级 (2020 或 2021; 默认: 按各项目自身的指标类别)"
        ),
    ] = None,
) -> None:
    """读取填好的模板, 逐格校验; 有错则整份不导入 (read a filled template; refuse it whole on error)."""
    from jixiao.domain import to_json
    from jixiao.ingest.template import TemplateError
    from jixiao.ingest.template import load_template as read_template

    if not file.is_file():
        fail(f"文件不存在: {file}", f"no such file: {file}")
    if framework not in (None, "2020", "2021"):
        fail(f"指标体系应为 2020 或 2021: {framework}", f"--framework must be 2020 or 2021: {framework}")
    try:
        doc = read_template(file.read_bytes(), file.name, framework)
    except TemplateError as exc:
        refuse_file(exc.errors)
    text = json.dumps(to_json(doc), ensure_ascii=False, indent=1)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text + "\n", encoding="utf-8")
    typer.echo(f"已读取 {len(doc.projects)} 个项目、{len(doc.departments)} 个部门", err=True)


def read_input(path: Path) -> Document:
    """A document from contract JSON or from any disclosure jixiao reads."""
    documents = read_inputs(path)
    if len(documents) != 1:
        fail(
            f"{path.name}: 须为一份文档的 JSON, 而不是 {len(documents)} 份的列表",
            f"{path.name}: must be the JSON of one document, not a list of {len(documents)}",
        )
    return documents[0]


def read_inputs(path: Path) -> list[Document]:
    """The documents of contract JSON as ``jixiao parse`` writes it (one document, or the list it prints
    for several files), or of any disclosure jixiao reads; exit 2 for anything else."""
    from jixiao.domain import from_json

    if path.suffix.lower() != ".json" or not path.is_file():
        from jixiao.cli.parse import read_path

        return [read_path(path)]
    try:
        data = json.loads(path.read_bytes())
        return [from_json(item) for item in (data if isinstance(data, list) else [data])]
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        what = " ".join(str(exc).split())[:200]
        fail(
            f"{path.name}: 不是有效的 jixiao JSON ({what})", f"{path.name}: not jixiao contract JSON ({what})"
        )


def select(doc: Document, projects: list[str], departments: list[str]) -> Document:
    """Keep only the named projects and departments (all when none are named)."""
    if not projects and not departments:
        return doc
    return dataclasses.replace(
        doc,
        projects=tuple(p for p in doc.projects if p.name in projects or (p.department or "") in departments),
        departments=tuple(d for d in doc.departments if d.name in departments),
    )


def check_options(fmt: str, preface: str) -> None:
    from jixiao.publish.formats import FORMATS

    if fmt not in FORMATS:
        fail(f"不支持的格式: {fmt} (可选 {'|'.join(FORMATS)})", f"unknown format: {fmt}")
    if preface not in ("auto", "computed"):
        fail(f"--preface 应为 auto 或 computed: {preface}", f"--preface must be auto or computed: {preface}")


def write_output(doc: Document, fmt: str, output: Path, preface: str) -> None:
    from jixiao.publish.formats import render
    from jixiao.publish.pdf import MissingFontError

    if not doc.projects and not doc.departments:
        fail("所选范围内没有项目或部门", "nothing selected: no project or department matches")
    try:
        content = render(doc, fmt, preface)
    except MissingFontError as exc:
        fail_bilingual(exc)
    output.write_bytes(content)
    typer.echo(f"已导出 {len(doc.projects)} 个项目、{len(doc.departments)} 个部门 → {output}", err=True)


def run_export(
    source: Path, fmt: str, output: Path, preface: str, projects: list[str], departments: list[str]
) -> None:
    check_options(fmt, preface)
    write_output(select(read_input(source), projects, departments), fmt, output, preface)


def run_export_db(
    region_name: str | None,
    year: int | None,
    state: str,
    projects: list[str],
    departments: list[str],
    fmt: str,
    output: Path,
    preface: str,
) -> None:
    from jixiao.web import setup_django

    setup_django()
    from jixiao.web.organisations.models import Region
    from jixiao.web.publishing.document import STATE_CHOICES, region_document

    check_options(fmt, preface)
    if state not in STATE_CHOICES:
        fail(
            f"--state 应为 {'|'.join(STATE_CHOICES)}: {state}",
            f"--state must be one of {'|'.join(STATE_CHOICES)}",
        )
    if not region_name or not year:
        fail("--db 需要 --region 和 --year", "--db needs --region and --year")
    region = Region.objects.filter(name=region_name).first()
    if region is None:
        known = "、".join(Region.objects.values_list("name", flat=True)) or "无"
        fail(f"地区不存在: {region_name} (已有: {known})", f"no such region: {region_name}")
    doc = region_document(region, year, state=state, names=projects, departments=departments)
    if not doc.projects and not doc.departments:
        fail(
            f"{region_name} {year} 年度没有符合条件 (状态: {state}) 的项目或部门目标",
            f"nothing to export: no {state} projects or department targets in {region_name} {year}",
        )
    write_output(doc, fmt, output, preface)
