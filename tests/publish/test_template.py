"""The Excel template: pre-filled from last year, filled, loaded back; a bad cell refuses the whole file."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from jixiao.domain import Document
from jixiao.publish.template import write_template
from jixiao.publish.template_loader import TemplateError, load_template
from tests.publish.fixtures import FULL, expected_document


def _department_names(doc: Document) -> list[str]:
    return sorted({p.department for p in doc.projects if p.department} | {d.name for d in doc.departments})


@pytest.mark.parametrize("doc", [FULL, expected_document("linzi-2022")], ids=["full", "linzi"])
def test_prefilled_template_loads_back_unchanged(doc: Document) -> None:
    for name in _department_names(doc):
        back = load_template(write_template(doc, department=name), "t.xlsx")
        projects = tuple(p for p in doc.projects if p.department == name)
        assert back.projects == projects, name
        assert back.departments == tuple(d for d in doc.departments if d.name == name)[:1], name
        assert back.year == doc.year


def test_prefilled_defect_is_reported_not_loaded() -> None:
    """zichuan 2023 has an indicator row whose name was lost in print: the department must name it."""
    doc = expected_document("zichuan-2023")
    name = next(p.department for p in doc.projects if any(not i.name for i in p.indicators))
    assert name is not None
    with pytest.raises(TemplateError, match="三级指标名称不能为空"):
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
    assert "项目1!F21: 指标值 '9O' 不是有效数值" in messages
    assert any(m.startswith("项目1!B22: 二级指标 '产出'") for m in messages)
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
