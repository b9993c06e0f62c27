"""Round trips hold for generated documents, not just the samples (hypothesis).

Text is generated the way readers leave it: no leading, trailing or doubled spaces and no line breaks.
PDF text has no spaces and no Latin letters: a PDF keeps no record of where a line wrapped, so a wrap
inside a Latin word cannot be told from a space (listed in the README's round-trip notes).
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jixiao.domain import (
    Department,
    DepartmentIndicator,
    Document,
    Funds,
    Indicator,
    Level1,
    Level2,
    Project,
    Reference,
    Source,
    SpendingPoint,
    parse_target_value,
)
from tests.publish.roundtrip import differences, round_trip

CJK = "绩效目标项资金门产出益满意度年计划完成率人次万元保障提升显著建设服务质量群众社会经济生态"
SYMBOLS = "0123456789%.，、（）《》“”:/-≥≤=·"


def texts(latin: bool) -> st.SearchStrategy[str]:
    alphabet = CJK + SYMBOLS + ((string.ascii_letters[:6] + " ") if latin else "")
    return st.text(alphabet, min_size=1, max_size=24).map(lambda s: " ".join(s.split())).filter(bool)


def optional(s: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | s


amounts = st.none() | st.integers(0, 10**8).map(lambda n: n / 100)


@st.composite
def documents(draw: st.DrawFn, latin: bool = True) -> Document:
    text = texts(latin)
    value = text.map(parse_target_value)
    indicators = st.builds(
        Indicator, level1=st.sampled_from(Level1), level2=st.sampled_from(Level2), name=text,
        value=value, description=optional(text), scoring=optional(text),
    )
    projects = st.builds(
        Project, name=text, funds=st.builds(Funds, amounts, amounts, amounts, amounts),
        indicators=st.lists(indicators, max_size=8).map(tuple), code=optional(text), category=optional(text),
        department=optional(text), department_code=optional(text), unit=optional(text),
        unit_code=optional(text), fund_type=optional(text), purpose=optional(text),
        spending_plan=st.lists(st.builds(SpendingPoint, text, amounts), max_size=7).map(tuple),
        goal=optional(text), long_term_goal=optional(text), period=optional(text),
        project_type=optional(text), is_new=st.none() | st.booleans(), allocation=optional(text),
        policy_basis=optional(text), calculation_basis=optional(text),
    )
    references = st.builds(Reference, *(optional(text) for _ in range(6)))
    strategic = st.builds(
        DepartmentIndicator, name=text, value=value, no=st.none() | st.integers(1, 99),
        explanation=optional(text), reference=references, note=optional(text),
    )
    annual = st.builds(
        DepartmentIndicator, name=text, value=value, duty_no=st.none() | st.integers(1, 99),
        duty_area=optional(text), duty=optional(text), duty_goal=optional(text), explanation=optional(text),
        reference=references, note=optional(text), activity=optional(text), budget_project=optional(text),
        office=optional(text),
    )
    departments = st.builds(
        Department, name=text, code=optional(text), strategic_goal=optional(text),
        strategic_indicators=st.lists(strategic, max_size=4).map(tuple),
        annual_indicators=st.lists(annual, max_size=4).map(tuple),
    )
    # A publication without a single table reads as nothing: readers refuse it, as they should.
    tables = (
        tuple(draw(st.lists(projects, max_size=3))),
        tuple(draw(st.lists(departments, max_size=3, unique_by=lambda d: d.name))),
    )
    assume(tables[0] or tables[1])
    return Document(
        source=Source("generated", "0" * 64),
        title=draw(optional(text)),
        issuer=draw(optional(text)),
        year=draw(st.none() | st.integers(2015, 2035)),
        preface=draw(optional(st.lists(text, min_size=1, max_size=3).map("\n".join))),
        projects=tables[0],
        departments=tables[1],
    )


FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(documents())
def test_docx_round_trip(doc: Document) -> None:
    expected, back = round_trip(doc, "docx")
    assert back == expected, differences(expected, back)


@FAST
@given(documents())
def test_xlsx_round_trip(doc: Document) -> None:
    expected, back = round_trip(doc, "xlsx")
    assert back == expected, differences(expected, back)


@FAST
@given(documents())
def test_html_round_trip(doc: Document) -> None:
    expected, back = round_trip(doc, "html")
    assert back == expected, differences(expected, back)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(latin=False))
def test_pdf_round_trip(doc: Document) -> None:
    expected, back = round_trip(doc, "pdf")
    assert back == expected, differences(expected, back)
