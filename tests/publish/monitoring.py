"""A monitoring round to publish in tests: the FULL document's targets, actuals as of June and their bands.

Hand-made so that red, yellow and green appear: 高标准农田建设 is red (3万亩 of 19万亩 done) with causes and
measures, its 长效管护机制 yellow (部分达成), its budget (400 of 1300 at month 6: 61.5) yellow; the 消防救援支队
is green.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    Likelihood,
    parse_target_value,
)
from tests.publish.fixtures import FULL

TARGETS = FULL
FARMLAND, ALLOWANCE = FULL.projects[0], FULL.projects[1]
FIRE = FULL.departments[0]


def _i(name: str, actual: str, **kw: object) -> IndicatorActual:
    return IndicatorActual(name, parse_target_value(actual), **kw)  # type: ignore[arg-type]


ACTUALS = Actuals(
    year=2023,
    month=6,
    projects=(
        ActualRecord(
            FARMLAND.name,
            FARMLAND.code,
            Budget(
                1300.0,
                None,
                400.0,
                1250.0,
                sources=(
                    BudgetSource("财政资金", 1200.5, None, 380.0, 1150.0),
                    BudgetSource("其他资金", 99.5, None, 20.0, 100.0),
                ),
            ),
            "已完成招标，开工建设3万亩。",
            (
                _i("亩均投入", "1480元/亩"),
                _i(
                    "新增高标准农田面积",
                    "3万亩",
                    causes=(Cause.FUNDING, Cause.STAFF),
                    cause_note="配套资金晚到位",
                    likelihood=Likelihood.POSSIBLE,
                    measures="督促资金到位，加快施工",
                ),
                _i("验收合格率", "100%"),
                _i("完成时间", "已启动"),
                _i(
                    "长效管护机制",
                    "部分达成",
                    status=Achievement.PARTLY,
                    causes=(Cause.RULES,),
                    likelihood=Likelihood.CERTAIN,
                    measures="制定管护办法",
                ),
                _i("农户满意度", "95%"),
            ),
        ),
    ),
    departments=(
        ActualRecord(
            FIRE.name,
            FIRE.code,
            Budget(5000.0, 5200.0, 2800.0, 5200.0),
            None,
            (
                _i("意识形态会商研判会议次数", "13次"),
                _i("火灾起数", "达成", status=Achievement.MET),
            ),
        ),
    ),
)


def sheets(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def save(wb) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def insert_blank_rows(ws: Worksheet, at: int, count: int) -> None:
    """What inserting rows in a spreadsheet does: cells and merged ranges below move down."""
    ws.insert_rows(at, count)
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row >= at:
            rng.shift(row_shift=count)


def find(ws: Worksheet, text: str) -> tuple[int, int]:
    """(row, column) of the first cell whose value is ``text``."""
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise KeyError(text)


def indicator_row(ws: Worksheet, name: str) -> int:
    head, _ = find(ws, "当前完成情况")
    for r in range(head + 1, ws.max_row + 1):
        if ws.cell(r, 3).value == name:
            return r
    raise KeyError(name)
