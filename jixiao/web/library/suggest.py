"""Suggestions and comparisons as the pages and the API give them: the library's answers in the year's
framework (2020 or 2021 二级指标), with typical values and where they come from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jixiao.domain.taxonomy import FRAMEWORKS, Framework, Level2
from jixiao.domain.values import format_number, parse_target_value
from jixiao.library import Cluster, Library, Suggestion, suggest, suggest_for_department
from jixiao.library.stats import unit_of

# 2020's 成本指标 (under 产出) and 2021's 经济成本指标 (under 成本) are the same place in the other framework.
_COST_ACROSS = {Level2.COST.value: Level2.ECONOMIC_COST.value, Level2.ECONOMIC_COST.value: Level2.COST.value}
DEPARTMENT_GROUP = "部门年度指标"


@dataclass(frozen=True, slots=True)
class Suggested:
    """A library suggestion (``of``) with its 二级 in the compiling year's framework (``choice``; "" when none
    fits, the editor picks) and its curated mark."""

    of: Suggestion
    choice: str
    common: str | None

    name = property(lambda self: self.of.name)
    level1 = property(lambda self: self.of.level1)
    level2 = property(lambda self: self.of.level2)
    typical_value = property(lambda self: self.of.typical_value)
    support = property(lambda self: self.of.support)

    def to_dict(self) -> dict[str, Any]:
        """The ``jixiao recommend --format json`` shape."""
        return self.of.to_dict()


def level2_choice(cluster: Cluster, framework: str | None) -> str:
    """The 二级 a cluster is filed under most that the framework has; the other framework's cost category
    mapped across; "" when none fits."""
    if framework not in ("2020", "2021"):
        return cluster.level2 or ""
    allowed = {l2.value for l2s in FRAMEWORKS[Framework(framework)].values() for l2 in l2s}
    for _, level2, _ in cluster.categories:
        if level2 in allowed:
            return level2
        if _COST_ACROSS.get(level2) in allowed:
            return _COST_ACROSS[level2]
    return ""


def _suggested(library: Library, s: Suggestion, framework: str | None) -> Suggested:
    c = library.cluster(s.cluster)
    return Suggested(s, level2_choice(c, framework), c.common)


def for_project(
    library: Library,
    name: str,
    *,
    goal: str = "",
    department: str | None = None,
    category: str | None = None,
    framework: str | None = None,
    top: int = 12,
) -> list[Suggested]:
    """Indicators for a project being compiled, best first; nothing for a name too short to say."""
    if len(name.strip()) < 2 and len(goal.strip()) < 4:
        return []
    found = suggest(library, name.strip(), goal=goal, department=department, category=category, top=top)
    return [_suggested(library, s, framework) for s in found]


def for_duty(library: Library, duty: str, *, department: str | None = None, top: int = 8) -> list[Suggested]:
    """Annual indicators for a department's duty (area, wording and goal as one text), best first."""
    if len(duty.strip()) < 2:
        return []
    found = suggest_for_department(library, duty.strip(), department=department, top=top)
    return [_suggested(library, s, None) for s in found]


def grouped(found: list[Suggested]) -> list[tuple[str, list[Suggested]]]:
    """Suggestions per 二级 (the grid's choice), groups in the order their best member comes."""
    out: dict[str, list[Suggested]] = {}
    for s in found:
        out.setdefault(s.choice or s.level2 or DEPARTMENT_GROUP, []).append(s)
    return list(out.items())


def standing_line(library: Library, name: str, raw: str, level2: str | None = None) -> str:
    """Where a typed target stands among similar ones, in a sentence; "" when the library cannot say."""
    value = parse_target_value(raw.strip())
    if not name.strip() or unit_of(value) is None:
        return ""
    standing = library.standing(name.strip(), value, level2=level2, min_count=5)
    if standing is None:
        return ""
    unit = "" if standing.unit == "-" else standing.unit
    return (
        f"同类指标“{standing.cluster}”{standing.count} 个目标中，"
        f"此值位于第 {standing.percentile:.0f} 百分位（中位数 {format_number(round(standing.median, 4))}{unit}，"
        f"{len(standing.regions)} 个地区）"
    )
