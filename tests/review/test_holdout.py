"""The held-out set is scored like the independent set, and reported only when asked for (``--holdout``).

The fixtures are built here (a workbook in the 二级项目支出绩效目标申报表 layout and a tiny gold file); nothing in
these tests runs on the held-out workbooks themselves, whose numbers only the lead looks at.
"""

import io
from pathlib import Path

from openpyxl import load_workbook

from jixiao.review.evaluate import main
from jixiao.review.findings import Family
from jixiao.review.independent import HOLDOUT, evaluate_independent, gold_files, load_workbook_gold
from tests.ingest.forms import songgang_like_workbook

GOLD = """
source = "holdout-fixture.xlsx"

[[project]]
index = 0
sheet = "1.社区路灯维护1"

[[problem]]
project = 0
indicator = "夜间出行安全"
cell = "D17"
family = "value"
rule = "VAGUE-VALUE"
evidence = "明显改善"
note = "不可衡量"

[[problem]]
project = 0
cell = "B9"
family = "completeness"
rule = "NEW: GOAL-VAGUE"
evidence = "保障辖区路灯完好。"
note = "没有产出和效果"
"""


def fixture(folder: Path) -> Path:
    """One project whose budget and calculation agree; 夜间出行安全 is vague (labelled), 路灯亮灯率 too (not)."""
    wb = load_workbook(io.BytesIO(songgang_like_workbook(1)))
    ws = wb.worksheets[0]
    ws["B6"], ws["E6"] = 450, 150
    ws["B8"] = "路灯1200盏×1250元/盏=150万元。"
    ws["D13"] = "良好"
    wb.save(folder / "holdout-fixture.xlsx")
    gold = folder / "gold"
    gold.mkdir()
    (gold / "holdout-fixture.toml").write_text(GOLD, "utf-8")
    return gold


def test_a_held_out_set_counts_found_missed_and_false_positive(tmp_path: Path) -> None:
    ev = evaluate_independent(tmp_path, gold=fixture(tmp_path))
    assert ev is not None and ev.documents == ["holdout-fixture.xlsx"] and ev.projects == 1
    value, completeness = ev.families[Family.VALUE], ev.families[Family.COMPLETENESS]
    assert value.gold == 1 and value.found == 1 and value.tp == 1  # 夜间出行安全 found
    assert completeness.gold == 1 and completeness.found == 0  # the vague goal: missed
    assert [lab.rule for lab in ev.missed] == ["NEW: GOAL-VAGUE"]
    assert ev.false_positives and {f.indicator for f in ev.false_positives} == {"路灯亮灯率"}  # not labelled
    assert value.fp == len(ev.false_positives) and ev.overall.fp == value.fp


def test_held_out_workbooks_absent_is_not_measured(tmp_path: Path) -> None:
    gold = fixture(tmp_path)
    (tmp_path / "holdout-fixture.xlsx").unlink()
    assert evaluate_independent(tmp_path, gold=gold) is None


def test_holdout_gold_labels_every_project_of_forms_4_and_5() -> None:
    names = gold_files(HOLDOUT)
    assert names == ["songgang-2023-forms-4.toml", "songgang-2023-forms-5.toml"]
    projects, labels = 0, []
    for name in names:
        _, indexes, labs = load_workbook_gold(name, HOLDOUT)
        assert indexes == list(range(len(indexes))) and {lab.project for lab in labs} == set(indexes), name
        projects += len(indexes)
        labels += labs
    assert projects == 35
    assert {lab.family for lab in labels if lab.problem} == set(Family)
    assert sum(not lab.problem for lab in labels) >= 20


def test_the_report_has_a_held_out_section_only_with_holdout(tmp_path: Path) -> None:
    """Without --holdout nothing of it is printed or written (the rule writers run the command too)."""
    heading = "## Held-out set — labelled before tuning, never seen by the rule writers"
    without, with_ = tmp_path / "without.md", tmp_path / "with.md"
    main(["--external", str(tmp_path), "--write", str(without)])
    main(["--external", str(tmp_path), "--write", str(with_), "--holdout"])
    assert heading not in without.read_text("utf-8")
    text = with_.read_text("utf-8")
    assert heading in text
    assert text.index(heading) < text.index("## Regression set")
    assert "not measured in this run" in text.split(heading)[1].split("## Regression set")[0]
