"""The fill-in 绩效自评表: exported, filled as a unit would (openpyxl, finding every cell by the label a person
reads), read back by its labels as year-end actuals; a bad cell refuses the whole workbook, every one named."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import ActualRecord, Actuals, Budget, IndicatorActual, parse_target_value
from jixiao.ingest.selfeval_table import SelfEvalTableError, read_selfeval_table
from jixiao.publish.monitoring_table import write_monitoring_table
from jixiao.publish.selfeval_layout import GRADE_FILLS
from jixiao.publish.selfeval_table import write_selfeval_table
from tests.publish.fixtures import expected_document
from tests.publish.monitoring import find, insert_blank_rows, save, sheets
from tests.publish.selfeval import ACTUALS, ALLOWANCE, CIVIL, FARMLAND, FIRE, RESULT, TARGETS

_COLUMNS = {
    "actual": "实际完成值",
    "status": "完成情况",
    "causes": "偏差原因",
    "cause_note": "偏差原因分析",
    "measures": "改进措施",
}


def _sheet_of(wb, name: str) -> Worksheet:  # type: ignore[no-untyped-def]
    return next(ws for ws in wb.worksheets if ws["N1"].value and ws["N1"].value.endswith(f" | {name}"))


def _grid_column(ws: Worksheet, text: str) -> int:
    """The grid's column headed ``text`` (分值 and 得分 head a funds column too)."""
    head, _ = find(ws, "实际完成值")
    return next(c.column for c in ws[head] if c.value == text)


def _row(ws: Worksheet, name: str) -> int:
    head, _ = find(ws, "实际完成值")
    return next(r for r in range(head + 1, ws.max_row + 1) if ws.cell(r, 3).value == name)


def _fill(ws: Worksheet, record: ActualRecord) -> None:
    head, _ = find(ws, "资金来源")
    columns = {
        attr: find(ws, text)[1]
        for attr, text in (("planned", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数"))
    }
    total, _ = find(ws, "年度资金总额")
    for n, item in enumerate((record.budget, *record.budget.sources)):
        if n:
            ws.cell(total + n, 2).value = item.name  # type: ignore[union-attr]
        for attr, col in columns.items():
            ws.cell(total + n, col).value = getattr(item, attr)
    r, c = find(ws, "实际完成情况")
    ws.cell(r + 1, c).value = record.goal_result
    if record.subordinate_units is not None:
        r, c = find(ws, "下属单位个数")
        ws.cell(r, c + 1).value = record.subordinate_units
    if record.budget_note is not None:
        r, c = find(ws, "预算执行偏差说明")
        ws.cell(r, c + 1).value = record.budget_note
    grid = {attr: _grid_column(ws, text) for attr, text in _COLUMNS.items()}
    weight, score = _grid_column(ws, "分值"), _grid_column(ws, "得分")
    for ind in record.indicators:
        r = _row(ws, ind.name)
        ws.cell(r, grid["actual"]).value = ind.actual.raw or None
        ws.cell(r, grid["status"]).value = ind.status.value if ind.status else None
        ws.cell(r, weight).value = ind.weight
        ws.cell(r, score).value = ind.score
        ws.cell(r, grid["causes"]).value = "、".join(c.value for c in ind.causes) or None
        ws.cell(r, grid["cause_note"]).value = ind.cause_note
        ws.cell(r, grid["measures"]).value = ind.measures


def _filled(data: bytes, actuals: Actuals = ACTUALS):  # type: ignore[no-untyped-def]
    wb = sheets(data)
    for record in (*actuals.projects, *actuals.departments):
        _fill(_sheet_of(wb, record.name), record)
    return wb


def test_blank_table_reads_back_the_budgets_the_targets_give() -> None:
    back = read_selfeval_table(write_selfeval_table(TARGETS))
    assert (back.year, back.month, back.departments) == (2023, 12, ())
    assert back.projects == (
        ActualRecord(FARMLAND.name, FARMLAND.code, Budget(1300.0)),
        ActualRecord(ALLOWANCE.name, None, Budget(218.0)),
    )


def test_filled_by_a_unit_reads_back_what_it_typed() -> None:
    """Export → fill with openpyxl → read → the same year-end actuals, 分值 and 得分 included."""
    assert read_selfeval_table(save(_filled(write_selfeval_table(TARGETS)))) == ACTUALS


def test_own_weights_read_back() -> None:
    weights = (10.0, 20.0, 10.0, 10.0, 15.0, 15.0, 10.0)
    farmland = ACTUALS.projects[0]
    own = replace(
        farmland,
        indicators=tuple(replace(i, weight=w) for i, w in zip(farmland.indicators, weights, strict=True)),
    )
    actuals = replace(ACTUALS, projects=(own, ACTUALS.projects[1]))
    back = read_selfeval_table(save(_filled(write_selfeval_table(TARGETS), actuals)))
    assert [i.weight for i in back.projects[0].indicators] == list(weights)


def test_prefilled_with_scores_shows_them_and_still_reads_back() -> None:
    """With a result: 计算得分 beside each indicator, the budget's 得分, 总分 and 自评等级 in colour; the reader
    passes them by."""
    data = write_selfeval_table(TARGETS, ACTUALS, RESULT)
    ws = _sheet_of(sheets(data), FARMLAND.name)
    _, computed = find(ws, "计算得分")
    assert ws.cell(_row(ws, "新增高标准农田面积"), computed).value == 11.18  # 17 ÷ 19 × 12.5
    total, _ = find(ws, "年度资金总额")
    assert ws.cell(total, find(ws, "得分")[1]).value == 8.0  # 1080 ÷ 1350 × 10
    r, _ = find(ws, "总分")
    assert ws.cell(r, computed).value == 92.18
    r, _ = find(ws, "自评等级")
    grade = ws.cell(r, 7)
    assert grade.value == "优（结果应用：优先保障）" and grade.fill.fgColor.rgb.endswith(GRADE_FILLS["优"])
    assert read_selfeval_table(data) == ACTUALS


def test_the_department_table_has_its_units_and_deviation_note() -> None:
    ws = _sheet_of(sheets(write_selfeval_table(TARGETS, ACTUALS)), FIRE.name)
    assert ws["A1"].value == "部门整体支出绩效自评表"
    r, c = find(ws, "下属单位个数")
    assert ws.cell(r, c + 1).value == 12 and not ws.cell(r, c + 1).protection.locked
    assert find(ws, "部门职责") and find(ws, "绩效指标") and find(ws, "预算执行偏差说明")


def test_three_bad_cells_are_all_named_and_nothing_is_loaded() -> None:
    wb = _filled(write_selfeval_table(TARGETS))
    ws = _sheet_of(wb, FARMLAND.name)
    row = _row(ws, "长效管护机制")
    weight, status, causes = (
        _grid_column(ws, "分值"),
        _grid_column(ws, "完成情况"),
        _grid_column(ws, "偏差原因"),
    )
    ws.cell(row, weight).value = "十五"
    ws.cell(row, status).value = "基本达成"
    ws.cell(row, causes).value = "资金不足"
    fire = _sheet_of(wb, FIRE.name)
    r, c = find(fire, "下属单位个数")
    fire.cell(r, c + 1).value = 3.5
    with pytest.raises(SelfEvalTableError) as err:
        read_selfeval_table(save(wb))
    letter = "ABCDEFGHIJKL"
    t, f = ws.title, fire.title
    assert [e.where for e in err.value.errors] == [
        f"{t}!{letter[status - 1]}{row}",
        f"{t}!{letter[weight - 1]}{row}",
        f"{t}!{letter[causes - 1]}{row}",
        f"{f}!H{r}",
    ]
    messages = " ".join(e.message for e in err.value.errors)
    assert (
        "达成 / 部分达成 / 未达成" in messages
        and "不是有效数值" in messages
        and "经费保障 / 制度保障" in messages
    )
    assert "须为整数" in messages


def test_a_monitoring_table_is_not_a_self_evaluation() -> None:
    with pytest.raises(SelfEvalTableError, match="不是 jixiao 导出的绩效自评表"):
        read_selfeval_table(write_monitoring_table(TARGETS, 6), "监控.xlsx")


def test_a_sheet_without_its_key_reads_by_its_labels() -> None:
    wb = _filled(write_selfeval_table(TARGETS))
    for ws in wb.worksheets:
        ws["N1"].value = None
    back = read_selfeval_table(save(wb))
    assert back.projects == ACTUALS.projects and back.departments == ACTUALS.departments


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.randoms(use_true_random=False), st.lists(st.tuples(st.integers(2, 40), st.integers(1, 3)), max_size=3)
)
def test_reordered_and_renamed_sheets_and_blank_rows_read_the_same(
    rng: random.Random, inserts: list[tuple[int, int]]
) -> None:
    wb = _filled(write_selfeval_table(TARGETS, ACTUALS))
    order = list(wb._sheets)
    rng.shuffle(order)
    wb._sheets = order
    for n, ws in enumerate(wb.worksheets):
        ws.title = f"表{n}"
        for at, count in inserts:
            insert_blank_rows(ws, at, count)
    assert read_selfeval_table(save(wb)) == ACTUALS


def test_targets_are_locked_and_the_units_cells_open_with_lists() -> None:
    ws = _sheet_of(sheets(write_selfeval_table(TARGETS)), FARMLAND.name)
    assert ws["A1"].value == "项目支出绩效自评表" and ws.protection.sheet
    r = _row(ws, "新增高标准农田面积")
    assert (ws.cell(r, 3).value, ws.cell(r, 4).value) == ("新增高标准农田面积", "≥19万亩")
    assert ws.cell(r, 3).protection.locked and ws.cell(r, 4).protection.locked
    assert not any(ws.cell(r, c).protection.locked for c in range(5, 12))
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {'"经费保障,制度保障,人员保障,硬件条件保障,其他"', '"达成,部分达成,未达成"'}
    assert ws.column_dimensions["N"].hidden and ws["N1"].value.startswith(
        "jixiao/selfeval-table@1 | 项目 | 1 |"
    )
    assert CIVIL.name in {
        w["N1"].value.split(" | ")[-1] for w in sheets(write_selfeval_table(TARGETS)).worksheets[1:]
    }


def test_a_real_document_with_projects_of_one_name_round_trips() -> None:
    doc = expected_document("linzi-2022")
    actuals = Actuals(
        2022,
        12,
        projects=tuple(
            ActualRecord(
                p.name,
                p.code,
                Budget(p.funds.total, None, float(n)),
                None,
                tuple(
                    IndicatorActual(i.name, parse_target_value(f"{n}人"), weight=1.5)
                    for i in p.indicators[:1]
                ),
            )
            for n, p in enumerate(doc.projects, 1)
        ),
    )
    assert read_selfeval_table(write_selfeval_table(doc, actuals)) == actuals
