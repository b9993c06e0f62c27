"""The reader matches hand-checked expected outputs field for field (see expected/CONVENTIONS.md).

Each expected table names the source lines it covers; a failure names the sample, the table, its lines and
the field that differs.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from jixiao.domain import Document, to_json
from jixiao.ingest import read_document

EXPECTED = Path(__file__).parent / "expected"
SAMPLES = ("linzi-2022", "liaocheng-2022", "zichuan-2023")
PROJECT_FIELDS = (
    "name", "code", "category", "department", "department_code", "unit", "unit_code", "funds", "fund_type",
    "purpose", "spending_plan", "goal", "line",
)
DEPT_FIELDS = ("name", "code", "strategic_goal")
REFERENCE_FIELDS = ("planned", "standard", "standard_source", "avg3", "last_year", "history_source")
STRATEGIC_FIELDS = ("no", "name", "explanation", "value", "reference", "note")
ANNUAL_FIELDS = (
    "duty_no", "duty_area", "duty", "duty_goal", "name", "explanation", "value", "reference", "note",
    "activity", "budget_project", "office",
)


@cache
def parsed(sample: str) -> dict[str, Any]:
    data = resources.files("jixiao").joinpath(f"data/samples/{sample}.txt").read_bytes()
    document: Document = read_document(data, f"{sample}.txt")
    return to_json(document)


def expected(sample: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{sample}.json").read_text("utf-8"))


# Tables the reader does not yet read field for field, and why. Strict: a fix makes these fail until the
# entry is removed, so this list only shrinks.
NOT_YET: dict[str, str] = {
    "linzi-2022-d0": "区委办公室 annual: merged duty cells interleaved character by character (D5) over rows",
    "linzi-2022-d9": "综合行政执法局: two strategic rows merged into one (D13); duty number printed mid-block",
    "liaocheng-2022-d2": "应急管理局 annual: duty and goal merged in one cell; header and data columns disagree",
    "liaocheng-2022-d5": "人社局: list-form 战略目标, rows shifted 16 columns (D11)",
}


def _cases(kind: str) -> list[Any]:
    cases = []
    for sample in SAMPLES:
        for item in expected(sample)[kind]:
            label = f"{sample}-{kind[0]}{item['index']}"
            marks = [pytest.mark.xfail(reason=NOT_YET[label], strict=True)] if label in NOT_YET else []
            cases.append(pytest.param(sample, item, id=label, marks=marks))
    return cases


def test_enough_tables_are_read_field_for_field() -> None:
    """At least 25 project and 6 department tables across the samples match their fixtures."""
    projects = [c for c in _cases("projects") if not c.marks]
    departments = [c for c in _cases("departments") if not c.marks]
    assert len(projects) >= 25
    assert len(departments) >= 6


def _normal_reference(ref: dict[str, Any] | None) -> dict[str, Any]:
    return {f: (ref or {}).get(f) for f in REFERENCE_FIELDS}


def _indicator_row(ind: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    row = {}
    for f in fields:
        value = ind.get(f)
        if f == "value":
            value = value["raw"] if isinstance(value, dict) else value
        if f == "reference":
            value = _normal_reference(value)
        row[f] = value
    return row


def _differences(expected_rows: list[dict], actual_rows: list[dict], fields: tuple[str, ...]) -> list[str]:
    problems = []
    if len(expected_rows) != len(actual_rows):
        problems.append(f"row count: expected {len(expected_rows)}, read {len(actual_rows)}")
    for i, (want, got) in enumerate(zip(expected_rows, actual_rows, strict=False)):
        want_row, got_row = _indicator_row(want, fields), _indicator_row(got, fields)
        for f in fields:
            if want_row[f] != got_row[f]:
                line = got.get("line")
                problems.append(f"row {i + 1} (source line {line}) {f}: expected {want_row[f]!r}, read {got_row[f]!r}")
    return problems


@pytest.mark.parametrize(("sample", "want"), _cases("projects"))
def test_project_matches_hand_checked_fixture(sample: str, want: dict[str, Any]) -> None:
    projects = parsed(sample)["projects"]
    assert want["index"] < len(projects), f"{sample}: project #{want['index']} not found"
    got = projects[want["index"]]
    # Fund fields these templates do not print (中期规划) are absent from the fixtures: they must read null.
    want = {**want, "funds": {k: None for k in got["funds"]} | want["funds"]}
    problems = [
        f"{f}: expected {want.get(f)!r}, read {got.get(f)!r}" for f in PROJECT_FIELDS if want.get(f) != got.get(f)
    ]
    problems += _differences(
        want["indicators"], got["indicators"], ("level1", "level2", "name", "description", "value")
    )
    assert not problems, f"{sample} lines {want['lines']}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("sample", "want"), _cases("departments"))
def test_department_matches_hand_checked_fixture(sample: str, want: dict[str, Any]) -> None:
    departments = parsed(sample)["departments"]
    assert want["index"] < len(departments), f"{sample}: department #{want['index']} not found"
    got = departments[want["index"]]
    problems = [
        f"{f}: expected {want.get(f)!r}, read {got.get(f)!r}" for f in DEPT_FIELDS if want.get(f) != got.get(f)
    ]
    problems += ["strategic " + p for p in _differences(
        want["strategic_indicators"], got["strategic_indicators"], STRATEGIC_FIELDS)]
    problems += ["annual " + p for p in _differences(
        want["annual_indicators"], got["annual_indicators"], ANNUAL_FIELDS)]
    assert not problems, f"{sample} lines {want['lines']}:\n" + "\n".join(problems)
