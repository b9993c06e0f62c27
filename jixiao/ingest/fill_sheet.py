"""What reading back any filled table jixiao handed out shares: the 执行监控表
(:mod:`jixiao.ingest.monitoring_table`) and the 绩效自评表 (:mod:`jixiao.ingest.selfeval_table`).

A workbook is opened within bounds (rows, columns, sheets); each sheet's non-empty cells are indexed by
position and by label, and rows and columns are found by their labels (:mod:`jixiao.domain.fill_cells`), not
by position, so sheets in another order, renamed, or with blank rows inserted read the same. Each bad cell
is noted with its place (``项目1 学前教育!E12``) while reading goes on, so every one is named at once, and
a workbook with any gives no :class:`~jixiao.domain.Actuals` at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import ActualRecord, Actuals, Budget, BudgetSource, Cause
from jixiao.domain import fill_cells as F
from jixiao.domain.template_cells import CellError
from jixiao.domain.values import format_number
from jixiao.ingest.actuals import ActualsError
from jixiao.ingest.grid.xlsx import XlsxError, cell_text, open_workbook

# A fill-in sheet is a page or two; anything this large was not filled by hand from ours.
MAX_ROWS = 5_000
MAX_COLUMNS = 60
MAX_SHEETS = 5_000

At = tuple[int, int]


class FillTableError(ActualsError):
    """A filled table refused whole: ``errors`` names every bad cell (``sheet!C12``)."""

    def __init__(self, errors: list[CellError]) -> None:
        self.errors = errors
        super().__init__([str(e) for e in errors])


@dataclass(slots=True)
class FillSheet:
    """A worksheet's non-empty cells by position and its labels, noting bad cells as it reads."""

    ws: Worksheet
    errors: list[CellError]
    cells: dict[At, object] = field(default_factory=dict)
    labels: dict[str, At] = field(default_factory=dict)
    ends: dict[At, int] = field(default_factory=dict)  # merged top-left → last column

    @classmethod
    def read(cls, ws: Worksheet, errors: list[CellError]) -> FillSheet:
        s = cls(ws, errors)
        for rng in ws.merged_cells.ranges:
            s.ends[(rng.min_row, rng.min_col)] = rng.max_col
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and cell_text(c.value).strip():
                    s.cells[(c.row, c.column)] = c.value
                    s.labels.setdefault(F.label_key(cell_text(c.value)), (c.row, c.column))
        return s

    def error(self, at: At, message: str) -> None:
        self.errors.append(CellError(f"{self.ws.title}!{get_column_letter(at[1])}{at[0]}", message))

    def text(self, at: At) -> str | None:
        value = self.cells.get(at)
        return cell_text(value).strip() or None if value is not None else None

    def right_of(self, label: str) -> At | None:
        """The cell right of ``label`` (past the label's merged range), where its value is printed."""
        at = self.labels.get(F.label_key(label))
        return None if at is None else (at[0], self.ends.get(at, at[1]) + 1)

    def value_of(self, label: str) -> str | None:
        at = self.right_of(label)
        return None if at is None else self.text(at)

    def below(self, label: str, until: str) -> At | None:
        """The first filled cell under ``label`` in its column, above the row labelled ``until``: where a column
        headed by ``label`` holds its value, blank rows inserted between them or not."""
        at = self.labels.get(F.label_key(label))
        end = self.labels.get(F.label_key(until), (self.ws.max_row + 1, 0))[0]
        if at is None:
            return None
        return next(((r, at[1]) for r in range(at[0] + 1, end) if (r, at[1]) in self.cells), None)

    def row(self, r: int) -> Iterator[tuple[int, str]]:
        """(column, label key) of each non-empty cell in row ``r``."""
        for (row, col), value in self.cells.items():
            if row == r:
                yield col, F.label_key(cell_text(value))

    def number(self, at: At, label: str, what: str = "万元，只填数字") -> float | None:
        """A number not below 0, or ``None`` with the cell named when it is anything else."""
        value = self.cells.get(at)
        if value is None:
            return None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float):
            number = float(value)
        else:
            try:
                number = float(str(value).strip().replace(",", "").replace("，", ""))
            except ValueError:
                number = None
        if number is None:
            self.error(at, f"{label}“{cell_text(value).strip()}”不是有效数值（{what}）")
            return None
        if number < 0:
            self.error(at, f"{label}不能为负数（{format_number(number)}）")
            return None
        return number

    def causes(self, at: At) -> tuple[Cause, ...]:
        """The 偏差原因 typed in a cell, each in the official list or named as an error."""
        causes = []
        for part in F.split_causes(self.text(at) or ""):
            if part in F.CAUSES:
                causes.append(Cause(part))
            else:
                self.error(at, f"偏差原因“{part}”须为 {' / '.join(F.CAUSES)}")
        return tuple(causes)


def read_budget(
    s: FillSheet,
    amounts: Mapping[str, str],
    other: Callable[[At, str], str | None],
    ends: Sequence[str],
    source_label: str,
    total_label: str,
) -> Budget:
    """The 项目资金 block under the row headed ``source_label``: the columns whose labels ``amounts`` maps to a
    :class:`Budget` field (``other`` names any other column's field, or ``None``), from the row after the head
    to the first of the labels ``ends`` below it; the ``total_label`` row is the whole, the others sources."""
    head = s.labels.get(F.label_key(source_label))
    if head is None:
        return Budget()
    columns: dict[str, int] = {}
    for col, key in s.row(head[0]):
        attr = amounts.get(key) or other((head[0], col), key)
        if attr is not None:
            columns[attr] = col
    names = {attr: label for label, attr in amounts.items()} | {"executed": "执行数"}
    stops = {F.label_key(e) for e in ends}
    last = min((at[0] for key, at in s.labels.items() if key in stops and at[0] > head[0]), default=None)
    total: dict[str, float | None] = {}
    sources = []
    for r in range(head[0] + 1, last if last is not None else s.ws.max_row + 1):
        name = s.text((r, head[1]))
        values = {attr: s.number((r, col), names.get(attr, attr)) for attr, col in columns.items()}
        if name == total_label:
            total = values
        elif name is not None:
            sources.append(BudgetSource(name, **values))
        elif any((r, col) in s.cells for col in columns.values()):
            s.error((r, head[1]), "填写了金额的资金来源行须填写资金来源名称")
    return Budget(**total, sources=tuple(sources))


def grid_heads(columns: Sequence[tuple[str, str]], **more: str) -> dict[str, str]:
    """Label key → field of an indicator grid: ``columns`` (text, field), a department's 部门职责, 职责目标 and
    绩效指标, and ``more`` other words a unit may have kept (text=field)."""
    heads = {F.label_key(text): attr for text, attr in columns}
    heads |= {F.label_key(text): attr for attr, text in F.DEPARTMENT_HEADS.items()}
    return heads | {F.label_key(text): attr for text, attr in more.items()}


@dataclass(frozen=True, slots=True)
class GridRow:
    """A filled row of an indicator grid: the indicator's name, where each field sits, and the text typed."""

    name: str
    at: dict[str, At]
    typed: dict[str, str | None]


def grid_rows(
    s: FillSheet,
    head_label: str,
    heads: Mapping[str, str],
    filled: Sequence[str],
    until: Sequence[str] = (),
) -> Iterator[GridRow]:
    """The rows under the grid whose header row holds ``head_label``, columns found by ``heads`` (label key →
    field), that have any of the fields ``filled`` typed, up to the first row labelled one of ``until``; a
    filled row without an indicator name is an error."""
    head = s.labels.get(F.label_key(head_label))
    if head is None:
        return
    columns = {heads[key]: col for col, key in s.row(head[0]) if key in heads}
    stops = {F.label_key(u) for u in until}
    ends = [at[0] for key, at in s.labels.items() if key in stops and at[0] > head[0]]
    for r in range(head[0] + 1, min(ends, default=s.ws.max_row + 1)):
        at = {attr: (r, col) for attr, col in columns.items()}
        typed = {attr: s.text(at[attr]) for attr in filled if attr in at}
        if not any(typed.values()):
            continue
        name = s.text(at["name"]) if "name" in at else None
        if name is None:
            s.error(at.get("name", (r, head[1])), "填写了完成情况的行须有指标名称（三级指标）")
            continue
        yield GridRow(name, at, typed)


_IDENTITY = (
    (F.PROJECT_KIND, F.PROJECT_NAME, F.PROJECT_CODE),
    (F.DEPARTMENT_KIND, F.DEPARTMENT_NAME, F.DEPARTMENT_CODE),
)


def identity(s: FillSheet, prefix: str) -> tuple[str, int | None, str | None, str | None, At] | None:
    """(kind, exported position, code, name, name cell) of a sheet of the table whose key starts ``prefix``;
    without a key, by the 项目名称 (部门名称) and 项目编码 (部门编码) it prints; ``None`` for other sheets. A
    record without a name is noted as an error: it matches no target."""
    found = _identity(s, prefix)
    if found is not None and not found[3]:
        s.error(found[4], "缺少项目名称（部门名称），无法对应绩效目标")
    return found


def _identity(s: FillSheet, prefix: str) -> tuple[str, int | None, str | None, str | None, At] | None:
    names = {kind: name_label for kind, name_label, _ in _IDENTITY}
    for at, value in s.cells.items():
        if isinstance(value, str) and (key := F.parse_sheet_key(value, prefix)) is not None:
            kind, position, code, name = key
            return kind, position, code, name, s.right_of(names[kind]) or at
    for kind, name_label, code_label in _IDENTITY:
        if (cell := s.right_of(name_label)) is not None:
            return kind, None, s.value_of(code_label), s.text(cell), cell
    return None


def open_sheets(
    data: bytes, name: str, error: type[FillTableError]
) -> tuple[list[FillSheet], list[CellError]]:
    """Every sheet of the workbook ``data``, read, and the list they note bad cells in; raises ``error``
    naming the file, or each sheet beyond the bounds."""
    try:
        wb = open_workbook(data)
    except XlsxError as exc:
        raise error([CellError(name, str(exc))]) from exc
    if len(wb.worksheets) > MAX_SHEETS:
        raise error([CellError(name, f"工作表过多（{len(wb.worksheets)} 张，最多 {MAX_SHEETS} 张）")])
    errors: list[CellError] = []
    sheets = []
    for ws in wb.worksheets:
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            errors.append(
                CellError(
                    ws.title,
                    f"工作表过大（{ws.max_row} 行 × {ws.max_column} 列；最多 {MAX_ROWS} 行 × {MAX_COLUMNS} 列）",
                )
            )
            continue
        sheets.append(FillSheet.read(ws, errors))
    if errors:
        raise error(errors)
    return sheets, errors


def year_of(sheets: Sequence[FillSheet], label: str) -> int | None:
    for s in sheets:
        text = s.value_of(label)
        if text and text.isdigit() and 1990 <= int(text) <= 2100:
            return int(text)
    return None


@dataclass(frozen=True, slots=True)
class ReadRecord:
    kind: str
    position: tuple[int, int]  # exported position (sheets without a key after those with one), sheet order
    record: ActualRecord


def assemble(read: Sequence[ReadRecord], year: int | None, month: int) -> Actuals:
    """The records read, in their exported order: projects of one name (a region's several 综合运转项目)
    meet their targets in the order :mod:`jixiao.evaluate` matches them."""
    ordered = sorted(read, key=lambda r: r.position)
    return Actuals(
        year=year,
        month=month,
        projects=tuple(r.record for r in ordered if r.kind == F.PROJECT_KIND),
        departments=tuple(r.record for r in ordered if r.kind == F.DEPARTMENT_KIND),
    )


def rank(position: int | None, order: int) -> tuple[int, int]:
    """Where a sheet goes: by its exported position, sheets without a key after, in sheet order."""
    return (0, position) if position is not None else (1, order)
