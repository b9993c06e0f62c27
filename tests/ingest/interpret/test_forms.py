"""A project form read by its labels and headers (the layout of 二级项目支出绩效目标申报表)."""

from __future__ import annotations

from jixiao.domain import Level1, Level2
from jixiao.ingest import read_document
from tests.ingest.forms import songgang_like_workbook


def _doc():
    return read_document(songgang_like_workbook(2), "forms.xlsx")


def test_every_sheet_is_a_project_with_its_header_fields() -> None:
    doc = _doc()
    assert [p.name for p in doc.projects] == ["社区路灯维护1", "社区路灯维护2"]
    p = doc.projects[0]
    assert p.code == "440306000000000001"
    assert (p.unit, p.department) == ("某街道市政建设工程事务中心", "某街道办事处（本级）")
    assert (p.period, p.project_type, p.is_new, p.allocation) == ("3", "15 其他经费", False, "因素法和项目法")
    assert (p.funds.total, p.funds.midterm) == (1500000.0, 4500000.0)
    assert p.policy_basis == "《城市照明管理规定》"
    assert p.calculation_basis == "路灯维护经费150万元，按合同支付。"
    assert p.goal == "保障辖区路灯完好。"
    assert p.long_term_goal == "建立路灯长效维护机制。"
    assert p.where == "1.社区路灯维护1!A1"


def test_indicators_take_their_categories_from_merged_cells() -> None:
    p = _doc().projects[0]
    assert [(i.level1, i.level2, i.name, i.value.raw, i.description) for i in p.indicators] == [
        (Level1.OUTPUT, Level2.QUANTITY, "维护路灯数", "≥1200盏", "全年维护路灯数量"),
        (Level1.OUTPUT, Level2.QUALITY, "路灯亮灯率", "≥98%", "亮灯数/总数"),
        (Level1.OUTPUT, Level2.TIMELINESS, "故障修复时间", "≤24小时", "接报到修复"),
        (Level1.OUTPUT, Level2.COST, "维护成本", "不超过150万元", "合同金额"),
        (Level1.EFFECT, Level2.SOCIAL_BENEFIT, "夜间出行安全", "明显改善", "群众出行更安全"),
        (Level1.SATISFACTION, Level2.SATISFACTION, "居民满意度", "≥90%", "问卷调查"),
    ]
    assert p.indicators[0].where == "1.社区路灯维护1!C12"


def test_template_rows_filled_not_applicable_are_placeholders() -> None:
    p = _doc().projects[0]
    assert [(x.text, x.level2) for x in p.placeholders] == [
        ("不适用", Level2.ECONOMIC_BENEFIT), ("不适用", Level2.ECOLOGICAL_BENEFIT),
        ("不适用", Level2.SUSTAINABILITY), ("不适用", Level2.SATISFACTION),
    ]


def test_yuan_under_a_wan_yuan_label_is_warned_with_evidence_and_not_rescaled() -> None:
    doc = _doc()
    warnings = [w for w in doc.warnings if "金额单位疑为元" in w.message]
    assert len(warnings) == 2
    assert "150万元" in warnings[0].message and warnings[0].where == "1.社区路灯维护1!E6"
    assert doc.projects[0].funds.total == 1500000.0


def test_the_form_notes_and_titles_are_not_warnings() -> None:
    assert not [w for w in _doc().warnings if "无法归属" in w.message]
