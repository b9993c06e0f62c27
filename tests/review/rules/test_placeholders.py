"""Template rows filled 不适用: an effect kind the project is evidently about, and required categories whose
findings show the 不适用 rows."""

from jixiao.domain import Level1, Level2, Placeholder
from tests.review.builders import BASE, check, document, fired, project

_ECO = (Placeholder("不适用", Level1.EFFECT, Level2.ECOLOGICAL_BENEFIT),)


def test_an_ecological_project_writing_off_its_ecological_effect() -> None:
    forest = project(
        name="林业管理事务经费", goal="维护森林防火林带、防治薇甘菊，保护森林生态资源", placeholders=_ECO
    )
    assert fired(document(forest), "PLACEHOLDER-IN-NEEDED-CATEGORY") == [1]


def test_quiet_when_it_is_not_the_purpose_or_the_row_was_left_blank() -> None:
    archive = project(name="档案管理经费", goal="完成街道现存档案整理、数字化加工", placeholders=_ECO)
    blank = (Placeholder("", Level1.EFFECT, Level2.ECOLOGICAL_BENEFIT),)
    forest_blank = project(name="林业管理事务经费", goal="保护森林生态资源", placeholders=blank)
    assert fired(document(archive, forest_blank), "PLACEHOLDER-IN-NEEDED-CATEGORY") == []


def test_a_required_output_category_declared_not_applicable_is_missing_and_says_so() -> None:
    rows = (Placeholder("不适用", Level1.OUTPUT, Level2.TIMELINESS),)
    p = project(*[i for i in BASE if i.level2 is not Level2.TIMELINESS], base=False, placeholders=rows)
    [finding] = [f for f in check(document(p)).findings if f.rule == "OUTPUT-LEVEL2-MISSING"]
    assert ("模板行填写", "时效指标：不适用") in finding.evidence
