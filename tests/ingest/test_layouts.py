"""Every district writes its own forms: any plausible layout of a 项目支出绩效目标表 reads back as printed.

A document is drawn (:func:`tests.ingest.layouts.documents`), laid out in a drawn layout (column order,
header and label words from ``vocabulary.toml``, split values, merged / repeated / once-printed labels,
fields beside their labels or as ``标签：值``, one or many projects a sheet, page and sheet breaks with the
header repeated, placeholders, an unknown column), written as XLSX, DOCX, HTML, PDF or TAB text, read with
:func:`jixiao.ingest.read_document`, and compared field by field with what was printed. Nothing may be
lost or invented: no other projects, no departments, no warning but the one for the unknown column.

The property tests leave out what is a known gap of the reader (:data:`GAPS`); each gap is pinned by an
example test marked ``xfail(strict=True)``, so fixing the reader turns the mark into a failure that says
to drop the exclusion. The example tests name one variation each, so a failure names its variation.
"""

from __future__ import annotations

import dataclasses
import traceback
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings

from jixiao.domain import Document, Level2
from jixiao.domain.text import clean
from jixiao.ingest import ReadError, read_document
from jixiao.publish import layout as published
from tests.ingest.layouts import (
    FORMATS,
    Layout,
    differences,
    documents,
    example_document,
    expected,
    indicator,
    layouts,
    render,
    vocabulary,
)

# ---------------------------------------------------------------------------------------------------------
# Reading back
# ---------------------------------------------------------------------------------------------------------


def problems(document: Document, layout: Layout, fmt: str) -> list[str]:
    """Everything that did not come back as printed (empty when the reading is exact)."""
    data, name = render(document, layout, fmt)
    try:
        got = read_document(data, name)
    except ReadError as exc:  # nothing recognised at all
        return [f"not read: {exc}"]
    except Exception as exc:  # a crash is a finding like any other, named with its layout
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [f"crashed: {exc!r} at {where.filename}:{where.lineno}"]
    out = differences(expected(document, layout), got)
    if got.departments:
        out.append(f"departments invented: {[d.name for d in got.departments]}")
    column = layout.extra_column
    unknown = [w for w in got.warnings if column and "未识别的列" in w.message and column in w.message]
    out += [f"warning: {w.message} ({w.where or w.line})" for w in got.warnings if w not in unknown]
    noted = any(dict(i.extra) for p in document.projects for i in p.indicators)
    # A column the vocabulary knows but Indicator has no field for (指标值设定依据) goes to extra unwarned.
    known = {w for words in vocabulary()["indicator"]["columns"].values() for w in words}
    if layout.extra_column not in known and "extra" in layout.columns and noted and not unknown:
        out.append(f"no warning for the unknown column '{layout.extra_column}'")
    return out


def assert_reads_back(document: Document, layout: Layout, fmt: str) -> None:
    found = problems(document, layout, fmt)
    assert not found, f"{fmt} layout [{layout.describe()}]:\n  " + "\n  ".join(found[:25])


# ---------------------------------------------------------------------------------------------------------
# Known gaps of the reader: left out of the property tests, pinned by strict xfail examples
# ---------------------------------------------------------------------------------------------------------

CELL_FORMATS = ("xlsx", "docx", "html", "pdf")
# Labels jixiao's own published layout prints in a table's first column (jixiao.publish.layout).
PUBLISHED_FIRST_COLUMN = frozenset(
    clean(w) for w in (*published.PROJECT_TEXT_LABELS, *published.PROJECT_FUND_LABELS,
                       *published.PROJECT_FLAG_LABELS, published.DEPARTMENT_NAME, published.STRATEGIC_GOAL,
                       published.SPENDING_PLAN, "序号", "职责序号")
)


def _department_words() -> list[str]:
    """Words the vocabulary has both for a project's 主管部门 and for a department table's 部门名称."""
    department = vocabulary().get("department", {}).get("fields", {}).get("name", [])
    return sorted(set(department) & set(vocabulary()["project"]["fields"]["department"]))


@dataclass(frozen=True)
class Gap:
    """A layout the reader does not read back yet: why, where, and what the property tests leave out."""

    reason: str
    formats: tuple[str, ...]
    exclude: dict[str, tuple[object, ...]] = field(default_factory=dict)  # layouts(exclude=...)


GAPS: dict[str, Gap] = {
    "text_label_mid_run": Gap(
        "TAB text: 一级/二级 labels a converter prints on the middle row of their merged run (vertical "
        "centring). jixiao.ingest.interpret.centred rebuilds the runs from the label positions, but a label "
        "alone allows two run lengths (the part below may be one row longer than above) and the nesting of "
        "一级 over 二级 does not always decide: long tables of even-length runs can still give a boundary row "
        "to the wrong neighbour",
        ("txt",), {"labels": ("middle",)},
    ),
}


def excluded(fmt: str) -> dict[str, tuple[object, ...]]:
    """The layout parameter values the property test of ``fmt`` leaves out (known gaps)."""
    out: dict[str, tuple[object, ...]] = {}
    for gap in GAPS.values():
        if fmt in gap.formats:
            for key, values in gap.exclude.items():
                out[key] = out.get(key, ()) + values
    return out


def first_column_words(fmt: str) -> frozenset[str]:
    """Words a layout may not print in a table's first column: none (any label may stand there)."""
    return frozenset()


# ---------------------------------------------------------------------------------------------------------
# Property tests: one per format
# ---------------------------------------------------------------------------------------------------------

# Indicator names the property tests leave out: none.
AVOID_NAMES: frozenset[str] = frozenset()
EXAMPLES = {"xlsx": 40, "docx": 30, "html": 40, "pdf": 15, "txt": 40}


def _property(fmt: str):  # type: ignore[no-untyped-def]
    @settings(max_examples=EXAMPLES[fmt], deadline=None, suppress_health_check=[HealthCheck.too_slow])
    # A blank placeholder row whose labels are not printed on it leaves nothing at all in TAB text (a line of
    # TABs is a blank line): text draws no blank placeholders; placeholder_row_blank covers the labelled case.
    @given(document=documents(blank_placeholders=fmt != "txt", avoid=AVOID_NAMES),
           layout=layouts(fmt, excluded(fmt), first_column_words(fmt)))
    def test(document: Document, layout: Layout) -> None:
        assert_reads_back(document, layout, fmt)

    test.__doc__ = f"Any {fmt.upper()} layout outside the known gaps reads back as printed."
    return test


test_xlsx_layouts_read_back = _property("xlsx")
test_docx_layouts_read_back = _property("docx")
test_html_layouts_read_back = _property("html")
test_pdf_layouts_read_back = _property("pdf")
test_text_layouts_read_back = _property("txt")


# ---------------------------------------------------------------------------------------------------------
# One example per variation and format, so a failure names its variation
# ---------------------------------------------------------------------------------------------------------

EXTRA = ("level1", "level2", "name", "value", "description", "extra")


@dataclass(frozen=True)
class Variation:
    layout: dict[str, object]
    projects: int = 1
    blank_placeholder: bool = False
    formats: tuple[str, ...] = FORMATS
    long: bool = False  # the first project's indicators five times over: its table runs over a page
    classic_fields: bool = False  # only the fields the text reader's templates have (no 实施期限, 政策依据 …)
    satisfaction: bool = False  # one project: 群众满意度, then 服务对象满意度 (a name close to its 二级 label)

    def document(self) -> Document:
        document = example_document(self.projects, blank_placeholder=self.blank_placeholder)
        if self.satisfaction:
            first = document.projects[0]
            rows = (indicator(Level2.QUANTITY, "补助学生人数", "=1200人", "反映补助学生人数情况。"),
                    indicator(Level2.SATISFACTION, "群众满意度", "≥85%", "反映群众满意度情况。"),
                    indicator(Level2.SATISFACTION, "服务对象满意度", "≥90%", "服务对象满意度，按实际完成情况统计。",
                              note="财务科"))
            document = dataclasses.replace(document, projects=(
                dataclasses.replace(first, indicators=rows, placeholders=()),))
        if self.long:
            first = document.projects[0]
            longer = dataclasses.replace(first, indicators=first.indicators * 5)
            document = dataclasses.replace(document, projects=(longer, *document.projects[1:]))
        if self.classic_fields:
            plain = {k: None for k in ("period", "project_type", "is_new", "allocation", "policy_basis",
                                       "calculation_basis", "long_term_goal")}
            document = dataclasses.replace(document, projects=tuple(
                dataclasses.replace(p, funds=dataclasses.replace(p.funds, midterm=None), **plain)
                for p in document.projects))
        return document


VARIATIONS: dict[str, Variation] = {
    "plain": Variation({}),
    "columns_shuffled": Variation({"columns": ("value", "name", "description", "level2", "level1")}),
    "headers_renamed": Variation({"headers": (("value", "目标值"), ("name", "指标名称"), ("description", "指标说明"),
                                              ("level1", "一级"), ("level2", "二级"))}),
    "headers_renamed_again": Variation({"headers": (("value", "年度指标值"), ("name", "三级指标名称"),
                                                    ("description", "绩效指标描述"))}),
    "value_split_two_row_header": Variation({"split_value": True}),
    "value_split_one_row_header": Variation({"split_value": True, "two_row_header": False}),
    "value_split_operator_words": Variation({"split_value": True, "two_row_header": False, "op_words": True}),
    "value_split_numbers_as_text": Variation({"split_value": True, "two_row_header": False,
                                              "numbers_as_numbers": False}),
    "labels_merged": Variation({"labels": "merged"}, formats=CELL_FORMATS),
    "labels_repeated": Variation({"labels": "repeated"}),
    "labels_printed_once": Variation({"labels": "once"}),
    "labels_mid_run": Variation({"labels": "middle"}, formats=("txt",), long=True),
    "fields_inline": Variation({"field_style": "inline"}),
    "fields_inline_two_a_row": Variation({"field_style": "inline", "pairs_per_row": 2}),
    "fields_inline_classic_template": Variation({"field_style": "inline", "columns": ("level1", "level2", "name",
                                                                                     "value")}, classic_fields=True),
    "fields_two_a_row": Variation({"pairs_per_row": 2}),
    "fields_bare_labels": Variation({"colon": False}),
    "field_label_synonyms": Variation({"field_labels": (
        ("name", "二级项目名称"), ("code", "项目编号"), ("department", "一级预算单位"), ("unit", "申请单位"),
        ("period", "实施周期"), ("total", "年度预算资金总额"), ("goal", "年度绩效目标"))}),
    "field_label_department_name": Variation({"field_labels": (("department", "部门名称"),)}),
    "fields_shuffled": Variation({"field_order": ("unit", "is_new", "department", "period", "code", "allocation",
                                                  "project_type")}),
    "amounts_under_a_group_label": Variation({"amount_unit": "group"}),
    "amounts_without_unit": Variation({"amount_unit": "none"}),
    "empty_fields_printed": Variation({"blank_fields": True}),
    "department_in_title": Variation({"title_names": "department"}),
    "unit_in_title": Variation({"title_names": "unit"}),
    "no_title": Variation({"title": None}),
    "title_in_table": Variation({"title_in_table": True}),
    "fields_and_indicators_in_two_tables": Variation({"same_table": False}),
    "sheet_per_project": Variation({}, projects=3),
    "projects_one_after_another": Variation({"per_sheet": "many"}, projects=3),
    "projects_one_after_another_untitled": Variation({"per_sheet": "many", "title": None}, projects=3),
    "break_header_repeated": Variation({"break_at": 1}),
    "break_labels_not_repeated": Variation({"break_at": 1, "relabel_after_break": False}),
    "break_among_many_projects": Variation({"per_sheet": "many", "break_at": 2, "relabel_after_break": False},
                                           projects=3),
    "long_table_over_pages": Variation({}, long=True),
    "long_indicator_table_over_pages": Variation({"same_table": False}, long=True),
    "placeholder_value_blank": Variation({"placeholder_value": "blank"}),
    "placeholder_value_blank_columns_shuffled": Variation({"columns": ("level1", "name", "level2", "value"),
                                                           "labels": "repeated", "placeholder_value": "blank"}),
    "placeholder_row_blank": Variation({}, blank_placeholder=True),
    "placeholder_row_blank_labels_repeated": Variation({"labels": "repeated"}, blank_placeholder=True),
    "unknown_column": Variation({"columns": EXTRA, "extra_column": "备注"}),
    "name_like_category_labels_once": Variation({"columns": ("level2", "name", "description", "level1", "value"),
                                                 "labels": "once"}, satisfaction=True),
    "unknown_column_shuffled": Variation({"columns": ("extra", "value", "level1", "name", "level2"),
                                          "extra_column": "数据来源"}),
    "basis_column": Variation({"columns": EXTRA, "extra_column": "指标值设定依据"}),
    "scoring_column": Variation({"columns": ("level1", "level2", "name", "value", "description", "scoring")}),
    "serial_column": Variation({"serial": True}),
    "serial_column_split_value": Variation({"serial": True, "split_value": True, "two_row_header": False}),
    "serial_column_inline_fields": Variation({"serial": True, "field_style": "inline"}, projects=2),
    "text_without_trailing_tabs": Variation({"trailing_tabs": False}, formats=("txt",)),
}

# Which (variation, format) a gap explains.
KNOWN: dict[tuple[str, str], str] = {
    ("labels_mid_run", "txt"): "text_label_mid_run",
}


def _cases() -> list[object]:
    out = []
    for fmt in FORMATS:
        for name, variation in VARIATIONS.items():
            if fmt not in variation.formats:
                continue
            gap = KNOWN.get((name, fmt))
            marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"{gap}: {GAPS[gap].reason}")
                     ] if gap else []
            out.append(pytest.param(fmt, name, marks=marks, id=f"{fmt}-{name}"))
    return out


@pytest.mark.parametrize(("fmt", "name"), _cases())
def test_variation_reads_back(fmt: str, name: str) -> None:
    variation = VARIATIONS[name]
    assert_reads_back(variation.document(), Layout(**variation.layout), fmt)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# The generator itself: what it prints is what the tests expect
# ---------------------------------------------------------------------------------------------------------


def test_every_gap_is_pinned_by_an_example() -> None:
    assert set(GAPS) == set(KNOWN.values())
    for (name, fmt), gap in KNOWN.items():
        assert fmt in GAPS[gap].formats and fmt in VARIATIONS[name].formats, (name, fmt)


def test_text_prints_merged_cells_once_and_rows_as_tab_lines() -> None:
    data, _ = render(example_document(), Layout(labels="merged"), "txt")
    lines = data.decode("utf-8").splitlines()
    assert "产出指标\t数量指标\t补助学生人数\t=1200人\t反映补助学生人数情况。" in lines
    assert "\t\t救助对象数量\t≥13人\t" in lines


def test_split_value_prints_operator_number_and_unit_apart() -> None:
    data, _ = render(example_document(), Layout(split_value=True, op_words=True), "txt")
    text = data.decode("utf-8")
    assert "一级指标\t二级指标\t三级指标\t指标值\t\t\t指标解释" in text
    assert "\t\t\t运算符\t数值\t计量单位\t" in text
    assert "补助学生人数\t等于\t1200\t人\t" in text
    assert "项目完成时间\t\t2024年12月31日前\t\t" in text


def test_the_department_title_names_the_department() -> None:
    data, _ = render(example_document(), Layout(title_names="department"), "txt")
    text = data.decode("utf-8")
    assert "淄博市淄川区教育和体育局2024年项目支出绩效目标表" in text
    assert "主管部门" not in text
