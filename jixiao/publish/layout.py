"""The official table layouts, once, as format-neutral grids.

DOCX, XLSX and HTML/PDF all draw the same :class:`Table` objects, and the reader in ``jixiao.ingest``
reads them back by the labels of :mod:`jixiao.domain.labels`, so a label changed in one place changes
writer and reader together. Layouts follow the printed templates: a project table with its header block
and an indicator block whose 一级/二级 cells merge vertically; department tables with their reference-value
columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jixiao.domain import Department, DepartmentIndicator, Project, SummaryRow

# The labels are the domain's, shared with the reader; the layout re-exports every one of them, so a writer
# (and the template) speaks of one module.
from jixiao.domain.labels import *  # noqa: F403
from jixiao.domain.labels import (
    ANNUAL_COLUMNS,
    CATEGORY,
    DEPARTMENT,
    DEPARTMENT_CODE,
    DEPARTMENT_CODE_LABEL,
    DEPARTMENT_NAME,
    DUTY,
    FUND_TYPE,
    FUNDS_FISCAL,
    FUNDS_MIDTERM,
    FUNDS_OTHER,
    FUNDS_TOTAL,
    GOAL,
    INDICATOR_HEADER,
    IS_NEW,
    KEY_COLUMNS,
    NO,
    PROJECT_CODE,
    PROJECT_NAME,
    PROJECT_TEXT_LABELS,
    PURPOSE,
    REFERENCE,
    REFERENCE_COLUMNS,
    SCORING,
    SPENDING_PLAN,
    STRATEGIC_COLUMNS,
    STRATEGIC_GOAL,
    SUMMARY_COLUMNS,
    SUMMARY_TOTAL,
    UNIT,
    UNIT_CODE,
    YES,
)
from jixiao.domain.values import format_number

# Optional rows of the header block, in printed order: short fields two to a row after 项目类别, the
# 中期规划 amount under the year's funds, long texts between 资金用途 and 年度绩效目标. A document prints
# each (and the 评（扣）分标准 column) only when one of its projects fills it, so documents without them
# print exactly as before.
OPTIONAL_SHORT = ("project_type", "is_new", "period", "allocation")
OPTIONAL_LONG = ("policy_basis", "calculation_basis", "long_term_goal")
MIDTERM, SCORING_FIELD = "funds.midterm", "scoring"
OPTIONAL_FIELDS = (*OPTIONAL_SHORT, MIDTERM, *OPTIONAL_LONG, SCORING_FIELD)
_OPTIONAL_LABELS = {
    **{attr: label for label, attr in PROJECT_TEXT_LABELS.items()}, "is_new": IS_NEW, MIDTERM: FUNDS_MIDTERM,
}


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell; ``number`` keeps the numeric value where a spreadsheet should store a number, ``fill``
    a background colour (``RRGGBB``) where the colour carries meaning (a monitoring band)."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    label: bool = False
    number: float | None = None
    fill: str | None = None


@dataclass(slots=True)
class Table:
    """A grid in HTML order: each row lists only the cells that start in it.

    ``head`` rows repeat at the top of every page the table runs onto.
    """

    kind: str
    widths: tuple[float, ...]
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.widths)


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell at its grid position, for formats that address cells by row and column."""

    row: int
    col: int
    cell: Cell


def place(rows: Sequence[Sequence[Cell]], columns: int) -> list[Placed]:
    """Grid positions of HTML-ordered rows: each cell takes the next column not covered by a rowspan."""
    covered: set[tuple[int, int]] = set()
    out: list[Placed] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            if c + cell.colspan > columns:
                raise ValueError(f"row {r} overflows {columns} columns")
            out.append(Placed(r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
    return out


def _t(text: str | None) -> str:
    return text or ""


def _num(value: float | None, colspan: int = 1) -> Cell:
    return Cell("" if value is None else format_number(value), colspan=colspan, number=value)


def _label(text: str, **kw: int) -> Cell:
    return Cell(text, label=True, **kw)


PROJECT_WIDTHS = (15.0, 15.0, 22.0, 18.0, 12.0, 18.0)
PLAN_PER_ROW = 5


def yes_no(flag: bool | None) -> str:
    """是否新增项目 as printed: 是, 否 or blank."""
    return "" if flag is None else YES if flag else NO


def _optional(p: Project, attr: str) -> object:
    return p.funds.midterm if attr == MIDTERM else getattr(p, attr)


def optional_fields(projects: Iterable[Project]) -> frozenset[str]:
    """The :data:`OPTIONAL_FIELDS` some of ``projects`` fills: the rows and column their tables print."""
    projects = list(projects)
    filled = {a for a in OPTIONAL_FIELDS if a != SCORING_FIELD and any(_optional(p, a) not in (None, "")
                                                                        for p in projects)}
    if any(i.scoring for p in projects for i in p.indicators):
        filled.add(SCORING_FIELD)
    return frozenset(filled)


def _short_rows(p: Project, attrs: Sequence[str]) -> list[list[Cell]]:
    """Short optional fields two to a row, laid out like 项目类别 | 资金性质; a last odd one spans the row."""
    rows = []
    for k in range(0, len(attrs), 2):
        pair = attrs[k : k + 2]
        row: list[Cell] = []
        for attr, span in zip(pair, (3, 1) if len(pair) == 2 else (5,), strict=True):
            text = yes_no(p.is_new) if attr == "is_new" else _t(getattr(p, attr))
            row += [_label(_OPTIONAL_LABELS[attr]), Cell(text, colspan=span)]
        rows.append(row)
    return rows


def project_info(p: Project, shown: frozenset[str] = frozenset()) -> Table:
    """The header block of a project table: name, codes, funds, spending plan, purpose and goal, and the
    optional fields in ``shown`` (:func:`optional_fields` of the whole document)."""
    t = Table("project-info", PROJECT_WIDTHS)
    t.body.append([_label(PROJECT_NAME), Cell(p.name, colspan=3), _label(PROJECT_CODE), Cell(_t(p.code))])
    t.body.append(
        [_label(DEPARTMENT), Cell(_t(p.department), colspan=3), _label(DEPARTMENT_CODE),
         Cell(_t(p.department_code))]
    )
    t.body.append([_label(UNIT), Cell(_t(p.unit), colspan=3), _label(UNIT_CODE), Cell(_t(p.unit_code))])
    t.body.append(
        [_label(CATEGORY), Cell(_t(p.category), colspan=3), _label(FUND_TYPE), Cell(_t(p.fund_type))]
    )
    t.body += _short_rows(p, [a for a in OPTIONAL_SHORT if a in shown])
    t.body.append(
        [_label(FUNDS_TOTAL), _num(p.funds.total), _label(FUNDS_FISCAL), _num(p.funds.fiscal),
         _label(FUNDS_OTHER), _num(p.funds.other)]
    )
    if MIDTERM in shown:
        t.body.append([_label(FUNDS_MIDTERM), _num(p.funds.midterm, colspan=5)])
    chunks = [p.spending_plan[i : i + PLAN_PER_ROW] for i in range(0, len(p.spending_plan), PLAN_PER_ROW)]
    for k, chunk in enumerate(chunks):
        periods = [Cell(s.period, header=True) for s in chunk]
        amounts = [_num(s.amount) for s in chunk]
        pad = [Cell("") for _ in range(PLAN_PER_ROW - len(chunk))]
        first = [_label(SPENDING_PLAN, rowspan=2 * len(chunks))] if k == 0 else []
        t.body.append(first + periods + pad)
        t.body.append(amounts + list(pad))
    t.body.append([_label(PURPOSE), Cell(_t(p.purpose), colspan=5)])
    for attr in OPTIONAL_LONG:
        if attr in shown:
            t.body.append([_label(_OPTIONAL_LABELS[attr]), Cell(_t(getattr(p, attr)), colspan=5)])
    t.body.append([_label(GOAL), Cell(_t(p.goal), colspan=5)])
    return t


def _runs(keys: Sequence[object]) -> list[int]:
    """Length of the run of equal keys starting at each index (0 inside a run)."""
    spans = [0] * len(keys)
    i = 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[j + 1] == keys[i]:
            j += 1
        spans[i] = j - i + 1
        i = j + 1
    return spans


def project_indicators(p: Project, scoring: bool = False) -> Table:
    """The indicator block: 一级 and 二级 merged over runs of equal categories, as printed tables do.

    With ``scoring`` the 评（扣）分标准 column takes the second half of the 绩效指标描述 cell.
    """
    t = Table("project-indicators", PROJECT_WIDTHS)
    h = INDICATOR_HEADER
    middle = [Cell(h[3], header=True), Cell(SCORING, header=True)] if scoring else [
        Cell(h[3], header=True, colspan=2)]
    t.head.append(
        [Cell(h[0], header=True), Cell(h[1], header=True), Cell(h[2], header=True), *middle,
         Cell(h[4], header=True)]
    )
    l1_runs = _runs([i.level1 for i in p.indicators])
    l2_runs = _runs([(i.level1, i.level2) for i in p.indicators])
    for n, ind in enumerate(p.indicators):
        row: list[Cell] = []
        if l1_runs[n]:
            row.append(Cell(ind.level1.value, rowspan=l1_runs[n], label=True))
        if l2_runs[n]:
            row.append(Cell(ind.level2.value, rowspan=l2_runs[n], label=True))
        texts = [Cell(_t(ind.description)), Cell(_t(ind.scoring))] if scoring else [
            Cell(_t(ind.description), colspan=2)]
        row += [Cell(ind.name), *texts, Cell(ind.value.raw)]
        t.body.append(row)
    return t


STRATEGIC_WIDTHS = (4.0, 13.0, 17.0, 9.0, 8.0, 8.0, 9.0, 8.0, 8.0, 8.0, 8.0)
ANNUAL_WIDTHS = (3.5, 5.0, 8.0, 8.0, 8.0, 9.0, 6.0, 5.0, 5.0, 6.0, 5.0, 5.0, 5.5, 4.0, 6.0, 6.0, 5.0)




def department_info(d: Department, columns: int) -> list[Cell]:
    """The 部门名称 row that opens each department table (labels over two narrow columns)."""
    return [
        _label(DEPARTMENT_NAME, colspan=2), Cell(d.name, colspan=columns - 5),
        _label(DEPARTMENT_CODE_LABEL, colspan=2), Cell(_t(d.code)),
    ]


def _reference_head(columns: Sequence[tuple[str, str]], group_start: int) -> list[list[Cell]]:
    """Two header rows: top-level labels spanning both rows, 指标参考值 (and 部门职责) spanning their parts."""
    top: list[Cell] = []
    sub: list[Cell] = []
    names = [c for c, _ in columns]
    i = 0
    while i < len(names):
        if i == group_start:
            top.append(Cell(REFERENCE, colspan=len(REFERENCE_COLUMNS), header=True))
            sub += [Cell(n, header=True) for n, _ in REFERENCE_COLUMNS]
            i += len(REFERENCE_COLUMNS)
        elif names[i] == "职责类别":
            top.append(Cell(DUTY, colspan=2, header=True))
            sub += [Cell("职责类别", header=True), Cell("职责内容", header=True)]
            i += 2
        else:
            top.append(Cell(names[i], rowspan=2, header=True))
            i += 1
    return [top, sub]


def _cells(ind: DepartmentIndicator, columns: Iterable[tuple[str, str]]) -> list[Cell]:
    out: list[Cell] = []
    for _, attr in columns:
        if attr == "value":
            out.append(Cell(ind.value.raw))
            continue
        value = getattr(ind.reference, attr) if hasattr(ind.reference, attr) else getattr(ind, attr)
        if isinstance(value, int):
            out.append(Cell(str(value), number=float(value)))
        else:
            out.append(Cell(_t(value)))
    return out


def strategic_info(d: Department) -> Table:
    t = Table("strategic-info", STRATEGIC_WIDTHS)
    t.body.append(department_info(d, len(STRATEGIC_WIDTHS)))
    t.body.append(
        [_label(STRATEGIC_GOAL, colspan=2), Cell(_t(d.strategic_goal), colspan=len(STRATEGIC_WIDTHS) - 2)]
    )
    return t


def strategic_table(d: Department) -> Table:
    t = Table("strategic", STRATEGIC_WIDTHS)
    t.head = _reference_head(STRATEGIC_COLUMNS, 4)
    t.body = [_cells(i, STRATEGIC_COLUMNS) for i in d.strategic_indicators]
    return t


def annual_info(d: Department) -> Table:
    t = Table("annual-info", ANNUAL_WIDTHS)
    t.body.append(department_info(d, len(ANNUAL_WIDTHS)))
    return t


def annual_table(d: Department) -> Table:
    t = Table("annual", ANNUAL_WIDTHS)
    t.head = _reference_head(ANNUAL_COLUMNS, 7)
    t.body = [_cells(i, ANNUAL_COLUMNS) for i in d.annual_indicators]
    return t


def has_strategic(d: Department) -> bool:
    """A department prints its strategic table when it has one, or when it has nothing else to print."""
    return bool(d.strategic_goal or d.strategic_indicators or not d.annual_indicators)




def _cut(text: str, size: int) -> list[str]:
    """``text`` in parts of about ``size`` characters, never cut beside a space (the reader joins bare)."""
    parts = []
    while len(text) > size:
        at = size
        while 0 < at < len(text) - 1 and (text[at - 1].isspace() or text[at].isspace()):
            at -= 1
        parts.append(text[:at])
        text = text[at:]
    return [*parts, text] if text else parts


def split_tall_rows(t: Table, columns: Sequence[tuple[str, str]], sizes: Sequence[int]) -> Table:
    """``t`` with each row too tall for a page printed as the row and continuation rows below it.

    A page holds ``sizes[i]`` characters of column ``i`` in one row (the PDF writer knows its type and
    page). A continuation row leaves the key columns (序号, 指标, 年度指标值) empty, which a real row never
    does; the reader appends its cells to the row above.
    """
    keys = {i for i, (label, _) in enumerate(columns) if label in KEY_COLUMNS}
    body: list[list[Cell]] = []
    for row in t.body:
        if len(row) != len(sizes) or all(len(c.text) <= sizes[i] or i in keys for i, c in enumerate(row)):
            body.append(row)
            continue
        cuts = [[c.text] if i in keys else _cut(c.text, sizes[i]) for i, c in enumerate(row)]
        for k in range(max(len(parts) for parts in cuts)):
            body.append(
                [Cell(parts[k] if k < len(parts) else "", number=row[i].number if k == 0 else None)
                 for i, parts in enumerate(cuts)]
            )
    return Table(t.kind, t.widths, t.head, body)


def split_tall_text(t: Table, size: int) -> Table:
    """A project header block with each text longer than ``size`` characters (资金用途, 年度绩效目标)
    printed as its row and rows with an empty label under it, which the reader joins to it."""
    body: list[list[Cell]] = []
    for row in t.body:
        if len(row) != 2 or len(row[1].text) <= size:
            body.append(row)
            continue
        label, value = row
        parts = _cut(value.text, size)
        body.append([label, Cell(parts[0], colspan=value.colspan)])
        body += [[Cell(""), Cell(part, colspan=value.colspan)] for part in parts[1:]]
    return Table(t.kind, t.widths, t.head, body)


SUMMARY_WIDTHS = (7.0, 28.0, 37.0, 13.0, 15.0)


def summary_table(rows: Sequence[SummaryRow]) -> Table:
    """The 汇总表 of the selected projects, with a 合计 row under the amounts."""
    t = Table("summary", SUMMARY_WIDTHS)
    t.head.append([Cell(label, header=True) for label, _ in SUMMARY_COLUMNS])
    for r in rows:
        no = Cell("" if r.no is None else str(r.no), number=None if r.no is None else float(r.no))
        t.body.append([no, Cell(_t(r.department)), Cell(r.project), _num(r.budget), Cell(_t(r.fund_type))])
    total = sum(r.budget for r in rows if r.budget is not None)
    t.body.append([_label(SUMMARY_TOTAL, colspan=3), _num(round(total, 6)), Cell("")])
    return t
