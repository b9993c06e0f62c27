"""Merging a refused save: what only one side changed is taken, what both changed is a conflict."""

from __future__ import annotations

from typing import Any

from jixiao.web.targets.forms import ROW_FIELDS
from jixiao.web.targets.merge import Pick
from jixiao.web.targets.merge import merge as merge_rows


def merge(base: dict[str, Any] | None, theirs: dict[str, Any], mine: dict[str, Any]) -> Any:
    return merge_rows(base, theirs, mine, ROW_FIELDS)


def state(name: str = "校园安全", rows: list[dict[str, Any]] | None = None, **fields: str) -> dict[str, Any]:
    return {"fields": {"name": name, "goal": "", **fields}, "rows": rows if rows is not None else []}


def row(rid: int | None, name: str, value: str, **more: str) -> dict[str, Any]:
    return {
        "id": rid,
        "level2": "数量指标",
        "name": name,
        "description": "",
        "value": value,
        "basis": "",
        **more,
    }


BASE = state(rows=[row(1, "改造栋数", "≥6栋"), row(2, "资金", "≤20万元"), row(3, "满意度", "≥90%")])


def test_a_field_only_the_other_person_changed_is_taken_into_the_form():
    theirs = state(name="校园安全设施改造", rows=BASE["rows"])
    result = merge(BASE, theirs, BASE)
    assert result.fields["name"] == "校园安全设施改造"
    assert result.taken == [Pick("name", "校园安全设施改造", "校园安全")] and not result.conflicts


def test_a_field_only_this_editor_changed_keeps_the_editors_value_quietly():
    mine = state(goal="完成改造", rows=BASE["rows"])
    result = merge(BASE, BASE, mine)
    assert result.fields["goal"] == "完成改造" and not result.taken and not result.conflicts


def test_both_changing_a_field_differently_is_a_conflict_holding_the_editors_value():
    theirs, mine = state(name="甲"), state(name="乙")
    result = merge(state(), theirs, mine)
    assert result.fields["name"] == "乙"
    assert result.conflicts == [Pick("name", "甲", "乙")]


def test_both_making_the_same_change_is_no_conflict():
    result = merge(state(), state(name="甲"), state(name="甲"))
    assert result.fields["name"] == "甲" and not result.conflicts and not result.taken


def test_indicators_merge_field_by_field_by_row_id():
    theirs = state(rows=[row(1, "改造栋数", "≥7栋"), row(2, "资金", "≤20万元"), row(3, "满意度", "≥90%")])
    mine = state(rows=[row(1, "改造栋数", "≥6栋"), row(2, "资金", "≤20万元"), row(3, "满意度", "≥99%")])
    result = merge(BASE, theirs, mine)
    assert [r["value"] for r in result.rows] == ["≥7栋", "≤20万元", "≥99%"]
    assert result.taken == [Pick("value", "≥7栋", "≥6栋", 0)] and not result.conflicts


def test_the_same_indicator_value_changed_by_both_is_a_conflict_on_that_row():
    theirs = state(rows=[row(1, "改造栋数", "≥7栋")])
    mine = state(rows=[row(1, "改造栋数", "≥8栋")])
    result = merge(state(rows=[row(1, "改造栋数", "≥6栋")]), theirs, mine)
    assert result.conflicts == [Pick("value", "≥7栋", "≥8栋", 0)]
    assert result.rows[0]["value"] == "≥8栋"


def test_rows_added_on_either_side_are_all_kept():
    theirs = state(rows=[*BASE["rows"], row(4, "培训人次", "≥300人次")])
    mine = state(rows=[*BASE["rows"], row(None, "受益学生", "≥2000人")])
    result = merge(BASE, theirs, mine)
    assert [r["name"] for r in result.rows] == ["改造栋数", "资金", "满意度", "受益学生", "培训人次"]
    assert all(r["remove"] == "" for r in result.rows)
    assert result.taken == [Pick("added", "", "on", 4)]


def test_a_row_the_other_person_removed_stays_removed_unless_this_editor_changed_it():
    theirs = state(rows=BASE["rows"][1:])
    untouched = merge(BASE, theirs, BASE)
    assert untouched.rows[0]["name"] == "改造栋数" and untouched.rows[0]["remove"] == "on"
    assert untouched.taken == [Pick("removed", "on", "", 0)]
    edited = merge(BASE, theirs, state(rows=[row(1, "改造栋数", "≥9栋"), *BASE["rows"][1:]]))
    assert edited.rows[0]["remove"] == "" and edited.rows[0]["value"] == "≥9栋"
    assert edited.conflicts == [Pick("remove", "on", "", 0)]


def test_a_row_this_editor_removed_stays_removed_and_is_a_conflict_only_if_the_other_changed_it():
    mine = state(rows=BASE["rows"][1:])
    quiet = merge(BASE, BASE, mine)
    assert [r["name"] for r in quiet.rows] == ["资金", "满意度"] and not quiet.conflicts
    theirs = state(rows=[row(1, "改造栋数", "≥7栋"), *BASE["rows"][1:]])
    loud = merge(BASE, theirs, mine)
    assert loud.rows[-1]["name"] == "改造栋数" and loud.rows[-1]["remove"] == "on"
    assert loud.conflicts == [Pick("remove", "", "on", 2)]


def test_without_the_loaded_version_every_difference_is_a_conflict():
    theirs = state(name="甲", rows=[row(1, "改造栋数", "≥7栋")])
    mine = state(rows=[row(1, "改造栋数", "≥6栋")])
    result = merge(None, theirs, mine)
    assert {p.field for p in result.conflicts} == {"name", "value"} and not result.taken
    assert result.fields["name"] == "校园安全" and result.rows[0]["value"] == "≥6栋"
