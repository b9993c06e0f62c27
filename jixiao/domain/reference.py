"""Reference data a review may compare targets with, without knowing where it comes from.

The indicator library (:mod:`jixiao.library`) answers :class:`ValueReference`; the review engine asks it
through this protocol only, so the two stay independent siblings and a caller (the command line, the web
system) composes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from jixiao.domain.values import TargetValue


@dataclass(frozen=True, slots=True)
class ValueStanding:
    """Where one target value stands among the targets of equivalent indicators elsewhere.

    ``percentile`` is the share (0–100) of those targets below the value, ties counting half; ``robust_z`` is
    (value − median) / (1.4826·MAD)."""

    indicator: str  # the name as asked
    cluster: str  # the library's name for the equivalent indicators
    value: float
    unit: str
    count: int  # targets compared (same unit, numeric)
    percentile: float
    robust_z: float
    median: float
    q1: float
    q3: float
    projects: int  # projects and departments those targets come from
    regions: tuple[str, ...]
    direction: str  # the cluster's usual operator: ≥, ≤, = or 定性


class ValueReference(Protocol):
    """Anything that can say where a target value stands; None when it has too few similar targets."""

    def standing(
        self, name: str, value: TargetValue, *, level2: str | None = None, min_count: int = 8
    ) -> ValueStanding | None: ...
