"""Self-evaluation profiles (自评配置): the weights, grade bands, warnings and consequences of 绩效自评 as data.

They live in the ``[selfeval]`` section of the same TOML as monitoring's rules
(``jixiao/evaluate/profiles/default.toml``), read the same way (:func:`jixiao.evaluate.profile.profile_data`:
a user's file writes only what differs, a misspelt key or a wrong type is an error), and a region may set
any of them differently under ``[selfeval.regions."地区"]``. What monitoring and self-evaluation both need —
which operators and names are lower-is-better, what reports a deadline done — stays in monitoring's tables
and comes along as :attr:`SelfEvalProfile.monitor`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jixiao.evaluate.profile import MonitorProfile, ProfileError, build_profile, merge_table, profile_data

SATISFACTION_SHARES = ("pro-rata", "output", "effect")  # where a missing 满意度's points go


@dataclass(frozen=True, slots=True)
class Weights:
    """分值 of each part of a self-evaluation (default 10 + 50 + 30 + 10 = 100)."""

    budget: float = 10.0  # 预算执行率
    output: float = 50.0  # 产出指标
    effect: float = 30.0  # 效益指标
    satisfaction: float = 10.0  # 满意度指标
    cost: float = 0.0  # 成本指标, only when it does not share 产出's points


@dataclass(frozen=True, slots=True)
class GradeBands:
    """总分 from ``excellent`` is 优, from ``good`` 良, from ``fair`` 中, below it 差."""

    excellent: float = 90.0
    good: float = 80.0
    fair: float = 60.0


@dataclass(frozen=True, slots=True)
class SelfEvalProfile:
    name: str
    monitor: MonitorProfile  # lower-is-better operators and names, deadline done words
    weights: Weights
    cost_shares_output: bool
    missing_satisfaction: str  # one of SATISFACTION_SHARES
    late_share: float  # a deadline met late scores this share of its weight
    over_threshold: float  # % of a higher-is-better target from which it is flagged as over-achieved
    over_reduce: bool
    unmet_words: tuple[str, ...]
    grades: GradeBands
    red_relative: float  # % by which the indicator score rate may run ahead of budget execution
    yellow_execution_below: float  # % budget execution below which a yellow warning is given
    consequences: Mapping[str, str]  # grade (优/良/中/差) → 结果应用
    regions: Mapping[str, SelfEvalProfile] = field(default_factory=dict)

    @property
    def indicator_points(self) -> float:
        """What the indicators share: 100 less the budget's weight."""
        return 100.0 - self.weights.budget

    def for_region(self, region: str | None) -> SelfEvalProfile:
        """The rules ``region`` uses: its own where ``[selfeval.regions."地区"]`` sets them, else these."""
        return self.regions.get(region, self) if region else self


def _selfeval(name: str, monitor: MonitorProfile, data: Mapping[str, Any]) -> SelfEvalProfile:
    weights = Weights(**{k: float(v) for k, v in data["weights"].items()})
    where = f"自评配置 {name}"
    parts = [weights.budget, weights.output, weights.effect, weights.satisfaction]
    parts += [] if data["cost_shares_output"] else [weights.cost]
    if abs(sum(parts) - 100) > 1e-9 or min(parts) < 0:
        raise ProfileError(f"{where}：[selfeval.weights] 的分值须不为负且之和为 100，现为 {sum(parts):g}")
    grades = GradeBands(**{k: float(v) for k, v in data["grades"].items()})
    if not 0 <= grades.fair <= grades.good <= grades.excellent <= 100:
        raise ProfileError(f"{where}：[selfeval.grades] 须满足 0 ≤ fair ≤ good ≤ excellent ≤ 100")
    if data["missing_satisfaction"] not in SATISFACTION_SHARES:
        raise ProfileError(
            f"{where}：selfeval.missing_satisfaction 须为 {' / '.join(SATISFACTION_SHARES)}，"
            f"不是 {data['missing_satisfaction']!r}"
        )
    if not 0 <= data["late_share"] <= 1:
        raise ProfileError(f"{where}：selfeval.late_share 须在 0 与 1 之间")
    c = data["consequences"]
    return SelfEvalProfile(
        name=name,
        monitor=monitor,
        weights=weights,
        cost_shares_output=data["cost_shares_output"],
        missing_satisfaction=data["missing_satisfaction"],
        late_share=float(data["late_share"]),
        over_threshold=float(data["over_threshold"]),
        over_reduce=data["over_reduce"],
        unmet_words=tuple(data["unmet_words"]),
        grades=grades,
        red_relative=float(data["warnings"]["red_relative"]),
        yellow_execution_below=float(data["warnings"]["yellow_execution_below"]),
        consequences={"优": c["excellent"], "良": c["good"], "中": c["fair"], "差": c["poor"]},
    )


def load_selfeval_profile(spec: str | Path | None = None) -> SelfEvalProfile:
    """The self-evaluation rules of a built-in profile by name (``default``) or of a TOML file laid over it,
    with each region's own rules (``[selfeval.regions."地区"]``) laid over those."""
    data = profile_data(spec)
    monitor = build_profile(data)
    section = {k: v for k, v in data["selfeval"].items() if k != "regions"}
    profile = _selfeval(monitor.name, monitor, section)
    regions = {
        region: _selfeval(f"{monitor.name}（{region}）", monitor, merge_table(section, table, region))
        for region, table in data["selfeval"].get("regions", {}).items()
    }
    return replace(profile, regions=regions)
