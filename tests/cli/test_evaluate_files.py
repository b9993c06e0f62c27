"""``jixiao evaluate-table`` exports the fill-in 绩效自评表; ``jixiao evaluate`` reads it filled and writes the
year as XLSX (the table with its scores and grades), DOCX or PDF (the 自评表 and the report for 人大); bad
cells exit 2 naming each one. Scores as worked by hand in tests/publish/selfeval.py."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as open_docx

from jixiao.domain import to_json
from jixiao.ingest.actuals import actuals_to_json
from jixiao.ingest.selfeval_table import read_selfeval_table
from tests.cli.test_monitor_files import jixiao
from tests.publish.monitoring import find, save, sheets
from tests.publish.selfeval import ACTUALS, ALLOWANCE, FARMLAND, FIRE, TARGETS
from tests.publish.test_selfeval_table import _filled, _grid_column, _row, _sheet_of


@pytest.fixture
def targets(tmp_path: Path) -> Path:
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(to_json(TARGETS), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def filled(tmp_path: Path, targets: Path) -> Path:
    """The blank table from ``jixiao evaluate-table``, filled with openpyxl as a unit would."""
    blank = tmp_path / "table.xlsx"
    result = jixiao("evaluate-table", targets, "-o", blank)
    assert result.returncode == 0, result.stderr
    assert "4 张绩效自评表" in result.stderr
    path = tmp_path / "filled.xlsx"
    path.write_bytes(save(_filled(blank.read_bytes())))
    return path


def test_filled_table_is_scored_like_actuals_json(targets: Path, filled: Path) -> None:
    result = jixiao("evaluate", targets, filled, "--format", "json")
    assert result.returncode == 1, result.stderr  # red warnings
    data = json.loads(result.stdout)
    totals = {r["name"]: (r["total"], r["grade"]) for r in (*data["projects"], *data["departments"])}
    assert totals == {FARMLAND.name: (92.18, "优"), ALLOWANCE.name: (63.98, "中"), FIRE.name: (94.81, "优")}
    fire = data["departments"][0]
    assert (fire["subordinate_units"], fire["budget_note"]) == (12, "年中追加预算200万元，执行正常。")


def test_xlsx_output_shows_scores_and_grades_and_reads_back(
    tmp_path: Path, targets: Path, filled: Path
) -> None:
    out = tmp_path / "自评.xlsx"
    result = jixiao("evaluate", targets, filled, "--format", "xlsx", "-o", out)
    assert result.returncode == 1, result.stderr
    ws = _sheet_of(sheets(out.read_bytes()), ALLOWANCE.name)
    _, computed = find(ws, "计算得分")
    assert ws.cell(_row(ws, "保障人数"), computed).value == 15.89  # 600 ÷ 944 × 25
    r, _ = find(ws, "自评等级")
    assert ws.cell(r, 7).value == "中（结果应用：压缩）"
    assert read_selfeval_table(out.read_bytes()) == ACTUALS


def test_docx_and_pdf_carry_the_tables_and_the_report(tmp_path: Path, targets: Path) -> None:
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(actuals_to_json(ACTUALS), ensure_ascii=False), encoding="utf-8")
    docx, pdf = tmp_path / "自评.docx", tmp_path / "自评.pdf"
    assert jixiao("evaluate", targets, actuals, "--format", "docx", "-o", docx).returncode == 1
    doc = open_docx(io.BytesIO(docx.read_bytes()))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    for expected in (
        "项目支出绩效自评表",
        FARMLAND.name,
        FIRE.name,
        "92.18",
        "63.98",
        "94.81",
        "优先保障",
        "压缩",
    ):
        assert expected in text, expected
    assert jixiao("evaluate", targets, actuals, "--format", "pdf", "--summary", "-o", pdf).returncode == 1
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as opened:
        squashed = "".join(page.extract_text() or "" for page in opened.pages).replace(" ", "")
    assert "自评等级分布" in squashed and ALLOWANCE.name in squashed and "红色预警" in squashed
    assert "偏差原因分析" not in squashed  # the report alone


def test_bad_cells_exit_2_each_on_its_line_and_nothing_is_written(
    tmp_path: Path, targets: Path, filled: Path
) -> None:
    wb = sheets(filled.read_bytes())
    ws = _sheet_of(wb, FARMLAND.name)
    row = _row(ws, "长效管护机制")
    ws.cell(row, _grid_column(ws, "分值")).value = "十五"
    ws.cell(row, _grid_column(ws, "完成情况")).value = "基本达成"
    total, _ = find(ws, "年度资金总额")
    ws.cell(total, find(ws, "全年执行数")[1]).value = -1
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(save(wb))
    out = tmp_path / "out.docx"
    result = jixiao("evaluate", targets, bad, "--format", "docx", "-o", out)
    assert result.returncode == 2 and not out.exists()
    lines = [line for line in result.stderr.splitlines() if line.startswith("错误: bad.xlsx: ")]
    assert len(lines) == 3 and all(f"{ws.title}!" in line for line in lines)
    assert "共 3 处错误，未评分" in result.stderr


def test_evaluate_table_prefilled_from_actuals_json(tmp_path: Path, targets: Path) -> None:
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(actuals_to_json(ACTUALS), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "table.xlsx"
    assert jixiao("evaluate-table", targets, "-o", out, "--actuals", actuals).returncode == 0
    assert read_selfeval_table(out.read_bytes()) == ACTUALS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "xlsx 格式须用 -o 指定输出文件"),
        (["--format", "yaml"], "不支持的格式 yaml"),
    ],
)
def test_file_formats_need_an_output(tmp_path: Path, targets: Path, args: list[str], message: str) -> None:
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(actuals_to_json(ACTUALS), ensure_ascii=False), encoding="utf-8")
    result = jixiao("evaluate", targets, actuals, *args)
    assert result.returncode == 2 and message in result.stderr


def test_a_bad_selfeval_key_names_the_selfeval_section(tmp_path: Path, targets: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text("[selfeval.grade]\nexcellent = 85\n", encoding="utf-8")
    actuals = tmp_path / "actuals.json"
    actuals.write_text(json.dumps(actuals_to_json(ACTUALS), ensure_ascii=False), encoding="utf-8")
    result = jixiao("evaluate", targets, actuals, "--profile", profile)
    assert result.returncode == 2
    assert "自评配置中没有“selfeval.grade”这一项" in result.stderr and "监控配置" not in result.stderr


def test_the_output_must_be_xlsx(tmp_path: Path, targets: Path) -> None:
    result = jixiao("evaluate-table", targets, "-o", tmp_path / "x.docx")
    assert result.returncode == 2 and "输出文件须为 .xlsx" in result.stderr
