"""要素完整: 满意度 declared 不适用 by a project with no one outside the unit to ask, and a 0 budget beside
the money a project says it spends."""

from jixiao.domain import Funds, Level1, Level2, Placeholder
from tests.review.builders import BASE, check, document, fired, project

_NO_SATISFACTION = tuple(i for i in BASE if i.level1 is not Level1.SATISFACTION)
_DECLARED = (
    Placeholder("不适用", Level1.SATISFACTION, Level2.SATISFACTION),
    Placeholder("不适用", Level1.SATISFACTION, Level2.SATISFACTION),
)


def _internal(**kw: object) -> object:
    kw.setdefault("name", "会计核算和内部审计经费")
    kw.setdefault("goal", "保障会计档案资料完整，建立电子会计档案备份")
    return project(*_NO_SATISFACTION, base=False, **kw)


def test_an_internal_service_may_declare_satisfaction_not_applicable() -> None:
    assert fired(document(_internal(placeholders=_DECLARED)), "LEVEL1-MISSING") == []  # type: ignore[arg-type]


def test_a_public_service_may_not() -> None:
    public = _internal(
        name="路灯电费、维护经费", goal="确保亮灯率95%以上，方便市民夜间出行", placeholders=_DECLARED
    )
    assert fired(document(public), "LEVEL1-MISSING") == [1]  # type: ignore[arg-type]


def test_satisfaction_rows_left_blank_or_absent_are_still_missing() -> None:
    blank = (Placeholder("", Level1.SATISFACTION, Level2.SATISFACTION),)
    assert fired(document(_internal(placeholders=blank)), "LEVEL1-MISSING") == [1]  # type: ignore[arg-type]
    assert fired(document(_internal()), "LEVEL1-MISSING") == [1]  # type: ignore[arg-type]


def test_other_first_levels_declared_not_applicable_are_missing_with_the_rows_as_evidence() -> None:
    effects = (Placeholder("不适用", Level1.EFFECT, Level2.SOCIAL_BENEFIT),)
    p = project(*[i for i in BASE if i.level1 is not Level1.EFFECT], base=False, placeholders=effects)
    [finding] = [f for f in check(document(p)).findings if f.rule == "LEVEL1-MISSING"]
    assert ("模板行填写", "社会效益指标：不适用") in finding.evidence


def test_a_zero_budget_beside_stated_spending_is_missing() -> None:
    zero = project(funds=Funds(total=0.0), calculation_basis="会计档案专业服务，共15万元")
    assert fired(document(zero), "FUNDS-MISSING") == [1]
    nothing_said = project(*_NO_SATISFACTION[:3], base=False, funds=Funds(total=0.0))
    assert fired(document(nothing_said), "FUNDS-MISSING") == []
