"""The three-level indicator system (指标体系) and the two frameworks in use.

2020 framework: 成本指标 is a second-level category under 产出指标.
2021 framework (财预〔2021〕101号): 成本指标 is first-level, with 经济/社会/生态环境成本指标 under it.
Documents label the categories inconsistently (spaces from line breaks, a missing 指标 suffix, OCR damage),
so everything that reads labels goes through :func:`canonical_level1` and :func:`canonical_level2`.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

from jixiao.domain.text import clean

T = TypeVar("T")


class Level1(StrEnum):
    """一级指标."""

    OUTPUT = "产出指标"
    EFFECT = "效益指标"
    SATISFACTION = "满意度指标"
    COST = "成本指标"


class Level2(StrEnum):
    """二级指标."""

    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    COST = "成本指标"
    ECONOMIC_BENEFIT = "经济效益指标"
    SOCIAL_BENEFIT = "社会效益指标"
    ECOLOGICAL_BENEFIT = "生态效益指标"
    SUSTAINABILITY = "可持续影响指标"
    SATISFACTION = "服务对象满意度指标"
    ECONOMIC_COST = "经济成本指标"
    SOCIAL_COST = "社会成本指标"
    ECOLOGICAL_COST = "生态环境成本指标"


class Framework(StrEnum):
    """Which indicator system a document or project follows."""

    F2020 = "2020"
    F2021 = "2021"


PARENT: dict[Level2, Level1] = {
    Level2.QUANTITY: Level1.OUTPUT,
    Level2.QUALITY: Level1.OUTPUT,
    Level2.TIMELINESS: Level1.OUTPUT,
    Level2.COST: Level1.OUTPUT,
    Level2.ECONOMIC_BENEFIT: Level1.EFFECT,
    Level2.SOCIAL_BENEFIT: Level1.EFFECT,
    Level2.ECOLOGICAL_BENEFIT: Level1.EFFECT,
    Level2.SUSTAINABILITY: Level1.EFFECT,
    Level2.SATISFACTION: Level1.SATISFACTION,
    Level2.ECONOMIC_COST: Level1.COST,
    Level2.SOCIAL_COST: Level1.COST,
    Level2.ECOLOGICAL_COST: Level1.COST,
}

FRAMEWORKS: dict[Framework, dict[Level1, tuple[Level2, ...]]] = {
    Framework.F2020: {
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST),
        Level1.EFFECT: (
            Level2.ECONOMIC_BENEFIT,
            Level2.SOCIAL_BENEFIT,
            Level2.ECOLOGICAL_BENEFIT,
            Level2.SUSTAINABILITY,
        ),
        Level1.SATISFACTION: (Level2.SATISFACTION,),
    },
    Framework.F2021: {
        Level1.COST: (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST),
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS),
        Level1.EFFECT: (
            Level2.ECONOMIC_BENEFIT,
            Level2.SOCIAL_BENEFIT,
            Level2.ECOLOGICAL_BENEFIT,
            Level2.SUSTAINABILITY,
        ),
        Level1.SATISFACTION: (Level2.SATISFACTION,),
    },
}

COST_CATEGORIES = frozenset({Level2.COST, Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST})

# Label stems (the label without 指标) and the spellings documents use for them.
_LEVEL2_STEMS: dict[str, Level2] = {
    "数量": Level2.QUANTITY,
    "质量": Level2.QUALITY,
    "时效": Level2.TIMELINESS,
    "成本": Level2.COST,
    "经济效益": Level2.ECONOMIC_BENEFIT,
    "社会效益": Level2.SOCIAL_BENEFIT,
    "生态效益": Level2.ECOLOGICAL_BENEFIT,
    "环境效益": Level2.ECOLOGICAL_BENEFIT,
    "可持续影响": Level2.SUSTAINABILITY,
    "可持续影响力": Level2.SUSTAINABILITY,
    "可持续发展": Level2.SUSTAINABILITY,
    "服务对象满意度": Level2.SATISFACTION,
    "满意度": Level2.SATISFACTION,
    "社会公众或服务对象满意度": Level2.SATISFACTION,
    "经济成本": Level2.ECONOMIC_COST,
    "社会成本": Level2.SOCIAL_COST,
    "生态环境成本": Level2.ECOLOGICAL_COST,
    "生态成本": Level2.ECOLOGICAL_COST,
    "环境成本": Level2.ECOLOGICAL_COST,
}

# Labels some regions print that the national frameworks do not have; read as the nearest category, and
# callers can tell with :func:`is_framework_label` so a reader can say so.
_OFF_FRAMEWORK_STEMS: dict[str, Level2] = {
    "其他满意度": Level2.SATISFACTION,
}

_LEVEL1_STEMS: dict[str, Level1] = {
    "产出": Level1.OUTPUT,
    "效益": Level1.EFFECT,
    "效果": Level1.EFFECT,
    "满意度": Level1.SATISFACTION,
    "成本": Level1.COST,
}


def _stem(label: str) -> str:
    text = clean(label).replace("：", "").replace(":", "")
    for suffix in ("指标", "指", "标"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text


def _lookup(label: str, stems: dict[str, T], cutoff: float) -> T | None:
    stem = _stem(label)
    if not stem:
        return None
    if stem in stems:
        return stems[stem]
    # OCR damage: accept a near spelling of a known stem, but never guess from a long text.
    if len(stem) <= 10:
        close = difflib.get_close_matches(stem, list(stems), n=1, cutoff=cutoff)
        if close:
            return stems[close[0]]
    return None


@lru_cache(maxsize=16384)
def canonical_level2(label: str) -> Level2 | None:
    """The 二级指标 a printed label stands for, or ``None`` if it is not one."""
    return _lookup(label, _LEVEL2_STEMS, 0.8) or _OFF_FRAMEWORK_STEMS.get(_stem(label))


def is_framework_label(label: str) -> bool:
    """Whether a 二级 label is one of the national frameworks' (in any spelling), not a regional extra."""
    return _stem(label) not in _OFF_FRAMEWORK_STEMS and canonical_level2(label) is not None


@lru_cache(maxsize=16384)
def canonical_level1(label: str) -> Level1 | None:
    """The 一级指标 a printed label stands for, or ``None`` if it is not one."""
    return _lookup(label, _LEVEL1_STEMS, 0.99)


def level1_of(level2: Level2) -> Level1:
    """Derive 一级 from 二级: the printed 一级 cell is often missing, misplaced or garbled."""
    return PARENT[level2]


def framework_of(level2s: set[Level2] | frozenset[Level2], level1s: set[Level1] | frozenset[Level1]) -> Framework:
    """The framework a set of categories belongs to: 2021 once 成本 appears as a first level."""
    if Level1.COST in level1s or level2s & {Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST}:
        return Framework.F2021
    return Framework.F2020
