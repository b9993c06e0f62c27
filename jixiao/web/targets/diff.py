"""What changed between two rounds of a project: fields, and indicators added, removed or changed.

Indicators are matched by their row id (kept across edits); rows from different sources fall back to
matching by 二级指标 and name. Pure function over snapshots, so it is tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.publish.layout import yes_no

FIELD_LABELS = {
    "name": "项目名称",
    "code": "项目编码",
    "category": "项目类别",
    "fund_type": "资金性质",
    "purpose": "资金用途",
    "goal": "年度总体绩效目标",
    "long_term_goal": "长期目标",
    "period": "实施期限",
    "project_type": "项目类型",
    "is_new": "是否新增项目",
    "allocation": "分配方式",
    "policy_basis": "政策依据",
    "calculation_basis": "测算依据",
    "funds": "资金",
    "spending_plan": "资金支出计划",
    "unit": "实施单位",
}
INDICATOR_LABELS = {
    "level2": "二级指标",
    "name": "三级指标",
    "description": "指标描述",
    "scoring": "评（扣）分标准",
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
    if isinstance(value, bool):
        return yes_no(value)
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


DEPARTMENT_ROW_LABELS = {
    "no": "序号",
    "duty_no": "职责序号",
    "duty_area": "职责领域",
    "duty": "部门职责",
    "duty_goal": "职责目标",
    "name": "绩效指标",
    "value": "年度指标值",
    "explanation": "指标解释",
    "reference": "参考值",
    "note": "备注",
    "activity": "工作活动",
    "budget_project": "预算项目",
    "office": "对应科室",
}
TABLE_LABELS = {"strategic": "战略指标", "annual": "年度指标"}


REFERENCE_LABELS = {
    "planned": "规划值",
    "standard": "当年标准值",
    "standard_source": "标准值来源",
    "avg3": "前三年均值",
    "last_year": "上年值",
    "history_source": "历史值来源",
}


def _reference(ref: Any) -> str:
    """Reference values in a fixed order, blanks left out: saving may reorder the stored keys."""
    if not isinstance(ref, dict):
        return _show(ref)
    parts = [f"{label} {ref[k]}" for k, label in REFERENCE_LABELS.items() if ref.get(k)]
    years = ref.get("years") or {}
    parts += [f"{y}年 {years[y]}" for y in sorted(years) if years[y]]
    return "，".join(parts)


def _row_value(row: dict[str, Any], key: str) -> str:
    return _reference(row.get(key)) if key == "reference" else _show(row.get(key))


def _row_key(row: dict[str, Any]) -> tuple[str, str]:
    return (row.get("table", ""), row.get("name", ""))


def diff_department_snapshots(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """What changed between two submitted rounds of a department target (``department_snapshot`` dicts).

    Rows are matched by id, else by table and name; each change says which table's row it is in.
    """
    diff = Diff()
    before, after = _show(old.get("strategic_goal")), _show(new.get("strategic_goal"))
    if before != after:
        diff.fields.append(Change("中长期战略目标", before, after))
    old_rows = list(old.get("rows", []))
    by_id = {r["id"]: r for r in old_rows if r.get("id") is not None}
    by_key = {_row_key(r): r for r in old_rows}
    matched: set[int] = set()
    for row in new.get("rows", []):
        table = TABLE_LABELS.get(row.get("table", ""), "")
        before_row = by_id.get(row.get("id")) or by_key.get(_row_key(row))
        if before_row is None or id(before_row) in matched:
            diff.indicators.append(IndicatorChange("added", table, row["name"], row.get("id")))
            continue
        matched.add(id(before_row))
        changes = [
            Change(label, _row_value(before_row, k), _row_value(row, k))
            for k, label in DEPARTMENT_ROW_LABELS.items()
            if _row_value(before_row, k) != _row_value(row, k)
        ]
        if changes:
            diff.indicators.append(IndicatorChange("changed", table, row["name"], row.get("id"), changes))
    for row in old_rows:
        if id(row) not in matched:
            table = TABLE_LABELS.get(row.get("table", ""), "")
            diff.indicators.append(IndicatorChange("removed", table, row["name"], row.get("id")))
    return diff
