"""``jixiao library build | show`` and ``jixiao recommend``: the indicator library (指标库) from the shell.

``build`` reads documents with the same readers as ``jixiao parse`` (folders recursively; an unreadable file
is a warning, not the end), ``show`` lists clusters, ``recommend`` suggests indicators for a project. Without a
library file, ``show`` and ``recommend`` use the web database's library (approved, published and imported
targets, with finance's curation), as the web pages do.
Exit codes: 0, or 2 on bad input (no readable document, a missing or malformed library file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail

if TYPE_CHECKING:
    from jixiao.library import Library

app = typer.Typer(
    help="指标库: 由绩效目标文档建立, 查看 (indicator library: build and show).", no_args_is_help=True
)


def open_library(path: Path | None) -> Library:
    """Load a library file (the web database's library when ``path`` is None), or exit 2 with a one-line
    bilingual error."""
    from jixiao.library import LibraryFileError, load

    if path is None:
        return _web_library()
    if not path.is_file():
        fail(f"指标库文件不存在: {path}", f"no such library file: {path}")
    try:
        return load(path)
    except LibraryFileError as exc:
        fail(f"不是指标库文件: {path} ({exc})", f"not a library file: {path}")


def _web_library() -> Library:
    from jixiao.web import setup_django

    setup_django()
    from django.db import DatabaseError

    from jixiao.web.library.store import current

    try:
        return current()
    except DatabaseError as exc:
        fail(
            f"网站数据库无法读取 ({exc}); 请先运行 jixiao manage migrate",
            f"cannot read the web database: {exc}",
        )


@app.command()
def build(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="文档或目录 (jixiao parse 能读的任何文档; 目录下全部可读文件)", show_default=False
        ),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="指标库文件 (.json, 或 .json.gz 压缩)")],
    curation: Annotated[
        Path | None,
        typer.Option("--curation", help="整理记录 (JSON 列表: merge/split/mark/disable/enable/annotate)"),
    ] = None,
) -> None:
    """由文档建立指标库 (build a library file from documents; unreadable files are warnings)."""
    from jixiao.cli.parse import _read, _Unreadable, expand
    from jixiao.cli.progress import steps
    from jixiao.library import Curation, Library, save

    facts: list[Curation] = []
    if curation is not None:
        try:
            facts = [Curation.from_dict(c) for c in json.loads(curation.read_text("utf-8"))]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            fail(f"整理记录无法读取: {curation} ({exc})", f"bad curation file: {curation}")
    library = Library(facts)
    read = 0
    inputs = expand(paths)
    with steps(len(inputs), "建立指标库") as progress:
        for path, relative in inputs:
            try:
                doc = _read(path)
            except _Unreadable as exc:
                progress.note(f"警告: 跳过 {exc.zh} / warning: skipped {exc.en}")
                progress.advance("", str(relative))
                continue
            library.add_document(doc)
            read += 1
            progress.advance("", str(relative))
    if not read:
        fail("没有可读取的文档, 未写出指标库", "no readable document; nothing written")
    save(library, output)
    typer.echo(
        f"已写入 {output}: 文档 {read} 份, 指标 {len(library)} 条, 聚类 {len(library.cluster_keys())} 个",
        err=True,
    )


@app.command()
def show(
    library_path: Annotated[
        Path | None, typer.Argument(help="指标库文件 (省略时使用网站数据库)", show_default=False)
    ] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="按指标名称查找 (包含该文字)")] = None,
    top: Annotated[int, typer.Option("--top", help="最多显示几个聚类")] = 30,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """查看指标库: 聚类、典型值、使用的项目和地区 (list clusters, most used first)."""
    from dataclasses import asdict

    if fmt not in ("text", "json"):
        fail(f"不支持的格式 {fmt}（可用：text、json）", f"unknown format {fmt}")
    library = open_library(library_path)
    found = library.search(query or "", limit=top)
    if fmt == "json":
        typer.echo(json.dumps({"clusters": [asdict(c) for c in found]}, ensure_ascii=False, indent=1))
        return
    where = library_path.name if library_path is not None else "网站数据库"
    typer.echo(f"指标库 {where}: 指标 {len(library)} 条, 聚类 {len(library.cluster_keys())} 个")
    for c in found:
        flags = "".join(f" [{f}]" for f in (c.common, "停用" if c.disabled else None) if f)
        typer.echo(f"\n{c.name}{flags}  ({c.level1 or '-'} / {c.level2 or '部门年度指标'}; {c.direction})")
        typer.echo(f"  典型值 {c.typical_value or '-'}; {c.support}")
        if len(c.names) > 1:
            typer.echo("  同义: " + "、".join(f"{n}({k})" for n, k in c.names[1:8]))
        if c.forms:
            typer.echo("  常见写法: " + "、".join(f"{f}({k})" for f, k in c.forms))
        if len(c.categories) > 1:
            typer.echo("  归类: " + "、".join(f"{a}/{b}({k})" for a, b, k in c.categories))
        if c.regions:
            typer.echo("  地区: " + "、".join(c.regions))
        for note in c.notes:
            typer.echo(f"  备注: {note}")


def recommend(
    name: Annotated[str, typer.Option("--name", help="项目名称", show_default=False)],
    library_path: Annotated[
        Path | None,
        typer.Option("--library", help="指标库文件 (省略时使用网站数据库)", show_default=False),
    ] = None,
    goal: Annotated[str, typer.Option("--goal", help="年度目标或资金用途")] = "",
    department: Annotated[str | None, typer.Option("--department", help="主管部门")] = None,
    category: Annotated[str | None, typer.Option("--category", help="项目类别")] = None,
    top: Annotated[int, typer.Option("--top", help="建议几个指标")] = 10,
    fmt: Annotated[str, typer.Option("--format", help="text | json")] = "text",
) -> None:
    """按项目名称和目标推荐绩效指标及典型值 (suggest indicators with typical values; from the web database's
    library when --library is omitted)."""
    from jixiao.library import by_level2, suggest

    if fmt not in ("text", "json"):
        fail(f"不支持的格式 {fmt}（可用：text、json）", f"unknown format {fmt}")
    if top < 1:
        fail("--top 须为正整数", "--top must be positive")
    library = open_library(library_path)
    found = suggest(library, name, goal=goal, department=department, category=category, top=top)
    if fmt == "json":
        typer.echo(json.dumps({"suggestions": [s.to_dict() for s in found]}, ensure_ascii=False, indent=1))
        return
    typer.echo(f"“{name}”的指标建议（{len(found)} 个，按相关程度）:")
    for level2, group in by_level2(found).items():
        typer.echo(f"\n{level2}")
        for s in group:
            typer.echo(f"  {s.name}  {s.typical_value or '-'}  ({s.support}; 得分 {s.score:.2f})")
