"""``jixiao export-parquet`` and ``jixiao analytics``: the Parquet export and the named analyses on DuckDB or
Spark (issue 18 §5). Both need the optional extra ``analytics`` (pyarrow, DuckDB, PySpark)."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jixiao.cli.errors import fail

if TYPE_CHECKING:
    from jixiao.analytics.engines import Result
    from jixiao.domain import Document
    from jixiao.domain.actuals import Actuals

FORMATS = ("text", "json", "csv")
DIGITS = 6  # decimals printed: the engines' float sums may differ past the 12th digit


def _need_extra() -> None:
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        fail(
            "需要可选依赖 analytics: pip install 'jixiao[analytics]'",
            "needs the extra: pip install 'jixiao[analytics]'",
        )


def export_parquet(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录 (每张表一个子目录)")],
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            help="jixiao parse 的 JSON 或 jixiao generate --format json 的输出目录", show_default=False
        ),
    ] = None,
    db: Annotated[
        bool,
        typer.Option("--db", help="从数据库导出全部地区和年度的项目、部门目标、运行监控和绩效自评"),
    ] = False,
    state: Annotated[
        str, typer.Option("--state", help="--db: 目标和监控表、自评表的状态 approved | published | all")
    ] = "all",
    findings: Annotated[
        bool, typer.Option("--findings/--no-findings", help="运行审核规则写入 findings 表")
    ] = True,
) -> None:
    """导出 Parquet: 项目、指标、部门目标行、实际完成情况、审核问题、指标库聚类 (export Parquet)."""
    _need_extra()
    from jixiao.analytics.export import ParquetExport

    if not db and not sources:
        fail("请给出输入 JSON 或目录, 或用 --db 从数据库导出", "give input JSON files or folders, or --db")
    started = time.perf_counter()
    with ParquetExport(output, findings=findings) as sink:
        for doc, region, monitoring, selfeval in (
            _db_documents(state) if db else _file_documents(sources or [])
        ):
            sink.add(doc, region=region, monitoring=monitoring, selfeval=selfeval)
    counts = ", ".join(f"{t} {n}" for t, n in sorted(sink.counts.items()))
    typer.echo(f"已导出 → {output}: {counts} [{time.perf_counter() - started:.1f} s]", err=True)


# A document, its region where known (else read from its names), its monitoring (one cut-off or several) and
# its year-end actuals
Item = tuple["Document", "str | None", "Actuals | list[Actuals] | None", "Actuals | None"]


def _file_documents(sources: list[Path]) -> Iterator[Item]:
    """Documents of contract JSON files, and of folders ``jixiao generate --format json`` writes (each
    ``targets/NAME.json`` with its ``monitoring/NAME.json`` and ``selfeval/NAME.json``)."""
    from jixiao.cli.export import read_inputs

    for source in sources:
        if not source.is_dir():
            if not source.is_file():
                fail(f"文件不存在: {source}", f"no such file: {source}")
            yield from ((doc, None, None, None) for doc in read_inputs(source))
            continue
        targets = sorted((source / "targets").glob("*.json"))
        if not targets:
            fail(f"{source} 中没有 targets/*.json", f"no targets/*.json under {source}")
        for path in targets:
            for doc in read_inputs(path):
                yield (
                    doc,
                    None,
                    _actuals(source / "monitoring" / path.name),
                    _actuals(source / "selfeval" / path.name),
                )


def _actuals(path: Path) -> Actuals | None:
    from jixiao.ingest.actuals import ActualsError, read_actuals

    if not path.is_file():
        return None
    try:
        return read_actuals(path.read_bytes())
    except ActualsError as exc:
        fail(f"{path}: 实际完成情况无效 ({exc})", f"{path}: not jixiao actuals JSON")


def _db_documents(state: str) -> Iterator[Item]:
    """Every region's year in the web database, one document at a time: its targets, every monitoring
    round's and its self-evaluation's reported records, in the states ``state`` names."""
    from jixiao.web import setup_django

    setup_django()
    from jixiao.web.organisations.models import FiscalYear
    from jixiao.web.publishing.actuals import region_actuals
    from jixiao.web.publishing.document import STATE_CHOICES, region_document

    if state not in STATE_CHOICES:
        fail(
            f"--state 应为 {'|'.join(STATE_CHOICES)}: {state}",
            f"--state must be one of {'|'.join(STATE_CHOICES)}",
        )
    for fy in FiscalYear.objects.select_related("region").order_by("region__name", "year"):
        doc = region_document(fy.region, fy.year, state=state)
        if doc.projects or doc.departments:
            yield doc, fy.region.name, *region_actuals(fy.region, fy.year, state)


def analytics(
    query: Annotated[str, typer.Argument(help="分析名称, 或 all; jixiao analytics list 列出全部")],
    data: Annotated[
        Path, typer.Option("--data", help="Parquet 目录 (jixiao export-parquet / generate 的输出)")
    ] = Path("."),
    engine: Annotated[
        str, typer.Option("--engine", help="duckdb (单机) | spark (集群; 默认 local[2])")
    ] = "duckdb",
    master: Annotated[
        str, typer.Option("--master", help="spark: 集群地址, 如 spark://host:7077")
    ] = "local[2]",
    fmt: Annotated[str, typer.Option("--format", help="text | json | csv")] = "text",
    limit: Annotated[int | None, typer.Option("--limit", help="text: 每个分析最多显示的行数")] = None,
) -> None:
    """运行命名分析: 指标值分布、自评等级和执行率、监控预警、偏差原因、异常值 (run a named analysis on DuckDB or Spark)."""
    from jixiao.analytics.queries import QUERIES

    if query == "list":
        for q in QUERIES.values():
            typer.echo(f"{q.name}\t{q.title}\t{q.description}")
        return
    _need_extra()
    from jixiao.analytics.engines import ENGINES, MissingTable, run

    if engine not in ENGINES:
        fail(
            f"--engine 应为 {' | '.join(ENGINES)}: {engine}", f"--engine must be one of {' | '.join(ENGINES)}"
        )
    if fmt not in FORMATS:
        fail(f"--format 应为 {' | '.join(FORMATS)}: {fmt}", f"--format must be one of {' | '.join(FORMATS)}")
    names = list(QUERIES) if query == "all" else [query]
    if query not in QUERIES and query != "all":
        fail(f"未知的分析: {query} (可选: {', '.join(QUERIES)}, all)", f"unknown analysis: {query}")
    if not data.is_dir():
        fail(f"目录不存在: {data}", f"no such folder: {data}")
    started = time.perf_counter()
    try:
        results = run(engine, data, names, master)
    except MissingTable as exc:
        fail(str(exc), "a table the analysis reads is missing from the Parquet folder")
    seconds = time.perf_counter() - started
    {"text": _text, "json": _json, "csv": _csv}[fmt](results, limit)
    typer.echo(f"{engine}: {', '.join(names)} [{seconds:.2f} s]", err=True)


def printable(value: Any) -> Any:
    """A float to :data:`DIGITS` decimals (so both engines print the same figures); anything else as is."""
    return round(value, DIGITS) if isinstance(value, float) else value


def _text(results: list[Result], limit: int | None) -> None:
    for result in results:
        rows = result.rows if limit is None else result.rows[:limit]
        typer.echo(f"# {result.query} ({len(result.rows)} 行)")
        typer.echo("\t".join(result.columns))
        for row in rows:
            typer.echo("\t".join("" if v is None else str(printable(v)) for v in row))


def _json(results: list[Result], limit: int | None) -> None:
    out = {
        r.query: [dict(zip(r.columns, map(printable, row), strict=True)) for row in r.rows[:limit]]
        for r in results
    }
    typer.echo(json.dumps(out if len(results) > 1 else out[results[0].query], ensure_ascii=False, indent=1))


def _csv(results: list[Result], limit: int | None) -> None:
    from jixiao.publish.safe_cells import csv_field

    writer = csv.writer(sys.stdout)
    for result in results:
        if len(results) > 1:
            writer.writerow([f"# {result.query}"])
        writer.writerow(result.columns)
        writer.writerows([csv_field(printable(v)) for v in row] for row in result.rows[:limit])
