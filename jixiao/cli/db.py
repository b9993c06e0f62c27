"""``jixiao db``: the database's own upkeep. ``jixiao db partitions`` lists the yearly partitions of the
indicator table on PostgreSQL (rows and size of each) and, with ``--add-year``, adds a year's partition."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.errors import fail_bilingual

app = typer.Typer(help="数据库维护 (database upkeep)", no_args_is_help=True)


def _size(size: int) -> str:
    value, unit = float(size), "B"
    for larger in ("kB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, larger
    return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"


@app.command("partitions")
def partitions(
    add_year: Annotated[
        int | None,
        typer.Option("--add-year", help="新建该年度的分区, 并把默认分区中该年度的指标行移入 (一个事务)"),
    ] = None,
) -> None:
    """列出指标表的年度分区 (行数、大小), 或新建一个年度的分区 (PostgreSQL; list or add yearly partitions)."""
    from jixiao.web import setup_django

    setup_django()
    from jixiao.web.targets import partitions as parts

    try:
        if add_year is not None:
            moved = parts.add_year(add_year)
            typer.echo(
                f"已新建 {add_year} 年度分区 {parts.partition_name(add_year)}，"
                f"从默认分区移入 {moved} 行 / partition for {add_year} added, {moved} rows moved"
            )
            return
        found = parts.partitions()
    except parts.PartitionError as exc:
        fail_bilingual(exc)
    typer.echo(f"{'分区 / partition':<32}{'年度':>6}{'行数 / rows':>14}{'大小 / size':>14}")
    for p in found:
        year = str(p.year) if p.year is not None else "默认"
        typer.echo(f"{p.name:<32}{year:>6}{p.rows:>14,}{_size(p.size):>14}")
    total = sum(p.rows for p in found)
    typer.echo(f"共 {len(found)} 个分区，{total:,} 行 / {len(found)} partitions, {total:,} rows")
