"""The Excel template: pre-filled from last year, filled, loaded back; a bad cell refuses the whole file."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from jixiao.domain import Document
from jixiao.domain.validation import check_document
from jixiao.ingest.template import TemplateError, load_template
from jixiao.publish.template import write_template
from tests.publish.fixtures import FULL, expected_document


def _department_names(doc: Document) -> list[str]:
    return sorted({p.department for p in doc.projects if p.department} | {d.name for d in doc.departments})


@pytest.mark.parametrize("doc", [FULL, expected_document("linzi-2022")], ids=["full", "linzi"])
def test_prefilled_template_loads_back_unchanged_or_names_each_problem(doc: Document) -> None:
    """What passes the one validation loads back unchanged; what does not (a value or name lost in print) is
    refused with exactly the problems the validation finds in the document itself, each at its cell."""
    refused = 0
    for name in _department_names(doc):
        data = write_template(doc, department=name)
        projects = tuple(p for p in doc.projects if p.department == name)
        departments = tuple(d for d in doc.departments if d.name == name)[:1]
        problems = check_document(replace(doc, projects=projects, departments=departments))
        if problems:
            refused += 1
            with pytest.raises(TemplateError) as err:
                load_template(data, "t.xlsx")
            assert [e.message for e in err.value.errors] == [p.problem.message for p in problems], name
            continue
        back = load_template(data, "t.xlsx")
        assert back.projects == projects, name
        assert back.departments == departments, name
        assert back.year == doc.year
    assert refused < len(_department_names(doc))


def test_prefilled_defect_is_reported_not_loaded() -> None:
    """zichuan 2023 has an indicator row whose name was lost in print: the department must name it."""
    doc = expected_document("zichuan-2023")
    name = next(p.department for p in doc.projects if any(not i.name for i in p.indicators))
    assert name is not None
    with pytest.raises(TemplateError, match="请填写三级指标名称"):
        load_template(write_template(doc, department=name), "t.xlsx")


def test_blank_template_loads_as_nothing() -> None:
    back = load_template(write_template(year=2024), "blank.xlsx")
    assert (back.projects, back.departments, back.year) == ((), (), 2024)


def _fill(data: bytes, edits: dict[str, dict[str, object]]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for sheet, cells in edits.items():
        for ref, value in cells.items():
            wb[sheet][ref] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_filled_blank_template_reads_values() -> None:
    data = _fill(write_template(year=2024), {
        "项目2": {"B3": "乡村道路养护", "B11": 120, "C17": 60, "A20": "产出指标", "B20": "数量指标",
                  "C20": "养护里程", "E20": "≥", "F20": 35.5, "G20": "公里",
                  "B21": "服务对象满意度指标", "C21": "群众满意度", "E21": "定性", "F21": "显著提高"},
    })
    doc = load_template(data, "filled.xlsx")
    (p,) = doc.projects
    assert (p.name, p.funds.total) == ("乡村道路养护", 120.0)
    assert [(s.period, s.amount) for s in p.spending_plan] == [
        ("3月底", None), ("6月底", 60.0), ("10月底", None), ("12月底", None)]
    assert [i.value.raw for i in p.indicators] == ["≥35.5公里", "显著提高"]
    assert p.indicators[1].level1.value == "满意度指标"  # derived from 二级 when 一级 is left blank


def test_bad_cells_are_named_and_nothing_is_loaded() -> None:
    data = _fill(write_template(FULL, department="某市农业农村局"), {
        "项目1": {"F21": "9O", "B22": "产出", "B11": "一千"},
        "填报说明": {"B3": 1900},
    })
    with pytest.raises(TemplateError) as err:
        load_template(data, "bad.xlsx")
    messages = [str(e) for e in err.value.errors]
    assert "项目1!F21: 指标值“≥9O万亩”的数字中有字母 O（应为“≥90万亩”？）。" in messages
    assert "项目1!B22: “产出”不是二级指标，请选择二级指标。" in messages
    assert "项目1!B11: 年度资金总额(万元) '一千' 不是有效数值" in messages
    assert any(m.startswith("填报说明!B3:") for m in messages)


def test_structure_is_protected_and_lists_validate() -> None:
    wb = load_workbook(io.BytesIO(write_template(FULL, department="某市农业农村局")))
    assert wb.security is not None and wb.security.lockStructure
    ws = wb["项目1"]
    assert ws.protection.sheet
    assert ws["B3"].protection.locked is False and ws["A3"].protection.locked is True
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert any("经济成本指标" in f for f in lists) and any("≥" in f and "定性" in f for f in lists)


def test_not_a_template_is_refused() -> None:
    from jixiao.publish import document, xlsx

    with pytest.raises(TemplateError, match="不是 jixiao 填报模板"):
        load_template(xlsx.write(document.build(FULL)), "disclosure.xlsx")


def test_form_fields_sit_beside_the_header_block_and_load_back() -> None:
    """项目类型 … 长期目标 in H/I (the cells of older templates keep their places), 评分标准 in column H."""
    data = _fill(write_template(year=2024), {
        "项目1": {"B3": "乡村道路养护", "I3": "15 其他经费", "I4": "是", "I5": "2024年-2026年", "I6": "因素法",
                  "I7": 360, "I8": "《公路法》", "I9": "120公里×3万元", "I10": "路况优良率逐年提高",
                  "B20": "数量指标", "C20": "养护里程", "E20": "≥", "F20": 35, "G20": "公里",
                  "H20": "每少1公里扣1分"},
    })
    (p,) = load_template(data, "filled.xlsx").projects
    assert (p.project_type, p.is_new, p.period, p.allocation, p.funds.midterm) == (
        "15 其他经费", True, "2024年-2026年", "因素法", 360.0)
    assert (p.policy_basis, p.calculation_basis, p.long_term_goal) == ("《公路法》", "120公里×3万元", "路况优良率逐年提高")
    assert p.indicators[0].scoring == "每少1公里扣1分"


def test_bad_yes_no_and_midterm_amount_are_named() -> None:
    data = _fill(write_template(FULL, department="某市农业农村局"), {"项目1": {"I4": "可能", "I7": "三千"}})
    with pytest.raises(TemplateError) as err:
        load_template(data, "bad.xlsx")
    messages = [str(e) for e in err.value.errors]
    assert "项目1!I4: 是否新增项目 '可能' 应为“是”或“否”" in messages
    assert "项目1!I7: 项目总金额（中期规划，万元） '三千' 不是有效数值" in messages


def test_is_new_is_a_yes_no_list_and_the_new_cells_are_open() -> None:
    ws = load_workbook(io.BytesIO(write_template(FULL, department="某市农业农村局")))["项目1"]
    assert (ws["H4"].value, ws["I4"].value, ws["I7"].value) == ("是否新增项目", "否", 3900)
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists["I4"] == '"是,否"'
    assert ws["I10"].protection.locked is False and ws["H10"].protection.locked is True
    assert ws["H21"].protection.locked is False  # 评（扣）分标准 of the indicator rows
