"""Which body a printed name means: one department written many ways, and the region a document is about.

Disclosures name one body as 淄博市临淄区综合行政执法局, 临淄区综合行政执法局, 区综合行政执法局 or
[508]临淄区综合行政执法局, and sometimes double the region's last character (临淄区区行政审批服务局).
:func:`name_key` reduces each to what is left once the region is taken away, so names of one body in one
region share a key. Pure: the web's registry (jixiao.web.organisations.registry) stores the names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_CODE = re.compile(r"^[\[［【(（]\s*(\d{2,12})\s*[\]］】)）]|[\[［【(（]\s*(\d{2,12})\s*[\]］】)）]$")
_SPACE = re.compile(r"\s+")
_PARTY = ("中国共产党", "中共")
# A leading chain of administrative areas: 山东省, 淄博市, 临淄区, 高唐县 (two or three characters each).
_AREA = re.compile(r"[\u4e00-\u9fff]{2,3}?[省市区县]")
_ABOVE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省)?(?:[\u4e00-\u9fff]{2,3}市)?$")
OWN_LEVEL = "本级"  # a department's own office as a budget unit: 聊城市农业农村局本级


def split_code(name: str) -> tuple[str, str | None]:
    """``"[508]临淄区综合行政执法局"`` → ``("临淄区综合行政执法局", "508")``; spaces are dropped."""
    name = _SPACE.sub("", name or "")
    m = _CODE.search(name)
    if m is None:
        return name, None
    return (name[: m.start()] + name[m.end() :]), m.group(1) or m.group(2)


def _without_party(name: str) -> tuple[str, str]:
    for prefix in _PARTY:
        if name.startswith(prefix):
            return "中共", name[len(prefix) :]
    return "", name


def area_chain(name: str) -> list[str]:
    """The administrative areas a name begins with: 淄博市临淄区民政局 → [淄博市, 临淄区]."""
    _, rest = _without_party(split_code(name)[0])
    chain = []
    while m := _AREA.match(rest):
        chain.append(m.group())
        rest = rest[m.end() :]
    return chain


def name_key(name: str, region: str) -> str:
    """What identifies ``name`` inside ``region``: the name without code, spaces and the region's prefix.

    淄博市临淄区民政局, 临淄区民政局, 区民政局 and 临淄区区民政局 all give 民政局 in 临淄区;
    中国共产党淄博市临淄区委员会组织部 and 中共临淄区委组织部 give 中共委组织部.
    """
    party, rest = _without_party(split_code(name)[0])
    at = rest.find(region) if region else -1
    if at >= 0 and _ABOVE.match(rest[:at]):
        rest = rest[at + len(region) :]
        level = region[-1]
        if level in "区县" and rest.startswith(level) and len(rest) > 1:
            rest = rest[1:]  # 临淄区区行政审批服务局
    elif region[-1:] in "区县" and rest.startswith(region[-1]) and len(rest) > 2 and not _AREA.match(rest):
        rest = rest[1:]  # 区民政局: a district named by its level alone (市场… is no 市)
    if rest.startswith("委员会"):
        rest = "委" + rest[3:]
    return (party + rest) or split_code(name)[0]


def own_department(unit: str) -> str:
    """The department a 本级 unit is the office of: 聊城市农业农村局本级 → 聊城市农业农村局."""
    name = split_code(unit)[0]
    return name[: -len(OWN_LEVEL)] if name.endswith(OWN_LEVEL) and len(name) > len(OWN_LEVEL) else name


def stated_region(names: Iterable[str]) -> tuple[str, int] | None:
    """The most specific area most names begin with, and how many do: a document about 淄川区 names
    淄博市淄川区教育和体育局, 淄川区民政局… → (淄川区, n). ``None`` when no name begins with an area."""
    counts = Counter(chain[-1] for chain in map(area_chain, names) if chain)
    return counts.most_common(1)[0] if counts else None


def region_differs(chosen: str, names: Iterable[str]) -> str | None:
    """The region the names point at when it is not ``chosen`` (and ``chosen`` is not named at all)."""
    names = list(names)
    found = stated_region(names)
    if found is None or found[0] == chosen:
        return None
    if any(chosen in chain for chain in map(area_chain, names)):
        return None
    return found[0]
