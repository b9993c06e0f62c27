"""A 汇总表's printed totals (合计, 总计, 小计) are kept in every format, with the amounts of the rows each
covers: a 小计 the rows since the previous 小计, a 合计 every project row. The reader records; it does not
judge (that is PRINTED-TOTAL-MISMATCH's job), so a wrong total reads back as printed."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.domain import Document, to_json
from jixiao.domain.serialize import from_json
from jixiao.domain.totals import SUMMARY_AMOUNTS
from jixiao.ingest import read_document
from tests.ingest.layouts import WRITERS, Grid, Layout, Line, Sheet, example_document, sheets

FORMATS = ("txt", "xlsx", "docx", "html", "pdf")
HEADER = ("序号", "主管部门", "项目名称", "金额(万元)", "资金性质")


@dataclass(frozen=True)
class Summary:
    """What a summary table prints: its rows' amounts, its groups' 小计, its 合计, and where each stands."""

    amounts: tuple[float, ...]
    subtotals_after: tuple[int, ...] = ()  # each group ends after this many rows and has a 小计
    total_off: float = 0.0  # the 合计 printed this much away from the sum of the rows
    subtotal_off: float = 0.0
    label_at: str = "merged"  # merged (序号 to 项目名称) | no (序号 column) | project (项目名称 column)
    total_word: str = "合计"
    total_first: bool = False  # the 合计 right under the header, above the rows
    subtotals_above: bool = False  # each 小计 above its group (every row then in a group)

    @property
    def groups(self) -> list[tuple[float, ...]]:
        """The rows each 小计 covers, in order."""
        ends = (*self.subtotals_after, len(self.amounts)) if self.subtotals_above else self.subtotals_after
        starts = (0, *ends)
        return [self.amounts[a:b] for a, b in pairwise(starts) if b > a]

    def grid(self, width: int) -> Grid:
        grid = Grid(width)
        for col, word in enumerate(HEADER):
            grid.add(word, col, header=True)
        grid.next_row()
        total = sum(self.amounts) + self.total_off
        if self.total_first:
            self.total_row(grid, self.total_word, total)
        first_of: dict[int, tuple[float, ...]] = {}  # row number → the group it opens
        last_of: dict[int, tuple[float, ...]] = {}  # row number → the group it closes
        n = 0
        for group in self.groups:
            first_of[n + 1], last_of[n + len(group)] = group, group
            n += len(group)
        for n, amount in enumerate(self.amounts, 1):
            if self.subtotals_above and n in first_of:
                self.total_row(grid, "测试局小计", sum(first_of[n]) + self.subtotal_off)
            for col, text in enumerate((str(n), "测试局", f"测试项目{n}", f"{amount:.2f}", "一般公共预算")):
                grid.add(text, col)
            grid.next_row()
            if not self.subtotals_above and n in last_of:
                self.total_row(grid, "测试局小计", sum(last_of[n]) + self.subtotal_off)
        if not self.total_first:
            self.total_row(grid, self.total_word, total)
        return grid

    def total_row(self, grid: Grid, label: str, amount: float) -> None:
        if self.label_at == "merged":
            grid.add(label, 0, colspan=3)
        else:
            grid.add(label, 0 if self.label_at == "no" else 2)
        grid.add(f"{amount:.2f}", 3)
        grid.next_row()


def render_with_summary(summary: Summary, fmt: str) -> bytes:
    """The example project in the default layout, after a 汇总表 on a sheet (page) of its own."""
    layout = Layout()
    document = example_document(projects=1)
    front = Sheet("汇总表", [Line("重点项目绩效目标汇总表", title=True), summary.grid(layout.width)])
    return WRITERS[fmt]([front, *sheets(document, layout)], layout, document)


def read_with_summary(summary: Summary, fmt: str) -> Document:
    return read_document(render_with_summary(summary, fmt), f"summary.{fmt}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_matching_total_and_a_wrong_subtotal_are_kept_as_printed(fmt: str) -> None:
    summary = Summary((728.0, 494.39, 218.0), subtotals_after=(2, 3), subtotal_off=10.0)
    doc = read_with_summary(summary, fmt)
    assert [r.budget for r in doc.summary] == [728.0, 494.39, 218.0]  # no total read as a project
    subtotal, second, total = doc.totals
    assert (subtotal.label, subtotal.printed, subtotal.parts) == ("测试局小计", 1232.39, (728.0, 494.39))
    assert not subtotal.agrees and subtotal.difference == pytest.approx(10.0)
    assert second.parts == (218.0,)  # a 小计 covers the rows since the previous one
    assert (total.label, total.printed, total.parts, total.places) == (
        "合计",
        1440.39,
        (728.0, 494.39, 218.0),
        2,
    )
    assert total.agrees and total.subject == SUMMARY_AMOUNTS
    # Located where a reviewer finds it: a line of the text, a cell or page elsewhere.
    assert (total.line is not None) if fmt == "txt" else bool(total.where)
    assert from_json(to_json(doc)) == doc


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_total_that_differs_from_its_rows_reads_back_as_printed(fmt: str) -> None:
    doc = read_with_summary(
        Summary((100.0, 250.5), total_off=1.0, label_at="project", total_word="总计"), fmt
    )
    (total,) = doc.totals
    assert (total.label, total.printed, total.computed) == ("总计", 351.5, 350.5)
    assert not total.agrees


@pytest.mark.parametrize("fmt", ("txt", "xlsx"))
def test_totals_printed_above_their_rows_cover_the_rows_below(fmt: str) -> None:
    """Many tables print the 合计 right under the header and each 小计 above its group."""
    summary = Summary((728.0, 494.39, 218.0), subtotals_after=(2,), total_first=True, subtotals_above=True)
    doc = read_with_summary(summary, fmt)
    assert [(t.label, t.parts) for t in doc.totals] == [
        ("合计", (728.0, 494.39, 218.0)),
        ("测试局小计", (728.0, 494.39)),
        ("测试局小计", (218.0,)),
    ]
    assert all(t.agrees for t in doc.totals)


def test_a_document_without_a_summary_has_no_totals() -> None:
    data = WRITERS["txt"](sheets(example_document(), Layout()), Layout(), example_document())
    doc = read_document(data, "plain.txt")
    assert doc.totals == () and "totals" not in to_json(doc)


AMOUNTS = st.lists(st.integers(100, 9_999_999).map(lambda cents: cents / 100), min_size=1, max_size=5)


@st.composite
def summaries(draw: st.DrawFn) -> Summary:
    amounts = tuple(draw(AMOUNTS))
    return Summary(
        amounts,
        subtotals_after=tuple(sorted(draw(st.sets(st.integers(1, len(amounts)), max_size=2)))),
        total_off=draw(st.sampled_from((0.0, 0.0, 0.05, 1.0, -0.5))),
        subtotal_off=draw(st.sampled_from((0.0, 0.0, 2.5))),
        label_at=draw(st.sampled_from(("merged", "no", "project"))),
        total_word=draw(st.sampled_from(("合计", "总计", "合 计"))),
        total_first=draw(st.booleans()),
        subtotals_above=draw(st.booleans()),
    )


@pytest.mark.parametrize("fmt", ("txt", "xlsx", "html"))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(summary=summaries())
def test_every_variant_reads_each_total_with_the_rows_it_covers(fmt: str, summary: Summary) -> None:
    doc = read_with_summary(summary, fmt)
    assert [r.budget for r in doc.summary] == list(summary.amounts)
    (total,) = [t for t in doc.totals if t.label != "测试局小计"]
    subtotals = [t for t in doc.totals if t.label == "测试局小计"]
    assert total.parts == summary.amounts
    assert total.printed == pytest.approx(round(sum(summary.amounts) + summary.total_off, 2))
    assert total.agrees == (summary.total_off == 0.0)
    assert [s.parts for s in subtotals] == summary.groups
    assert all(s.agrees == (summary.subtotal_off == 0.0) for s in subtotals)


def test_a_published_document_prints_its_own_total_not_the_sources() -> None:
    """jixiao's published 汇总表 computes its 合计 from the rows; a source's printed totals (right or wrong)
    are not copied, so they are not carried (``document.NOT_CARRIED``) and read back as none."""
    from tests.publish.roundtrip import differences as published_differences
    from tests.publish.roundtrip import round_trip

    doc = read_with_summary(Summary((728.0, 494.39), total_off=1.0), "txt")
    assert doc.totals
    expected_back, back = round_trip(doc, "xlsx")
    assert back.totals == () and back.summary == doc.summary
    assert back == expected_back, published_differences(expected_back, back)
