"""What changed between two rounds of a project: fields, and indicators added, removed or changed.

Indicators are matched by their row id (kept across edits); rows from different sources fall back to
matching by 二级指标 and name. Pure function over snapshots, so it is tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable
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
# The keys inside a field's value (资金), read by people in the difference.
VALUE_LABELS = {
    "total": "资金总额",
    "fiscal": "财政资金",
    "other": "其他资金",
    "midterm": "中期资金总额",
    "planned": "年初预算数",
    "adjusted": "调整后预算数",
    "executed": "执行数",
    "expected": "全年预计执行数",
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
    if isinstance(value, dict) and set(value) == {"period", "amount"}:  # a point of the spending plan
        return f"{value['period']} {_show(value['amount'])}万元"
    if isinstance(value, dict):  # a named part (a source of funds) leads with its name
        head = f"{value['name']}：" if value.get("name") else ""
        parts = (
            f"{VALUE_LABELS.get(k, k)} {_show(v)}" for k, v in value.items() if v is not None and k != "name"
        )
        return head + "，".join(parts)
    if isinstance(value, list):
        return "；".join(_show(v) for v in value)
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def diff_rows(
    diff: Diff,
    old_rows: list[dict[str, Any]],
    new_rows: list[dict[str, Any]],
    labels: dict[str, str],
    group: Callable[[dict[str, Any]], str],
    value: Callable[[dict[str, Any], str], str] = lambda row, key: _show(row.get(key)),
) -> Diff:
    """Rows added, removed or changed (``labels``: compared keys), matched by id, else by group and name.

    ``group`` names where a row sits (its 二级指标, its table …), shown with each change.
    """
    by_id = {r["id"]: r for r in old_rows if r.get("id") is not None}
    by_key = {(group(r), r.get("name", "")): r for r in old_rows}
    matched: set[int] = set()
    for row in new_rows:
        before = by_id.get(row.get("id")) or by_key.get((group(row), row.get("name", "")))
        if before is None or id(before) in matched:
            diff.indicators.append(IndicatorChange("added", group(row), row["name"], row.get("id")))
            continue
        matched.add(id(before))
        changes = [
            Change(label, value(before, k), value(row, k))
            for k, label in labels.items()
            if value(before, k) != value(row, k)
        ]
        if changes:
            diff.indicators.append(
                IndicatorChange("changed", group(row), row["name"], row.get("id"), changes)
            )
    for row in old_rows:
        if id(row) not in matched:
            diff.indicators.append(IndicatorChange("removed", group(row), row["name"], row.get("id")))
    return diff


def diff_fields(old: dict[str, Any], new: dict[str, Any], labels: dict[str, str]) -> Diff:
    """The changed top-level fields (``labels``: compared keys), as a :class:`Diff` rows can be added to."""
    diff = Diff()
    for key, label in labels.items():
        before, after = _show(old.get(key)), _show(new.get(key))
        if before != after:
            diff.fields.append(Change(label, before, after))
    return diff


def diff_snapshots(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """The difference from ``old`` to ``new`` (both :func:`~jixiao.web.targets.snapshot.snapshot` dicts)."""
    diff = diff_fields(old, new, FIELD_LABELS)
    old_rows, new_rows = list(old.get("indicators", [])), list(new.get("indicators", []))
    return diff_rows(diff, old_rows, new_rows, INDICATOR_LABELS, lambda r: r.get("level2", ""))


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


def diff_department_snapshots(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """What changed between two submitted rounds of a department target (``department_snapshot`` dicts).

    Rows are matched by id, else by table and name; each change says which table's row it is in.
    """
    diff = diff_fields(old, new, {"strategic_goal": "中长期战略目标"})
    old_rows, new_rows = list(old.get("rows", [])), list(new.get("rows", []))
    table = lambda row: TABLE_LABELS.get(row.get("table", ""), "")  # noqa: E731
    return diff_rows(diff, old_rows, new_rows, DEPARTMENT_ROW_LABELS, table, _row_value)
