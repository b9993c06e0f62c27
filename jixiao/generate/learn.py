"""Learn the generator's distributions from the documents jixiao holds: ``python -m jixiao.generate.learn``.

Reads the three converted samples of ``../shared/samples`` and, when present, the external workbooks under
``../shared/samples/external`` with jixiao's own readers, and writes ``stats.json`` beside this module: counts
(departments per region, projects per department, indicators per project by category), amount quantiles, the
category and fund-type mix, department kinds (a name without its region), indicator names with their short
values. Nothing else from the documents is kept, so the file may be committed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jixiao.domain.model import Document, Indicator, Project
from jixiao.domain.values import TargetValue
from jixiao.generate.stats import ASSUMED_ACTUALS, SCHEMA, STATS_PATH
from jixiao.ingest import ReadError, read_document

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
QUANTILES = 20  # 21 points: the minimum, every 5 %, the maximum
# 万元: a document whose projects' median amount is above this (1亿元) holds 元 under its 万元 labels — the
# Songgang workbooks' known trap (3000 beside a cost indicator of 0.3万元); a county's median is 10–1000 万元
YUAN_MEDIAN = 10_000.0
VALUES_PER_NAME = 8

_PARTY = re.compile(r"^(中共|中国共产党)")
_REGIONS = re.compile(r"^(?:[^市区县省]{1,4}?(?:省|市|区|县))+")
# 松岗街道办事处 is a kind of office, not a place: 街道办事处
_SUBDISTRICT = re.compile(r"^[^市区县省]{2,3}街道")


def department_kind(name: str) -> str:
    """A department's name without its region: 淄博市临淄区教育和体育局 → 教育和体育局, 中共临淄区委办公室 → 区委办公室,
    深圳市宝安区松岗街道办事处 → 街道办事处."""
    party = bool(_PARTY.match(name))
    rest = _SUBDISTRICT.sub("街道", _REGIONS.sub("", _PARTY.sub("", name), count=1))
    rest = rest.replace("委员会", "委")
    if party and rest.startswith("委"):
        rest = "区" + rest
    return rest or name


def documents(root: Path) -> list[Document]:
    """The held documents the readers can read (a workbook of review results or criteria is no disclosure)."""
    paths = sorted(root.glob("*.txt")) + sorted((root / "external").glob("*/*.xlsx"))
    read: list[Document] = []
    for path in paths:
        try:
            doc = read_document(path.read_bytes(), path.name)
        except ReadError:
            continue
        if any(p.indicators for p in doc.projects):
            read.append(doc)
    return read


def quantiles(values: Sequence[float], points: int = QUANTILES) -> list[float]:
    """``points + 1`` evenly spaced quantiles (linear interpolation), the first the minimum, the last the maximum."""
    ordered = sorted(values)
    if not ordered:
        return []
    out = []
    for k in range(points + 1):
        pos = k / points * (len(ordered) - 1)
        low = int(pos)
        high = min(low + 1, len(ordered) - 1)
        out.append(round(ordered[low] + (ordered[high] - ordered[low]) * (pos - low), 4))
    return out


def _histogram(counts: Iterable[int]) -> dict[str, int]:
    return {str(k): n for k, n in sorted(Counter(counts).items())}


def _value_key(value: TargetValue) -> tuple[Any, ...]:
    return (
        value.raw,
        value.kind.value,
        value.op.value if value.op else None,
        value.number,
        value.upper,
        value.unit,
    )


def _pattern(project: Project) -> str:
    """The project's indicators by category: ``产出指标/数量指标*3;效益指标/社会效益指标*1``."""
    counts = Counter(f"{i.level1.value}/{i.level2.value}" for i in project.indicators if i.name.strip())
    return ";".join(f"{key}*{n}" for key, n in sorted(counts.items()))


def amounts_in_wan(doc: Document) -> float:
    """The factor that puts ``doc``'s project amounts in 万元: 1, or 1/10000 where its median amount says
    the figures are 元 (see :data:`YUAN_MEDIAN`)."""
    totals = [p.funds.total for p in doc.projects if p.funds.total and p.funds.total > 0]
    return 1e-4 if totals and statistics.median(totals) > YUAN_MEDIAN else 1.0


def learn(docs: Sequence[Document]) -> dict[str, Any]:
    """The statistics of ``docs``: what :mod:`jixiao.generate.year` samples."""
    projects = [p for d in docs for p in d.projects if p.indicators]
    per_department: Counter[tuple[int, str]] = Counter(
        (n, p.department or "") for n, d in enumerate(docs) for p in d.projects if p.indicators
    )
    kinds = Counter(department_kind(name) for _, name in per_department if name)
    kinds.update(department_kind(dep.name) for d in docs for dep in d.departments)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    values: dict[str, Counter[tuple[Any, ...]]] = defaultdict(Counter)
    indicators: list[Indicator] = [i for p in projects for i in p.indicators if i.name.strip()]
    for ind in indicators:
        names[f"{ind.level1.value}/{ind.level2.value}"][ind.name] += 1
        values[ind.name][_value_key(ind.value)] += 1
    annual = [r for d in docs for dep in d.departments for r in dep.annual_indicators if r.name.strip()]
    for row in annual:
        values[row.name][_value_key(row.value)] += 1
    totals = [
        p.funds.total * factor
        for d, factor in ((d, amounts_in_wan(d)) for d in docs)
        for p in d.projects
        if p.indicators and p.funds.total and p.funds.total > 0
    ]
    shares = [
        min(1.0, p.funds.fiscal / p.funds.total)
        for p in projects
        if p.funds.total and p.funds.total > 0 and p.funds.fiscal is not None
    ]
    return {
        "schema": SCHEMA,
        "sources": [d.source.name for d in docs],
        "departments_per_region": _histogram(
            len({name for (n, name) in per_department if n == k}) for k in range(len(docs))
        ),
        "projects_per_department": _histogram(per_department.values()),
        "department_kinds": dict(kinds.most_common()),
        "project_categories": dict(Counter(p.category or "" for p in projects).most_common()),
        "fund_types": dict(Counter(p.fund_type or "" for p in projects).most_common()),
        "funds_total": quantiles(totals),
        "fiscal_share": quantiles(shares),
        "indicator_patterns": dict(Counter(_pattern(p) for p in projects).most_common()),
        "indicator_names": {key: dict(c.most_common()) for key, c in sorted(names.items())},
        "department_indicators_per_department": _histogram(
            len(dep.annual_indicators) for d in docs for dep in d.departments if dep.annual_indicators
        ),
        "department_indicator_names": dict(Counter(r.name for r in annual).most_common()),
        "values": {
            name: [[*key, n] for key, n in c.most_common(VALUES_PER_NAME)]
            for name, c in sorted(values.items())
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--samples", type=Path, default=SAMPLES, help="folder of held documents (../shared/samples)"
    )
    parser.add_argument("-o", "--output", type=Path, default=STATS_PATH)
    args = parser.parse_args(argv)
    docs = documents(args.samples)
    if not docs:
        parser.error(f"no readable document under {args.samples}")
    stats = learn(docs)
    # The actuals' shapes are assumptions (the held documents carry targets only): kept as they are.
    kept = json.loads(args.output.read_text(encoding="utf-8")) if args.output.exists() else {}
    stats["actuals"] = kept.get("actuals") or ASSUMED_ACTUALS
    args.output.write_text(json.dumps(stats, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    projects = sum(len(d.projects) for d in docs)
    print(f"learned from {len(docs)} documents ({projects} projects) -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
