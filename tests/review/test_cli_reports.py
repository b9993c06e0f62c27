"""``jixiao check`` end to end: formats, exit codes, profiles; the reports carry every finding."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "jixiao" / "data" / "samples"
runner = CliRunner()


def test_text_report_groups_and_counts() -> None:
    result = runner.invoke(app, ["check", str(SAMPLES / "zichuan-2023.txt"), "--no-colour"])
    assert result.exit_code == 1, result.output  # the sample has errors (a cost above the budget)
    assert "COST-EXCEEDS-BUDGET" in result.output and "按规则：" in result.output
    assert "项目：2019年-2022年高标准农田建设" in result.output


def test_json_report_is_complete(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(
        app, ["check", str(SAMPLES / "zichuan-2023.txt"), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 1
    data = json.loads(out.read_text("utf-8"))
    assert data["format"] == "jixiao/review@1"
    assert data["summary"]["findings"] == len(data["findings"]) > 0
    f = next(f for f in data["findings"] if f["rule"] == "COST-EXCEEDS-BUDGET")
    assert f["line"] and f["evidence"] and f["suggestion"] and f["criterion"] == "适当性"


def test_html_and_xlsx(tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    runner.invoke(app, ["check", str(SAMPLES / "linzi-2022.txt"), "--format", "html", "-o", str(html)])
    page = html.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "RATE-IN-QUANTITY" in page
    xlsx = tmp_path / "r.xlsx"
    runner.invoke(app, ["check", str(SAMPLES / "linzi-2022.txt"), "--format", "xlsx", "-o", str(xlsx)])
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["审核意见", "评分", "规则统计"]
    assert wb["审核意见"]["N1"].value == "审核人意见" and wb["审核意见"].max_row > 10


def test_exit_zero_without_errors(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        "[penalties]\nerror = 25\n"
        + "".join(
            f'[rules.{r}]\nseverity = "warning"\n'
            for r in (
                "VALUE-MISSING",
                "COST-EXCEEDS-BUDGET",
                "LEVEL1-MISSING",
                "COST-MISSING",
                "FUNDS-SUM",
                "GOAL-MISSING",
                "FUNDS-MISSING",
                "DEPT-VALUE-MISSING",
                "DEPT-INDICATORS-MISSING",
                "SPENDING-PLAN-DECREASING",
                "RATE-OVER-100",
            )
        ),
        "utf-8",
    )
    result = runner.invoke(app, ["check", str(SAMPLES / "zichuan-2023.txt"), "--profile", str(profile)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["check", "/no/such/file.txt"],
        ["check", str(SAMPLES / "zichuan-2023.txt"), "--format", "pdf"],
        ["check", str(SAMPLES / "zichuan-2023.txt"), "--profile", "nowhere"],
        ["check", str(SAMPLES / "zichuan-2023.txt"), "--format", "xlsx"],
        ["check"],
    ],
)
def test_bad_input_exits_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "错误" in result.output


def test_unreadable_document_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2


def test_every_format_carries_the_departments(tmp_path: Path) -> None:
    """linzi's 供销合作社联合社 leaves two strategic values blank (L616, L619): each format names the
    department, the finding, its line and its table and row, and scores the department."""
    linzi = str(SAMPLES / "linzi-2022.txt")
    text = runner.invoke(app, ["check", linzi, "--no-colour"])
    assert text.exit_code == 1
    assert "部门：淄博市临淄区供销合作社联合社 (L611)  得分 50 差" in text.output
    assert (
        "L616 [错误] DEPT-VALUE-MISSING  部门指标“商贸流通体系个数”没有年度指标值  〔战略目标表第"
        in text.output
    )

    out = tmp_path / "r.json"
    assert runner.invoke(app, ["check", linzi, "--format", "json", "-o", str(out)]).exit_code == 1
    data = json.loads(out.read_text("utf-8"))
    f = next(f for f in data["findings"] if f["line"] == 616)
    assert (f["rule"], f["subject"]["kind"], f["table"]) == ("DEPT-VALUE-MISSING", "department", "战略目标表")
    assert isinstance(f["row"], int) and f["row"] >= 1
    assert sum(s["kind"] == "department" for s in data["scores"]) == 10

    html = tmp_path / "r.html"
    assert runner.invoke(app, ["check", linzi, "--format", "html", "-o", str(html)]).exit_code == 1
    page = html.read_text("utf-8")
    assert "部门：淄博市临淄区供销合作社联合社" in page
    assert f"linzi-2022.txt:L616 · 战略目标表第{f['row']}行" in page

    xlsx = tmp_path / "r.xlsx"
    assert runner.invoke(app, ["check", linzi, "--format", "xlsx", "-o", str(xlsx)]).exit_code == 1
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    rows = [[c.value for c in r] for r in wb["审核意见"].iter_rows(min_row=2)]
    (cells,) = [r for r in rows if r[4] == 616]
    assert (cells[2], cells[3], cells[5]) == (
        "部门",
        "淄博市临淄区供销合作社联合社",
        f"战略目标表第{f['row']}行",
    )
    scored = [r for r in wb["评分"].iter_rows(min_row=2, values_only=True) if r[1] == "部门"]
    assert ("淄博市临淄区供销合作社联合社", 50, "差") in [(r[2], r[5], r[6]) for r in scored]
