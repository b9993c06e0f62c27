"""RuleContext.once: work over a whole document is done once per review and shared by every rule, never
carried into the next document's review."""

from __future__ import annotations

import pytest

from jixiao.domain import Document
from jixiao.review.registry import RuleContext
from jixiao.review.rules import scaled
from tests.review.builders import check, document, ind, project


def test_once_per_key_and_shared_by_the_contexts_of_one_review() -> None:
    doc, shared, calls = document(project()), {}, []  # type: ignore[var-annotated]

    def work(d: Document) -> int:
        calls.append(d)
        return len(calls)

    first, second = RuleContext(doc, {}, None, shared), RuleContext(doc, {"ratio": 5}, None, shared)
    assert first.once("k", work) == 1 and second.once("k", work) == 1 and first.once("other", work) == 2
    assert calls == [doc, doc]
    assert RuleContext(doc, {}).once("k", work) == 3  # a context of its own shares nothing


def test_a_review_groups_its_projects_once_and_the_next_review_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    grouped: list[Document] = []
    alike = scaled._alike
    monkeypatch.setattr(scaled, "_alike", lambda d: grouped.append(d) or alike(d))
    outputs = [
        ind("数量", "培训人数", "100人"),
        ind("质量", "培训合格率", "95%"),
        ind("时效", "完成时间", "12月底前"),
    ]
    big = project(*outputs, ind("成本", "总成本", "≤500万元"), name="甲", base=False)
    small = project(*outputs, ind("成本", "总成本", "≤50万元"), name="乙", base=False)
    one, two = document(big, small, project(name="丙")), document(small, big)
    assert [f.subject.name for f in check(one).findings if f.rule == "TARGETS-NOT-SCALED-TO-FUNDS"] == ["乙"]
    assert [f.subject.name for f in check(two).findings if f.rule == "TARGETS-NOT-SCALED-TO-FUNDS"] == ["乙"]
    assert grouped == [one, two]
