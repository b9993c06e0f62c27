"""``jixiao monitor-table`` exports the fill-in 执行监控表; ``jixiao monitor`` reads it filled and writes the
round as XLSX (the table with its bands), DOCX or PDF; bad cells exit 2 naming each one."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from jixiao.domain import to_json
from jixiao.ingest.actuals import actuals_to_json
from jixiao.ingest.monitoring_table import read_monitoring_table
from tests.publish.monitoring import ACTUALS, FARMLAND, TARGETS, find, indicator_row, sheets
from tests.publish.monitoring import save as _save
from tests.publish.test_monitoring_table import _filled, _sheet_of


def jixiao(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli", *map(str, args)], capture_output=True, text=True
    )


@pytest.fixture
def targets(tmp_path: Path) -> Path:
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(to_json(TARGETS), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def filled(tmp_path: Path, targets: Path) -> Path:
    """The blank table from ``jixiao monitor-table``, filled with openpyxl as a unit would."""
    blank = tmp_path / "table.xlsx"
    result = jixiao("monitor-table", targets, "--month", 6, "-o", blank)
    assert result.returncode == 0, result.stderr
    assert "4 张执行监控表" in result.stderr
    path = tmp_path / "filled.xlsx"
    path.write_bytes(_save(_filled(blank.read_bytes())))
    return path


def test_filled_table_is_monitored_like_actuals_json(targets: Path, filled: Path) -> None:
    result = jixiao("monitor", targets, filled, "--format", "json")
    assert result.returncode == 1, result.stderr  # 新增高标准农田面积 is red
    data = json.loads(result.stdout)
    farmland = next(p for p in data["projects"] if p["name"] == FARMLAND.name)
    assert (data["month"], farmland["band"], farmland["budget"]["band"]) == (6, "red", "yellow")


def test_xlsx_output_shows_bands_and_reads_back(tmp_path: Path, targets: Path, filled: Path) -> None:
    out = tmp_path / "round.xlsx"
    result = jixiao("monitor", targets, filled, "--format", "xlsx", "-o", out)
    assert result.returncode == 1, result.stderr
    ws = _sheet_of(sheets(out.read_bytes()), FARMLAND.name)
    _, col = find(ws, "监控结果")
    assert str(ws.cell(indicator_row(ws, "新增高标准农田面积"), col).value).startswith("红灯")
    assert read_monitoring_table(out.read_bytes()).projects[0] == ACTUALS.projects[0]


def test_docx_and_pdf_reports(tmp_path: Path, targets: Path, filled: Path) -> None:
    docx, pdf = tmp_path / "round.docx", tmp_path / "summary.pdf"
    assert jixiao("monitor", targets, filled, "--format", "docx", "-o", docx).returncode == 1
    text = "\n".join(c.text for t in open_docx(str(docx)).tables for row in t.rows for c in row.cells)
    assert "红灯" in text and "督促资金到位，加快施工" in text and "1–6月执行数" in text
    assert jixiao("monitor", targets, filled, "--format", "pdf", "--summary", "-o", pdf).returncode == 1
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        printed = "".join(page.extract_text() or "" for page in doc.pages).replace(" ", "")
    assert "绩效运行监控情况汇总" in printed and "执行监控表" not in printed


def test_binary_format_needs_an_output_file(targets: Path, filled: Path) -> None:
    result = jixiao("monitor", targets, filled, "--format", "docx")
    assert result.returncode == 2 and "-o" in result.stderr


def test_bad_cells_exit_2_naming_each(tmp_path: Path, targets: Path, filled: Path) -> None:
    wb = sheets(filled.read_bytes())
    ws = _sheet_of(wb, FARMLAND.name)
    row = indicator_row(ws, "验收合格率")
    ws.cell(row, find(ws, "偏差原因")[1]).value = "天气"
    ws.cell(row, find(ws, "完成目标可能性")[1]).value = "也许"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_save(wb))
    out = tmp_path / "never.docx"
    result = jixiao("monitor", targets, bad, "--format", "docx", "-o", out)
    assert result.returncode == 2
    assert f"{ws.title}!F{row}" in result.stderr and f"{ws.title}!H{row}" in result.stderr
    assert "共 2 处错误" in result.stderr and not out.exists()


def test_monitor_table_prefills_from_actuals_and_refuses_a_bad_month(tmp_path: Path, targets: Path) -> None:
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(actuals_to_json(ACTUALS), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "prefilled.xlsx"
    assert jixiao("monitor-table", targets, "--month", 6, "--actuals", actuals, "-o", out).returncode == 0
    assert read_monitoring_table(out.read_bytes()) == ACTUALS
    result = jixiao("monitor-table", targets, "--month", 7, "--actuals", actuals, "-o", out)
    assert result.returncode == 2 and "不一致" in result.stderr
    assert jixiao("monitor-table", targets, "--month", 13, "-o", out).returncode == 2


def test_monitor_table_help_says_what_it_is() -> None:
    result = jixiao("monitor-table", "--help")
    assert result.returncode == 0 and "执行监控表" in result.stdout and "--month" in result.stdout
