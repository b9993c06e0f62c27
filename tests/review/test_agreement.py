"""Agreement with a district's first review: its results read by header words, pairs counted per 审核细项."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]

from jixiao.review.agreement import FOLDER, Tally, _note, district_results, item_key, load_notes, main


def test_item_names_compare_without_numbers_and_closing_stops() -> None:
    assert item_key("3. 时间限制不合理可行。") == "时间限制不合理可行"
    assert item_key("政策依据不规范") == "政策依据不规范"


def test_results_are_read_by_header_words_and_a_blank_row_is_no_result(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["初审小结", "完整性审核", "项目编码"])  # columns in another order than the district's
    ws.append(["1. 政策依据不规范\n2. 时间限制不合理可行。", "1. 政策依据表述过于简单", "A1"])
    ws.append([None, "   审核通过", "A2"])
    ws.append([None, None, "A3"])
    path = tmp_path / "results.xlsx"
    wb.save(path)
    assert district_results(path) == {"A1": {"政策依据不规范", "时间限制不合理可行"}, "A2": set(), "A3": None}


def test_precision_recall_and_f1() -> None:
    t = Tally("x", tp=8, fp=2, fn=0)
    assert t.precision == 0.8 and t.recall == 1.0 and round(t.f1 or 0, 4) == 0.8889
    assert Tally("y").f1 is None and Tally("z", fp=3).precision == 0.0


def test_a_projects_own_note_wins_over_the_note_for_every_project(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(
        '[[note]]\ncode = "*"\nitem = "甲"\nside = "ours"\nverdict = "区结果未执行"\nreason = "都一样"\n'
        '[[note]]\ncode = "P1"\nitem = "甲"\nside = "ours"\nverdict = "我们错"\nreason = "读错了"\n',
        "utf-8",
    )
    notes = load_notes(path)
    assert _note(notes, "P1", "甲", "ours") == "我们错：读错了"
    assert _note(notes, "P2", "甲", "ours") == "区结果未执行：都一样"
    assert _note(notes, "P2", "甲", "theirs") == "（未解释）"


def test_the_committed_notes_explain_the_district_pairs() -> None:
    notes = load_notes()
    assert notes and all(key[2] in ("ours", "theirs") for key in notes)


def test_the_doc_is_what_the_command_writes(tmp_path: Path) -> None:
    """docs/review-agreement.md is the command's output on the district's workbooks (skipped without them)."""
    if not FOLDER.is_dir():
        pytest.skip("the songgang-2023 workbooks are not here")
    out = tmp_path / "agreement.md"
    assert main(["--write", str(out)]) == 0
    doc = Path(__file__).resolve().parents[2] / "docs" / "review-agreement.md"
    assert doc.read_text("utf-8") == out.read_text("utf-8"), (
        "run: python -m jixiao.review.agreement --write docs/review-agreement.md"
    )
