"""The review's JSON encoder writes exactly what ``json.dumps(…, ensure_ascii=False, indent=2)`` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jixiao.review.report.jsonout import dumps_indented

_plain = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
_keys = st.text() | st.integers() | st.booleans() | st.none()
_values = st.recursive(
    _plain,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_keys, inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_values)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_findings_like_value() -> None:
    value = {
        "rule": "VAGUE-VALUE",
        "subject": {"kind": "project", "name": "培训", "index": 3},
        "related_lines": [],
        "evidence": [{"label": "指标值", "value": "≥95%"}],
        "seconds": 0.25,
        "scores": [{"score": 92.5, "grade": "优"}, {}],
    }
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)
