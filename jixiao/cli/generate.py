"""``jixiao generate``: a whole simulated budget year, for measuring jixiao at scale (issue 18 §1).

Parquet (the export's tables, ready for ``jixiao analytics``) or contract JSON (one disclosure and two
actuals files per region, which ``jixiao export-parquet``, ``check``, ``monitor`` and ``evaluate`` read). The
regions are produced and written one at a time: memory stays that of one region and one row batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.errors import fail

if TYPE_CHECKING:
    from jixiao.generate import Region

FORMATS = ("parquet", "json")


def generate(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")],
    projects: Annotated[
        int, typer.Option("--projects", min=1, help="项目数 (如 1000、50000、1000000)")
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="随机种子: 同一种子生成同样的数据")] = 1,
    year: Annotated[int, typer.Option("--year", help="预算年度")] = 2024,
    fmt: Annotated[
        str, typer.Option("--format", help="parquet | json (每个地区一个披露文档和两份实际完成情况)")
    ] = "parquet",
    jobs: Annotated[
        int, typer.Option("--jobs", min=1, help="parquet: 并行进程数 (每个进程写自己的分片)")
    ] = 1,
    findings: Annotated[
        bool, typer.Option("--findings/--no-findings", help="parquet: 同时运行审核规则写入 findings 表")
    ] = False,
) -> None:
    """生成模拟的一个预算年度 (地区 → 部门 → 项目 → 指标, 部门目标, 运行监控和绩效自评) (generate a simulated year)."""
    from jixiao.generate import generate_year, load_stats

    if fmt not in FORMATS:
        fail(f"--format 应为 {' | '.join(FORMATS)}: {fmt}", f"--format must be one of {' | '.join(FORMATS)}")
    stats = load_stats()
    started = time.perf_counter()
    regions = generate_year(stats, projects, seed, year)
    if fmt == "json":
        written = f"{_write_json(regions, output)} 个地区"
    else:
        from jixiao.analytics.generated import write_year

        counts = write_year(output, projects, seed, year, jobs=jobs, findings=findings)
        written = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
    seconds = time.perf_counter() - started
    typer.echo(
        f"已生成 {projects} 个项目 ({written}; {year} 年, 种子 {seed}) → {output} "
        f"[{seconds:.1f} s, {projects / seconds:.0f} 项目/s]",
        err=True,
    )


def _write_json(regions: Iterable[Region], output: Path) -> int:
    from jixiao.domain import to_json
    from jixiao.ingest.actuals import actuals_to_json

    for folder in ("targets", "monitoring", "selfeval"):
        (output / folder).mkdir(parents=True, exist_ok=True)
    written = 0
    for region in regions:
        name = f"{region.number + 1:05d}.json"
        for folder, data in (
            ("targets", to_json(region.targets)),
            ("monitoring", actuals_to_json(region.monitoring)),
            ("selfeval", actuals_to_json(region.selfeval)),
        ):
            (output / folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        written += 1
    return written
