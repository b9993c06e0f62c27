"""Profiles turn rules on and off and set thresholds; scores and grades follow the documented formula."""

from pathlib import Path

import pytest

from jixiao.review import ProfileError, builtin_profiles, grade_of, load_profile
from jixiao.review.profile import Grades
from tests.review.builders import check, document, ind, project


def test_builtin_profiles_load_and_inherit() -> None:
    assert {"default", "strict"} <= set(builtin_profiles())
    strict = load_profile("strict")
    assert strict.grades == Grades(85, 70, 60)
    assert strict.penalties == load_profile("default").penalties  # inherited unchanged


def test_profile_file_disables_rules_and_overrides_severity(tmp_path: Path) -> None:
    path = tmp_path / "region.toml"
    path.write_text(
        '[profile]\nname = "region"\n[rules.SATISFACTION-LOW]\nthreshold = 60\n'
        '[rules.RATE-IN-QUANTITY]\nenabled = false\n[rules.VAGUE-VALUE]\nseverity = "error"\n',
        "utf-8",
    )
    doc = document(
        project(
            ind("满意度", "用人单位满意度", "≥70%", 20),
            ind("数量", "在职率", "100%", 21),
            ind("社会效益", "能力", "显著提高", 22),
        )
    )
    report = check(doc, str(path))
    rules = {f.rule: f.severity.value for f in report.findings}
    assert "SATISFACTION-LOW" not in rules and "RATE-IN-QUANTITY" not in rules
    assert rules["VAGUE-VALUE"] == "error"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules.NO-SUCH-RULE]\nenabled = false\n", "NO-SUCH-RULE"),
        ("[rules.SATISFACTION-LOW]\nthreshhold = 80\n", "threshhold"),
        ('[rules.SATISFACTION-LOW]\nthreshold = "80"\n', "类型"),
        ('[rules.VAGUE-VALUE]\nseverity = "fatal"\n', "severity"),
        ("[grades]\nexcellent = 50\n", "优 > 良 > 中"),
        ("[grade]\nexcellent = 50\n", "未知的配置段"),
        ("not toml = = 1", "TOML"),
    ],
)
def test_bad_profiles_are_rejected(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile(path)


def test_unknown_builtin_profile() -> None:
    with pytest.raises(ProfileError, match="没有名为"):
        load_profile("nowhere")


def test_score_formula_caps_each_rule() -> None:
    # one error (25) + RATE-IN-QUANTITY three times (capped at 2 × 8) = 41 → 59 → 差
    p = project(
        ind("数量", "在职率", "100%", 20),
        ind("数量", "覆盖率", "100%", 21),
        ind("数量", "发放率", "100%", 22),
        ind("经济成本", "拨付资金", "≤9510万元", 23),
    )
    report = check(document(p))
    score = report.scores[0]
    assert (score.score, score.grade, score.errors, score.warnings) == (59.0, "差", 1, 3)


def test_grades() -> None:
    g = Grades()
    assert [grade_of(s, g) for s in (100, 90, 89.5, 80, 79, 60, 59.9)] == [
        "优",
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
    ]


def test_findings_carry_evidence_and_suggestion() -> None:
    report = check(document(project(ind("经济成本", "财政拨付项目资金", "≤9510.6万元", 40), budget=609)))
    (f,) = [f for f in report.findings if f.rule == "COST-EXCEEDS-BUDGET"]
    assert f.criterion.value == "适当性" and f.subject.name == "测试项目"
    assert ("项目预算", "609万元") in f.evidence and f.suggestion
    assert 40 in f.lines and report.has_errors
