"""PRINTED-TOTAL-MISMATCH end to end: a workbook whose 汇总表 prints a wrong 小计 gives, under
``jixiao check``, one error per wrong total in every report format, with the cell it stands in."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from tests.ingest.test_summary_totals import Summary, render_with_summary

runner = CliRunner()


def workbook(summary: Summary, path: Path) -> Path:
    path.write_bytes(render_with_summary(summary, "xlsx"))
    return path


def test_each_report_names_the_wrong_subtotal_and_its_cell(tmp_path: Path) -> None:
    source = workbook(
        Summary((728.0, 494.39, 218.0), subtotals_after=(2,), subtotal_off=10.0), tmp_path / "s.xlsx"
    )

    out = tmp_path / "r.json"
    assert runner.invoke(app, ["check", str(source), "--format", "json", "-o", str(out)]).exit_code == 1
    (finding,) = [
        f for f in json.loads(out.read_text("utf-8"))["findings"] if f["rule"] == "PRINTED-TOTAL-MISMATCH"
    ]
    assert finding["message"] == "测试局小计印为1232.39万元，所列2行之和为1222.39万元（相差10万元）"
    assert finding["severity"] == "error" and finding["subject"]["kind"] == "document"
    cell = {e["label"]: e["value"] for e in finding["evidence"]}["位置"]
    assert cell.startswith("汇总表!")

    text = runner.invoke(app, ["check", str(source), "--no-colour"]).output
    assert "[错误] PRINTED-TOTAL-MISMATCH  测试局小计印为1232.39万元" in text and cell in text

    html = tmp_path / "r.html"
    runner.invoke(app, ["check", str(source), "--format", "html", "-o", str(html)])
    page = html.read_text("utf-8")
    assert "PRINTED-TOTAL-MISMATCH" in page and "1222.39万元" in page and cell in page

    xlsx = tmp_path / "r.xlsx"
    runner.invoke(app, ["check", str(source), "--format", "xlsx", "-o", str(xlsx)])
    rows = [[c.value for c in r] for r in load_workbook(xlsx)["审核意见"].iter_rows(min_row=2)]
    (row,) = [r for r in rows if str(r[7] or "").startswith("PRINTED-TOTAL-MISMATCH")]
    assert "1232.39万元" in row[10] and cell in row[11]


def test_a_right_summary_gives_no_such_finding(tmp_path: Path) -> None:
    source = workbook(Summary((728.0, 494.39, 218.0), subtotals_after=(2,)), tmp_path / "s.xlsx")
    out = tmp_path / "r.json"
    runner.invoke(app, ["check", str(source), "--format", "json", "-o", str(out)])
    assert not [
        f for f in json.loads(out.read_text("utf-8"))["findings"] if f["rule"] == "PRINTED-TOTAL-MISMATCH"
    ]
