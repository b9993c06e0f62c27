"""The measured precision and recall meet the aim of issue 3, and the measure itself counts correctly."""

from jixiao.domain import Funds
from jixiao.review.evaluate import Evaluation, Label, evaluate, evaluate_report, load_gold
from jixiao.review.findings import Family
from tests.review.builders import check, document, ind, project


def test_gold_labels_are_many_and_cover_every_family() -> None:
    labels = [
        lab for s in ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt") for lab in load_gold(s)
    ]
    problems = [lab for lab in labels if lab.problem]
    assert len(problems) >= 60
    assert {lab.family for lab in problems} == set(Family)
    assert any(not lab.problem for lab in labels)


def test_samples_meet_the_aim() -> None:
    ev = evaluate()
    o = ev.overall
    assert o.rule_precision >= 0.9 and o.recall >= 0.8, (o.rule_precision, o.recall)
    for family, t in ev.families.items():
        assert t.rule_precision >= 0.7 and t.recall >= 0.7, (family, t)
    assert all(read + run < 1.0 for read, run in ev.seconds.values())


def test_counting_true_false_and_missed() -> None:
    p = project(
        ind("经济成本", "财政拨付项目资金", "≤9510.6万元", 40),
        ind("数量", "在职率", "100%", 41),
        budget=609,
        funds=Funds(609, 600, 0),
    )
    report = check(document(p))
    labels = [
        Label("test.txt", 40, Family.MONEY, "cost above budget", True),
        Label("test.txt", 99, Family.VALUE, "a problem no rule finds", True),
        Label("test.txt", 41, Family.CATEGORY, "looks wrong but is fine", False, "reader"),
    ]
    ev = Evaluation()
    evaluate_report(report, labels, ev)
    money, category, value = (
        ev.families[Family.MONEY],
        ev.families[Family.CATEGORY],
        ev.families[Family.VALUE],
    )
    assert money.tp == 1 and money.fp == 1  # COST-EXCEEDS-BUDGET matches; FUNDS-SUM (project line 1) does not
    assert category.fp == 1 and category.reader_fp == 1 and category.rule_precision == 1.0
    assert value.gold == 1 and value.found == 0 and [m.line for m in ev.missed] == [99]
