"""What changed between two rounds of a project: fields, and indicators added, removed or changed.

Indicators are matched by their row id (kept across edits); rows from different sources fall back to
matching by 二级指标 and name. Pure function over snapshots, so it is tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FIELD_LABELS = {
    "name": "项目名称",
    "code": "项目编码",
    "category": "项目类别",
    "fund_type": "资金性质",
    "purpose": "资金用途",
    "goal": "年度总体绩效目标",
    "funds": "资金",
    "spending_plan": "资金支出计划",
    "unit": "实施单位",
}
INDICATOR_LABELS = {
    "level2": "二级指标",
    "name": "三级指标",
    "description": "指标描述",
    "value": "指标值",
    "basis": "依据",
}


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(slots=True)
class IndicatorChange:
    kind: str  # added | removed | changed
    level2: str
    name: str
    indicator_id: int | None
    changes: list[Change] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return {"added": "新增", "removed": "删除", "changed": "修改"}[self.kind]


@dataclass(slots=True)
class Diff:
    fields: list[Change] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.fields and not self.indicators


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and "raw" in value:
        return str(value["raw"])
    if isinstance(value, dict):
        return "，".join(f"{k}: {_show(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return "；".join(_show(v) for v in value)
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def _key(ind: dict[str, Any]) -> tuple[str, str]:
    return (ind.get("level2", ""), ind.get("name", ""))


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """The difference from ``old`` to ``new`` (both :func:`~jixiao.web.targets.snapshot.snapshot` dicts)."""
    diff = Diff()
    for key, label in FIELD_LABELS.items():
        before, after = _show(old.get(key)), _show(new.get(key))
        if before != after:
            diff.fields.append(Change(label, before, after))
    old_inds = list(old.get("indicators", []))
    by_id = {i["id"]: i for i in old_inds if i.get("id") is not None}
    by_key = {_key(i): i for i in old_inds}
    matched: set[int] = set()
    for ind in new.get("indicators", []):
        before_ind = by_id.get(ind.get("id")) or by_key.get(_key(ind))
        if before_ind is None or id(before_ind) in matched:
            diff.indicators.append(IndicatorChange("added", ind["level2"], ind["name"], ind.get("id")))
            continue
        matched.add(id(before_ind))
        changes = [
            Change(label, _show(before_ind.get(k)), _show(ind.get(k)))
            for k, label in INDICATOR_LABELS.items()
            if _show(before_ind.get(k)) != _show(ind.get(k))
        ]
        if changes:
            diff.indicators.append(
                IndicatorChange("changed", ind["level2"], ind["name"], ind.get("id"), changes)
            )
    for ind in old_inds:
        if id(ind) not in matched:
            diff.indicators.append(IndicatorChange("removed", ind["level2"], ind["name"], ind.get("id")))
    return diff
