"""``jixiao profile import``: a criteria workbook, read by its header words, becomes a profile that runs."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook  # type: ignore[import-untyped]
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.review import load_profile
from jixiao.review.criteria import Field, Flag
from jixiao.review.criteria_import import infer_flag, split_opinion

runner = CliRunner()


def criteria_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["某区2024年绩效目标审核口径"])
    # Columns in another order than any district's, and a 备注 column nobody reads.
    ws.append(["审核细项", "编码", "正则表达式", "审核对象", "模式", "审核意见表述（问题+建议）", "备注"])
    ws.append(
        ["政策依据不规范", 0, "《.{5,}》", "政策依据", "正则匹配", "政策依据过于简单，请写明文件。", None]
    )
    ws.append(["指标名称过于冗长", 1, ".{20,}", "三级指标", "正则匹配", "表述冗长，请简明表述。", None])
    ws.append(["数量指标未填写", 2, "空", "数量", "正则匹配", "数量指标未填写，请补充。", None])
    ws.append(["时限不合理", 3, "及时", "二级指标==时效", "正则匹配", "时效指标未反映时限。", None])
    ws.append(["绩效指标重复", 4, "无", "绩效指标", "人工", "与哪一指标重复，请修改。", None])
    wb.save(path)
    return path


def test_polarity_is_inferred_from_the_name_where_it_says() -> None:
    assert infer_flag("政策依据不规范", "《.{5,}》") is Flag.NOMATCH
    assert infer_flag("绩效指标表述过于冗长", ".{15,}") is Flag.MATCH
    assert infer_flag("指标值未填写", "空") is Flag.MATCH
    assert infer_flag("指标解释未填写", "考察|体现|反映") is None  # 未填写, yet the pattern is no blank
    assert infer_flag("时间限制不合理可行", "及时") is None


def test_an_opinion_splits_into_problem_and_suggestion() -> None:
    assert split_opinion("政策依据过于简单，请写明文件。") == ("政策依据过于简单。", "请写明文件。")
    assert split_opinion("表述冗长") == ("表述冗长", "")


def test_import_asks_where_it_cannot_infer_and_writes_a_profile(tmp_path: Path) -> None:
    out = tmp_path / "region.toml"
    result = runner.invoke(
        app,
        ["profile", "import", str(criteria_workbook(tmp_path / "c.xlsx")), "-o", str(out), "--name", "某区"],
        input="sometimes\nmatch\n",  # a wrong answer is asked again
    )
    assert result.exit_code == 0, result.output
    assert "时限不合理" in result.output
    profile = load_profile(out)
    by_item = {c.item: c for c in profile.criteria}
    assert (
        by_item["政策依据不规范"].flag is Flag.NOMATCH
        and by_item["政策依据不规范"].field is Field.POLICY_BASIS
    )
    assert by_item["指标名称过于冗长"].flag is Flag.MATCH
    assert by_item["数量指标未填写"].pattern == r"^\s*$" and by_item["数量指标未填写"].field is Field.CATEGORY
    assert by_item["时限不合理"].flag is Flag.MATCH and by_item["时限不合理"].field is Field.NAME
    assert by_item["政策依据不规范"].suggestion == "请写明文件。"
    assert [c.item for c in profile.checklist] == ["绩效指标重复"]
    assert not profile.builtin_rules


def test_polarity_can_be_answered_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "region.toml"
    args = ["profile", "import", str(criteria_workbook(tmp_path / "c.xlsx")), "-o", str(out)]
    assert runner.invoke(app, args, input="").exit_code == 2  # nobody to ask: a clear error
    result = runner.invoke(app, [*args, "--polarity", "3=nomatch"])
    assert result.exit_code == 0, result.output
    assert {c.item: c.flag for c in load_profile(out).criteria}["时限不合理"] is Flag.NOMATCH


def test_a_workbook_without_criteria_headers_is_refused(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["项目名称", "金额"])
    wb.save(tmp_path / "x.xlsx")
    result = runner.invoke(
        app, ["profile", "import", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "o.toml")]
    )
    assert result.exit_code == 2 and "审核对象" in result.output


def test_check_lists_the_checklist_and_names_findings_by_item() -> None:
    sample = Path(__file__).resolve().parents[2] / "jixiao" / "data" / "samples" / "zichuan-2023.txt"
    result = runner.invoke(app, ["check", str(sample), "--profile", "baoan-2023", "--no-colour"])
    assert "人工审核项" in result.output and "绩效指标与年度目标不相关" in result.output
    assert "政策依据不规范：" in result.output  # a disclosure without 政策依据 cites no document


def test_html_and_xlsx_reports_carry_the_checklist_and_the_code(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sample = Path(__file__).resolve().parents[2] / "jixiao" / "data" / "samples" / "zichuan-2023.txt"
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    for fmt, out in (("html", html), ("xlsx", xlsx)):
        runner.invoke(app, ["check", str(sample), "--profile", "baoan-2023", "--format", fmt, "-o", str(out)])
    page = html.read_text("utf-8")
    assert 'id="checklist"' in page and "绩效指标重复" in page
    book = load_workbook(xlsx)
    assert [r[1] for r in book["人工审核项"].iter_rows(min_row=2, values_only=True)] == [
        "绩效指标归类不正确", "绩效指标重复", "指标值数量单位未填写单位", "绩效指标与年度目标不相关", "绩效目标与项目资金量不匹配",
    ]  # fmt: skip
    head = [c.value for c in book["审核意见"][1]]
    assert head[-1] == "项目编码"
