"""One canonical JSON form: from_json(to_json(x)) == x, and it validates against the contract."""

import json
from importlib import resources

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level2,
    Placeholder,
    Project,
    ReadWarning,
    Reference,
    Source,
    SpendingPoint,
    SummaryRow,
    from_json,
    level1_of,
    parse_target_value,
    to_json,
)

SCHEMA = json.loads(resources.files("jixiao").joinpath("data/disclosure.schema.json").read_text("utf-8"))

text = st.text(max_size=12)
maybe_text = st.none() | text
amount = st.none() | st.floats(min_value=0, max_value=1e7, allow_nan=False)
values = st.sampled_from(["≥95%", "=13人", "显著", "1-2年", "前2名", "x", "", "约300人次/天"]).map(
    parse_target_value
)
indicators = st.builds(
    lambda l2, name, value, desc, line, scoring, where: Indicator(
        level1_of(l2), l2, name, value, desc, line, scoring=scoring, where=where
    ),
    st.sampled_from(list(Level2)), text, values, maybe_text, st.none() | st.integers(1, 10**6), maybe_text,
    maybe_text,
)
placeholders = st.builds(
    lambda l2, text_, where: Placeholder(text_, level1_of(l2) if l2 else None, l2, where=where),
    st.none() | st.sampled_from(list(Level2)), st.sampled_from(["不适用", "无", ""]), maybe_text,
)
projects = st.builds(
    Project,
    name=text,
    funds=st.builds(Funds, amount, amount, amount, amount),
    indicators=st.lists(indicators, max_size=4).map(tuple),
    code=maybe_text,
    department=maybe_text,
    spending_plan=st.lists(st.builds(SpendingPoint, text, amount), max_size=4).map(tuple),
    goal=maybe_text,
    long_term_goal=maybe_text,
    period=maybe_text,
    project_type=maybe_text,
    is_new=st.none() | st.booleans(),
    allocation=maybe_text,
    policy_basis=maybe_text,
    calculation_basis=maybe_text,
    placeholders=st.lists(placeholders, max_size=2).map(tuple),
    where=maybe_text,
)
dept_indicators = st.builds(
    DepartmentIndicator,
    name=text,
    value=values,
    no=st.none() | st.integers(0, 99),
    duty=maybe_text,
    reference=st.builds(Reference, maybe_text, maybe_text),
)
documents = st.builds(
    Document,
    source=st.builds(Source, text, text),
    title=maybe_text,
    year=st.none() | st.integers(2000, 2100),
    summary=st.lists(st.builds(SummaryRow, text, budget=amount), max_size=2).map(tuple),
    projects=st.lists(projects, max_size=3).map(tuple),
    departments=st.lists(
        st.builds(Department, text, strategic_indicators=st.lists(dept_indicators, max_size=3).map(tuple)),
        max_size=2,
    ).map(tuple),
    warnings=st.lists(st.builds(ReadWarning, text, st.none() | st.integers(1, 100), maybe_text), max_size=2).map(tuple),
)


@given(documents)
def test_json_round_trip(doc):
    data = to_json(doc)
    jsonschema.validate(data, SCHEMA)
    assert from_json(json.loads(json.dumps(data, ensure_ascii=False))) == doc


def test_refuses_another_schema():
    import pytest

    with pytest.raises(ValueError, match="disclosure@1"):
        from_json({"schema": "other", "projects": [], "departments": [], "warnings": []})
