"""The 编报说明 states figures computed from the tables."""

from __future__ import annotations

import dataclasses

from jixiao.domain import Framework
from jixiao.publish import document, figures
from tests.publish.fixtures import FULL, expected_document


def test_figures_come_from_the_tables() -> None:
    f = figures.compute(FULL)
    assert (f.projects, f.project_departments, f.departments) == (2, 2, 2)
    assert f.total_wan == 1518.0
    assert f.total_yi == 0.15
    assert f.fund_types == ("一般公共预算", "政府性基金预算")
    assert f.framework is Framework.F2021
    assert f.indicators == 11


def test_yi_is_truncated_never_rounded_up() -> None:
    """linzi 2022: tables add up to 44,882.61万元; the statement must not say 4.49亿 nor more."""
    f = figures.compute(expected_document("linzi-2022"))
    doc = expected_document("linzi-2022")
    assert f.total_wan == round(sum(p.funds.total or 0 for p in doc.projects), 6)
    assert f.total_yi == int(f.total_wan / 100) / 100


def test_computed_preface_states_the_figures() -> None:
    text = figures.preface(FULL)
    assert "等2个项目绩效目标" in text
    assert "涉及部门2个" in text
    assert "资金1518万元（约0.15亿元）" in text
    assert "资金性质包括一般公共预算、政府性基金预算" in text
    assert "成本指标（经济成本" in text  # the 2021 framework
    assert "等2个部门整体绩效目标" in text


def test_auto_keeps_a_printed_preface_and_computed_replaces_it() -> None:
    assert document.prepare(FULL).preface == FULL.preface
    assert document.prepare(FULL, "computed").preface == figures.preface(FULL)
    bare = dataclasses.replace(FULL, preface=None, title=None)
    prepared = document.prepare(bare)
    assert prepared.preface == figures.preface(bare)
    assert prepared.title == "某市财政局2023年度预算绩效目标"
