"""The learned statistics (``stats.json``) and deterministic sampling from them."""

from __future__ import annotations

import bisect
import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jixiao.domain.values import Op, TargetValue, ValueKind

SCHEMA = "jixiao/generate-stats@1"
STATS_PATH = Path(__file__).with_name("stats.json")

# The held documents carry targets only: how years turn out is assumed, in the open, and kept in stats.json
# beside what was learned. Bands are (low, high, weight): a uniform draw inside a band chosen by weight.
ASSUMED_ACTUALS: dict[str, Any] = {
    "note": "assumed, not learned: the held documents have no monitoring or self-evaluation tables",
    "execution_rate": [[0.95, 1.0, 0.55], [0.85, 0.95, 0.25], [0.6, 0.85, 0.15], [0.2, 0.6, 0.05]],
    "midyear_share": [[0.3, 0.7, 1.0]],
    "achievement": [[1.0, 1.1, 0.7], [0.85, 1.0, 0.2], [0.4, 0.85, 0.1]],
    "qualitative": {"达成": 0.85, "部分达成": 0.1, "未达成": 0.05},
    # 偏差原因 of an indicator behind (the five official headings) and how often a second one is given
    "causes": {"经费保障": 0.3, "制度保障": 0.1, "人员保障": 0.15, "硬件条件保障": 0.15, "其他": 0.3},
    "second_cause": 0.2,
    # 完成目标可能性 a unit states for a red or a yellow indicator at the monitoring cut-off
    "likelihood": {
        "red": {"确定能": 0.3, "有可能": 0.55, "完全不可能": 0.15},
        "yellow": {"确定能": 0.6, "有可能": 0.38, "完全不可能": 0.02},
    },
}


class Weighted:
    """Draws keys in proportion to their counts."""

    def __init__(self, counts: Mapping[str, float]) -> None:
        if not counts:
            raise ValueError("nothing to draw from")
        self.keys = list(counts)
        self.cumulative: list[float] = []
        total = 0.0
        for key in self.keys:
            total += float(counts[key])
            self.cumulative.append(total)

    def draw(self, rng: random.Random) -> str:
        return self.keys[bisect.bisect_right(self.cumulative, rng.random() * self.cumulative[-1])]


def from_quantiles(points: Sequence[float], rng: random.Random, log: bool = False) -> float:
    """A draw from the distribution whose evenly spaced quantiles are ``points`` (linear between them)."""
    if len(points) == 1:
        return points[0]
    pos = rng.random() * (len(points) - 1)
    low = int(pos)
    a, b = points[low], points[min(low + 1, len(points) - 1)]
    if log and a > 0 and b > 0:
        return math.exp(math.log(a) + (math.log(b) - math.log(a)) * (pos - low))
    return a + (b - a) * (pos - low)


def from_bands(bands: Sequence[Sequence[float]], rng: random.Random) -> float:
    """A uniform draw inside one of ``bands`` ((low, high, weight)) chosen by weight."""
    total = sum(w for _, _, w in bands)
    pick = rng.random() * total
    for low, high, weight in bands:
        if pick < weight:
            return rng.uniform(low, high)
        pick -= weight
    low, high, _ = bands[-1]
    return rng.uniform(low, high)


MIXES = frozenset(
    {
        "departments_per_region",
        "projects_per_department",
        "department_kinds",
        "project_categories",
        "fund_types",
        "indicator_patterns",
        "department_indicators_per_department",
        "department_indicator_names",
    }
)


@dataclass(frozen=True)
class Stats:
    """``stats.json`` read, with a weighted draw ready for each mix."""

    data: Mapping[str, Any]

    @cached_property
    def mixes(self) -> dict[str, Weighted]:
        """A draw for each learned mix of counts (``departments_per_region``, ``project_categories`` …)."""
        return {key: Weighted(counts) for key, counts in self.data.items() if key in MIXES}

    def draw(self, mix: str, rng: random.Random) -> str:
        return self.mixes[mix].draw(rng)

    @cached_property
    def names(self) -> dict[str, Weighted]:
        return {key: Weighted(c) for key, c in self.data["indicator_names"].items()}

    @cached_property
    def values(self) -> dict[str, tuple[list[TargetValue], Weighted]]:
        """Each indicator name's learned values, built once, and a draw among them by count."""
        return {
            name: (
                [
                    TargetValue(raw, ValueKind(kind), Op(op) if op else None, number, upper, unit)
                    for raw, kind, op, number, upper, unit, _ in rows
                ],
                Weighted({str(k): row[-1] for k, row in enumerate(rows)}),
            )
            for name, rows in self.data["values"].items()
        }

    @cached_property
    def actuals_status(self) -> Weighted:
        return Weighted(self.actuals["qualitative"])

    @cached_property
    def causes(self) -> Weighted:
        return Weighted(self.actuals["causes"])

    @cached_property
    def likelihood(self) -> dict[str, Weighted]:
        """A draw of 完成目标可能性 per band (red, yellow)."""
        return {band: Weighted(mix) for band, mix in self.actuals["likelihood"].items()}

    @cached_property
    def actuals(self) -> Mapping[str, Any]:
        """The assumed shapes of actuals: ``stats.json``'s, any shape it lacks (written before it existed)
        from :data:`ASSUMED_ACTUALS`."""
        return {**ASSUMED_ACTUALS, **(self.data.get("actuals") or {})}


def load_stats(path: Path = STATS_PATH) -> Stats:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: not {SCHEMA}")
    return Stats(data)
