"""What the 执行监控表 and the 绩效自评表 draw alike: the cells of amounts and labels, a record's heading rows,
its target columns, and the report parts of one table pair per project and per department."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from jixiao.domain import fill_cells as F
from jixiao.domain.values import format_number
from jixiao.publish.document import Part, Publication, Section
from jixiao.publish.formats import draw
from jixiao.publish.layout import Cell, Table

REPORT_FORMATS = ("docx", "pdf", "xlsx")
# The record table's ten columns (mm), the 执行监控表's and the 绩效自评表's alike.
INFO_WIDTHS = (14.0, 13.0, 11.0, 11.0, 11.0, 9.0, 11.0, 10.0, 10.0, 10.0)

_T = TypeVar("_T")


class RecordHead(Protocol):
    """What a record's heading rows show (:class:`~jixiao.publish.monitoring_layout.Monitored`)."""

    @property
    def is_project(self) -> bool: ...
    @property
    def name(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def department(self) -> str | None: ...
    @property
    def unit(self) -> str | None: ...


class TargetLike(Protocol):
    """An indicator's target (:class:`~jixiao.publish.monitoring_layout.TargetRow`)."""

    @property
    def level1(self) -> str: ...
    @property
    def level2(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def target(self) -> str: ...


def amount(value: float | None) -> str:
    return "" if value is None else format_number(round(value, 6))


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, rowspan=rowspan, label=True)


def head(text: str, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, header=True)


def record_rows(m: RecordHead) -> list[list[Cell]]:
    """The heading rows of a record's table: its name and code, and a project's 主管部门 and 实施单位."""
    name_label, code_label = (
        (F.PROJECT_NAME, F.PROJECT_CODE) if m.is_project else (F.DEPARTMENT_NAME, F.DEPARTMENT_CODE)
    )
    rows = [[label(name_label), Cell(m.name, colspan=5), label(code_label), Cell(m.code or "", colspan=3)]]
    if m.is_project:
        rows.append(
            [
                label(F.DEPARTMENT),
                Cell(m.department or "", colspan=5),
                label(F.UNIT),
                Cell(m.unit or "", colspan=3),
            ]
        )
    return rows


def target_cells(row: TargetLike) -> list[Cell]:
    """An indicator's first columns: its 一级指标 and 二级指标 (a department's 职责), name and target."""
    return [Cell(row.level1, label=True), Cell(row.level2, label=True), Cell(row.name), Cell(row.target)]


def grid_heads(columns: Sequence[tuple[str, str]], is_project: bool) -> list[str]:
    """The indicator grid's heads, a department's own in place of a project's."""
    heads = {field: text for text, field in columns}
    if not is_project:
        heads |= F.DEPARTMENT_HEADS
    return list(heads.values())


def table_parts(
    items: Sequence[_T],
    kind: Callable[[_T], str],
    name: Callable[[_T], str],
    tables: Callable[[_T], list[Table]],
    titles: tuple[str, str],
) -> list[Part]:
    """A part of projects and a part of departments (those there are), a section of ``tables`` per item."""
    parts = []
    for anchor, wanted, title in (
        ("projects", F.PROJECT_KIND, titles[0]),
        ("departments", F.DEPARTMENT_KIND, titles[1]),
    ):
        chosen = [item for item in items if kind(item) == wanted]
        if chosen:
            sections = [
                Section(f"{anchor[0]}{n}", f"{n}. {name(item)}", title, tables(item), True)
                for n, item in enumerate(chosen, 1)
            ]
            parts.append(Part(anchor, title, sections))
    return parts


def draw_report(publication: Callable[[], Publication], fmt: str) -> bytes:
    """A report drawn as ``fmt`` (``docx``, ``pdf`` or ``xlsx``; the PDF needs a CJK font)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(REPORT_FORMATS)}")
    return draw(publication(), fmt)
