"""A region's criteria in a profile: patterns are data, run with a time limit, named by their 审核细项."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.domain import Placeholder, from_json, to_json
from jixiao.domain.taxonomy import Level1, Level2
from jixiao.ingest import read_document
from jixiao.review import check_document, load_profile
from jixiao.review.criteria import Criterion, Field, Flag, flagged
from jixiao.review.findings import Severity
from jixiao.review.profile import ProfileError, profile_for_region
from tests.ingest.forms import songgang_like_workbook
from tests.review.builders import document, ind, project


def crit(
    field: Field, pattern: str, flag: Flag, *categories: Level2, template_rows: bool = False
) -> Criterion:
    return Criterion(
        "T-1", "测试细项", field, pattern, flag, "问题。", categories=categories, template_rows=template_rows
    )


def test_nomatch_flags_a_field_without_the_good_form() -> None:
    cited = project(policy_basis="根据《深圳市文明城市行为纲要》设立")
    uncited = project(policy_basis="根据工作需要")
    rule = crit(Field.POLICY_BASIS, r"《[\u4e00-\u9fa5]{5,}》", Flag.NOMATCH)
    assert list(flagged(rule, cited)) == []
    assert [m.label for m in flagged(rule, uncited)] == ["政策依据"]


def test_match_flags_each_row_whose_name_has_the_bad_form() -> None:
    p = project(ind("社会效益", "有助于工作人员的会计档案管理影响", "明显"))
    rule = crit(Field.NAME, ".{15,}", Flag.MATCH)
    assert [m.indicator.name for m in flagged(rule, p) if m.indicator] == ["有助于工作人员的会计档案管理影响"]


def test_categories_limit_the_rows_and_template_rows_count_as_rows() -> None:
    social = Placeholder("不适用", Level1.EFFECT, Level2.SOCIAL_BENEFIT)
    economic = Placeholder("不适用", Level1.EFFECT, Level2.ECONOMIC_BENEFIT)
    p = project(
        ind("质量", "验收合格", "合格"),
        ind("经济效益", "管理水平", "得到提升"),
        placeholders=(social, economic),
    )
    quantified = r"[0-9]+"
    rule = crit(
        Field.VALUE, quantified, Flag.NOMATCH, Level2.QUALITY, Level2.SOCIAL_BENEFIT, template_rows=True
    )
    assert [m.label for m in flagged(rule, p)] == ["质量指标“验收合格”", "社会效益指标“不适用”"]
    without = crit(Field.VALUE, quantified, Flag.NOMATCH, Level2.QUALITY, Level2.SOCIAL_BENEFIT)
    assert [m.label for m in flagged(without, p)] == ["质量指标“验收合格”"]


def test_a_category_is_unfilled_when_blank_not_when_it_says_not_applicable() -> None:
    blank = crit(Field.CATEGORY, r"^\s*$", Flag.MATCH, Level2.SOCIAL_BENEFIT)
    written = project(base=False, placeholders=(Placeholder("不适用", Level1.EFFECT, Level2.SOCIAL_BENEFIT),))
    empty = project(base=False, placeholders=(Placeholder("", Level1.EFFECT, Level2.SOCIAL_BENEFIT),))
    assert list(flagged(blank, written)) == []
    assert [m.label for m in flagged(blank, empty)] == ["社会效益指标"]


def test_cells_flag_a_row_once_for_a_blank_cell() -> None:
    full = ind("质量", "合格率", "≥95%", description="考察培训质量")
    p = project(full, ind("数量", "培训期数", "", description=""), base=False)
    rule = crit(Field.CELLS, r"^\s*$", Flag.MATCH)
    assert [m.label for m in flagged(rule, p)] == ["数量指标“培训期数”"]


def test_cells_see_a_blank_cell_of_a_template_row() -> None:
    """不适用 in 三级指标 and 指标值 but 指标解释 left blank: the template row is not fully filled."""
    filled = Placeholder("不适用", Level1.EFFECT, Level2.SOCIAL_BENEFIT, cells=("不适用", "不适用", "不适用"))
    gap = Placeholder("不适用", Level1.SATISFACTION, Level2.SATISFACTION, cells=("不适用", "不适用", ""))
    p = project(
        ind("数量", "培训期数", "4期", description="考察培训"), placeholders=(filled, gap), base=False
    )
    rule = crit(Field.CELLS, r"^\s*$", Flag.MATCH)
    assert [m.label for m in flagged(rule, p)] == ["服务对象满意度指标“不适用”"]


def test_a_template_row_read_from_a_grid_keeps_its_cells() -> None:
    """The reader keeps each cell of a 不适用 row, so a blank 指标解释 beside it can be seen (and survives JSON)."""
    book = load_workbook(io.BytesIO(songgang_like_workbook(1)))
    sheet = book.worksheets[0]
    (last,) = [r for r in sheet.iter_rows() if r[1].value == "其他满意度"]
    last[4].value = None
    out = io.BytesIO()
    book.save(out)
    document = read_document(out.getvalue(), "form.xlsx")
    (proj,) = document.projects
    assert [ph.cells for ph in proj.placeholders if ph.cells[-1] == ""] == [("不适用", "不适用", "")]
    assert from_json(to_json(document)).projects[0].placeholders == proj.placeholders


def test_a_pattern_that_does_not_compile_is_a_problem_not_a_crash() -> None:
    [m] = flagged(crit(Field.GOAL, "(未闭合", Flag.MATCH), project())
    assert m.problem and "无法编译" in m.problem


def test_a_pattern_that_runs_too_long_is_a_problem_naming_the_place() -> None:
    catastrophic = crit(Field.GOAL, r"(a|aa)+$", Flag.MATCH)
    [m] = flagged(catastrophic, project(goal="a" * 60 + "b"), seconds=0.01)
    assert m.problem and "超过" in m.problem and m.label == "年度目标"


PROFILE = """
[profile]
name = "region"
builtin_rules = false
regions = ["某区"]

[[criteria]]
id = "R-01"
item = "政策依据不规范"
field = "政策依据"
pattern = '《.{5,}》'
flag = "nomatch"
message = "政策依据表述过于简单。"
suggestion = "请写明文件。"

[[criteria]]
id = "R-02"
item = "坏正则"
field = "年度目标"
pattern = '(未闭合'
flag = "match"
message = "不会出现。"

[[checklist]]
id = "R-03"
item = "绩效指标重复"
field = "绩效指标"
message = "与哪一指标重复，请修改。"
"""


def test_a_profile_runs_its_criteria_as_findings_with_item_and_code(tmp_path: Path) -> None:
    path = tmp_path / "region.toml"
    path.write_text(PROFILE, "utf-8")
    profile = load_profile(path)
    doc = document(project(name="档案整理", code="4403001", policy_basis="根据工作需要"))
    report = check_document(doc, profile)
    by_rule = {f.rule: f for f in report.findings}
    assert set(by_rule) == {"R-01", "R-02"}  # builtin_rules = false: no built-in rule runs
    policy = by_rule["R-01"]
    assert policy.title == "政策依据不规范" and policy.message.startswith("政策依据不规范：")
    assert policy.subject.code == "4403001" and policy.subject.name == "档案整理"
    assert policy.severity is Severity.WARNING and policy.suggestion == "请写明文件。"
    assert by_rule["R-02"].severity is Severity.HINT and "无法编译" in by_rule["R-02"].message
    assert [c.item for c in profile.checklist] == ["绩效指标重复"]
    assert "R-01" in report.rules_run


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ('flag = "nomatch"', 'flag = "sometimes"'),
        ('field = "政策依据"', 'field = "预算"'),
        ('suggestion = "请写明文件。"', 'colour = "red"'),
    ],
)
def test_a_misspelt_criterion_is_a_profile_error(tmp_path: Path, change: str, words: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(PROFILE.replace(change, words, 1), "utf-8")
    with pytest.raises(ProfileError, match="R-01|第1条"):
        load_profile(path)


def test_baoan_2023_expresses_the_districts_criteria() -> None:
    profile = load_profile("baoan-2023")
    assert len(profile.criteria) == 21 and len(profile.checklist) == 5
    items = {c.item: c for c in profile.criteria}
    assert items["政策依据不规范"].flag is Flag.NOMATCH
    assert items["绩效指标表述过于冗长"].flag is Flag.MATCH
    uncited = document(project(code="1", policy_basis="根据会计管理事务制度", calculation_basis="共15万元"))
    titles = {f.title for f in check_document(uncited, profile).findings}
    assert {"政策依据不规范", "测算依据不规范"} <= titles
    assert not any(
        f.rule.startswith(("COST", "SATISFACTION")) for f in check_document(uncited, profile).findings
    )


def test_the_web_picks_the_profile_naming_the_region() -> None:
    assert profile_for_region("宝安区").name == "baoan-2023"
    assert profile_for_region("淄川区").name == "default"
    assert profile_for_region(None).name == "default"


def test_every_format_names_the_item_and_the_project_code() -> None:
    import json
    from io import BytesIO

    from openpyxl import load_workbook  # type: ignore[import-untyped]

    from jixiao.review.report import render_json, render_text, render_xlsx

    doc = document(project(name="档案整理", code="440306231391", policy_basis="根据工作需要"))
    report = check_document(doc, load_profile("baoan-2023"))
    text = render_text([report])
    assert "项目：档案整理  项目编码 440306231391" in text and "政策依据不规范：" in text
    data = json.loads(render_json([report]))
    policy = next(f for f in data["findings"] if f["title"] == "政策依据不规范")
    assert policy["subject"]["code"] == "440306231391" and policy["subject"]["name"] == "档案整理"
    assert [c["item"] for c in data["checklist"]][:2] == ["绩效指标归类不正确", "绩效指标重复"]
    sheet = load_workbook(BytesIO(render_xlsx([report])))["审核意见"]
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if "政策依据不规范" in str(r[7])]
    assert rows and rows[0][3] == "档案整理" and rows[0][-1] == "440306231391"
