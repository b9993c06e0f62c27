"""The fill-in 执行监控表: exported, filled as a unit would (openpyxl), read back by its labels; a bad cell
refuses the whole workbook and every bad cell is named."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import ActualRecord, Actuals, Budget, IndicatorActual, parse_target_value
from jixiao.evaluate.monitor import monitor
from jixiao.ingest.monitoring_table import MAX_ROWS, MonitoringTableError, read_monitoring_table
from jixiao.publish.monitoring_table import write_monitoring_table
from tests.publish.fixtures import expected_document
from tests.publish.monitoring import (
    ACTUALS,
    ALLOWANCE,
    FARMLAND,
    FIRE,
    TARGETS,
    find,
    indicator_row,
    insert_blank_rows,
    save,
    sheets,
)

_COLUMNS = {
    "actual": "当前完成情况",
    "causes": "偏差原因",
    "cause_note": "原因说明",
    "likelihood": "完成目标可能性",
    "measures": "备注/改进措施",
}


def _sheet_of(wb, name: str) -> Worksheet:  # type: ignore[no-untyped-def]
    return next(ws for ws in wb.worksheets if ws["L1"].value and ws["L1"].value.endswith(f" | {name}"))


def _fill(ws: Worksheet, record: ActualRecord) -> None:
    """Type ``record`` into its sheet, finding every cell by the label a person reads."""
    head, _ = find(ws, "资金来源")
    amount_columns = {
        attr: find(ws, text)[1]
        for attr, text in (
            ("planned", "年初预算数"),
            ("adjusted", "调整后预算数"),
            ("executed", "1–6月执行数"),
            ("expected", "全年预计执行数"),
        )
    }
    total, _ = find(ws, "年度资金总额")
    for n, item in enumerate((record.budget, *record.budget.sources)):
        r = total + n
        if n:
            ws.cell(r, 2).value = item.name  # type: ignore[union-attr]
        for attr, col in amount_columns.items():
            ws.cell(r, col).value = getattr(item, attr)
    r, c = find(ws, "实际完成情况")
    ws.cell(r, c + 1).value = record.goal_result
    columns = {attr: find(ws, text)[1] for attr, text in _COLUMNS.items()}
    for ind in record.indicators:
        r = indicator_row(ws, ind.name)
        ws.cell(r, columns["actual"]).value = ind.actual.raw or None
        ws.cell(r, columns["causes"]).value = "、".join(c.value for c in ind.causes) or None
        ws.cell(r, columns["cause_note"]).value = ind.cause_note
        ws.cell(r, columns["likelihood"]).value = ind.likelihood.value if ind.likelihood else None
        ws.cell(r, columns["measures"]).value = ind.measures


def _filled(data: bytes, actuals: Actuals = ACTUALS):  # type: ignore[no-untyped-def]
    wb = sheets(data)
    for record in (*actuals.projects, *actuals.departments):
        _fill(_sheet_of(wb, record.name), record)
    return wb


def test_blank_table_reads_back_the_budgets_the_targets_give() -> None:
    back = read_monitoring_table(write_monitoring_table(TARGETS, 6))
    assert (back.year, back.month, back.departments) == (2023, 6, ())
    assert back.projects == (
        ActualRecord(FARMLAND.name, FARMLAND.code, Budget(1300.0)),
        ActualRecord(ALLOWANCE.name, None, Budget(218.0)),
    )


def test_filled_by_a_unit_reads_back_what_it_typed() -> None:
    """Export → fill with openpyxl → read: the actuals typed, and the untouched project's 年初预算数."""
    back = read_monitoring_table(save(_filled(write_monitoring_table(TARGETS, 6))))
    expected = replace(
        ACTUALS, projects=(*ACTUALS.projects, ActualRecord(ALLOWANCE.name, None, Budget(218.0)))
    )
    assert back == expected


def test_prefilled_from_actuals_reads_back_equal() -> None:
    assert read_monitoring_table(write_monitoring_table(TARGETS, 6, ACTUALS)) == ACTUALS


def test_the_table_with_bands_still_reads_back() -> None:
    """``jixiao monitor --format xlsx`` adds a 监控结果 column; the reader reads by labels and passes it by."""
    data = write_monitoring_table(TARGETS, 6, ACTUALS, monitor(TARGETS, ACTUALS))
    ws = _sheet_of(sheets(data), FARMLAND.name)
    r, c = find(ws, "监控结果")
    band = ws.cell(indicator_row(ws, "新增高标准农田面积"), c)
    assert str(band.value).startswith("红灯") and band.fill.fgColor.rgb.endswith("F4A7A7")
    assert read_monitoring_table(data) == ACTUALS


def test_three_bad_cells_are_all_named_and_nothing_is_loaded() -> None:
    wb = _filled(write_monitoring_table(TARGETS, 6))
    ws = _sheet_of(wb, FARMLAND.name)
    row = indicator_row(ws, "验收合格率")
    ws.cell(row, find(ws, "偏差原因")[1]).value = "资金不足"
    ws.cell(row, find(ws, "完成目标可能性")[1]).value = "不确定"
    total, _ = find(ws, "年度资金总额")
    ws.cell(total, find(ws, "1–6月执行数")[1]).value = -5
    with pytest.raises(MonitoringTableError) as err:
        read_monitoring_table(save(wb))
    t = ws.title
    assert [e.where for e in err.value.errors] == [f"{t}!E{total}", f"{t}!F{row}", f"{t}!H{row}"]
    messages = " ".join(e.message for e in err.value.errors)
    assert (
        "不能为负数" in messages
        and "经费保障 / 制度保障" in messages
        and "确定能 / 有可能 / 完全不可能" in messages
    )


def test_amount_that_is_no_number_and_a_month_mismatch_are_named() -> None:
    wb = sheets(write_monitoring_table(TARGETS, 6))
    ws = _sheet_of(wb, ALLOWANCE.name)
    total, _ = find(ws, "年度资金总额")
    ws.cell(total, 3).value = "约二百万"
    r, c = find(ws, "1–6月执行数")
    ws.cell(r, c).value = "1–7月执行数"
    with pytest.raises(MonitoringTableError) as err:
        read_monitoring_table(save(wb))
    assert [e.where for e in err.value.errors] == [f"{ws.title}!E{r}", f"{ws.title}!C{total}"]
    assert "1–7月" in err.value.errors[0].message and "不是有效数值" in err.value.errors[1].message


def test_a_sheet_without_its_key_reads_by_its_labels() -> None:
    wb = _filled(write_monitoring_table(TARGETS, 6))
    for ws in wb.worksheets:
        ws["L1"].value = None
    assert read_monitoring_table(save(wb)).projects[0] == ACTUALS.projects[0]


def test_huge_sheet_is_refused_with_its_size() -> None:
    wb = sheets(write_monitoring_table(TARGETS, 6))
    wb.worksheets[1].cell(MAX_ROWS + 1, 1).value = "x"
    with pytest.raises(MonitoringTableError, match="工作表过大"):
        read_monitoring_table(save(wb))


def test_not_a_workbook_is_refused() -> None:
    with pytest.raises(MonitoringTableError, match="不是有效的 XLSX"):
        read_monitoring_table(b"not a workbook", "x.xlsx")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.randoms(use_true_random=False), st.lists(st.tuples(st.integers(2, 40), st.integers(1, 3)), max_size=3)
)
def test_reordered_sheets_and_blank_rows_read_the_same(
    rng: random.Random, inserts: list[tuple[int, int]]
) -> None:
    wb = _filled(write_monitoring_table(TARGETS, 6, ACTUALS))
    order = list(wb._sheets)
    rng.shuffle(order)
    wb._sheets = order
    for ws in wb.worksheets:
        for at, count in inserts:
            insert_blank_rows(ws, at, count)
    assert read_monitoring_table(save(wb)) == ACTUALS


def test_department_sheets_carry_their_duties() -> None:
    ws = _sheet_of(sheets(write_monitoring_table(TARGETS, 6)), FIRE.name)
    assert find(ws, "部门职责") and find(ws, "绩效指标") and find(ws, "部门名称")


def test_targets_are_locked_and_the_units_cells_open_with_lists() -> None:
    ws = _sheet_of(sheets(write_monitoring_table(TARGETS, 6)), FARMLAND.name)
    assert ws.protection.sheet
    r = indicator_row(ws, "新增高标准农田面积")
    name, target = ws.cell(r, 3), ws.cell(r, 4)
    assert (name.value, target.value) == ("新增高标准农田面积", "≥19万亩")
    assert name.protection.locked and target.protection.locked
    assert not any(ws.cell(r, c).protection.locked for c in range(5, 10))
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert lists == {'"经费保障,制度保障,人员保障,硬件条件保障,其他"', '"确定能,有可能,完全不可能"'}
    assert ws.column_dimensions["L"].hidden and ws["L1"].value.startswith(
        "jixiao/monitoring-table@1 | 项目 | 1 |"
    )


def test_a_real_document_with_projects_of_one_name_round_trips() -> None:
    """linzi 2022 has several 综合运转项目 without codes: each sheet keeps its own actuals, in order."""
    doc = expected_document("linzi-2022")
    names = [p.name for p in doc.projects]
    assert len(names) > len(set(names))
    actuals = Actuals(
        2022,
        9,
        projects=tuple(
            ActualRecord(
                p.name,
                p.code,
                Budget(p.funds.total, None, float(n)),
                None,
                tuple(IndicatorActual(i.name, parse_target_value(f"{n}人")) for i in p.indicators[:1]),
            )
            for n, p in enumerate(doc.projects, 1)
        ),
    )
    assert read_monitoring_table(write_monitoring_table(doc, 9, actuals)) == actuals
