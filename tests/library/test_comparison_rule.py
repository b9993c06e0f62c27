"""The review rule VALUE-UNUSUAL-AMONG-SIMILAR: the library as the review's reference data."""

from jixiao.domain import Level2
from jixiao.library import Library
from jixiao.review import check_document

from .builders import document, indicator, project, satisfaction_documents

ORDINARY = ["≥90%", "≥95%", "≥90%", "≥85%", "≥90%", "≥95%", "≥90%", "≥80%", "≥90%", "≥95%"]
RULE = "VALUE-UNUSUAL-AMONG-SIMILAR"


def library(values: list[str]) -> Library:
    lib = Library()
    for doc in satisfaction_documents(values):
        lib.add_document(doc)
    return lib


def draft(value: str):
    return document(
        "draft.txt",
        project(
            "社区养老服务",
            indicator("受益群众满意度", value, Level2.SATISFACTION),
            indicator("服务人数", "≥500人"),
        ),
    )


def findings(doc, reference):
    return [f for f in check_document(doc, reference=reference).findings if f.rule == RULE]


def test_fires_on_a_planted_outlier_with_its_evidence():
    (finding,) = findings(draft("≥60%"), library(ORDINARY))
    assert finding.indicator == "受益群众满意度"
    assert (
        "明显偏低" in finding.message and "群众满意度" in finding.message and "100%比它高" in finding.message
    )
    evidence = dict(finding.evidence)
    assert evidence["中位数"] == "90%" and evidence["百分位"] == "0.0"
    assert evidence["比较的目标"].startswith("10 个")


def test_quiet_on_ordinary_values():
    for value in ("≥85%", "≥90%", "≥95%", "≥80%"):
        assert findings(draft(value), library(ORDINARY)) == []


def test_quiet_without_a_library_or_when_it_is_too_small():
    assert findings(draft("≥60%"), None) == []
    assert findings(draft("≥60%"), library(ORDINARY[:7])) == []
    assert findings(draft("≥60%"), Library()) == []
