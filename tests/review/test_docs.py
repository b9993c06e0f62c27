"""docs/review.md is generated from the registry and up to date: every rule is documented."""

from pathlib import Path

from jixiao.review import all_rules
from jixiao.review.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "review.md"


def test_review_doc_is_current() -> None:
    assert DOC.read_text("utf-8") == render(), "run: python -m jixiao.review.docs docs/review.md"


def test_every_rule_is_in_the_table() -> None:
    text = DOC.read_text("utf-8")
    assert all(f"| `{rule_id}` |" in text for rule_id in all_rules())
