"""Read a filled 执行监控表 (:mod:`jixiao.publish.monitoring_table` writes it) back as :class:`Actuals`.

Rows and columns are found by their labels (:mod:`jixiao.domain.monitoring_cells`), not by position, so
sheets in another order, renamed, or with blank rows inserted read the same; each sheet's hidden key says
which target it was exported for and in what order. Every cell is checked before anything is built: an
amount that is not a number or is negative, a 偏差原因 or 完成目标可能性 not in the official list, a 监控时点
that differs from the rest of the workbook. Each bad cell is named (``项目1 学前教育!E12: …``) in Chinese,
all at once, and a workbook with any bad cell gives no Actuals at all. 当前完成情况 is read by the
target-value grammar, and text it cannot read stays text (``已完成招标``): that is a report, not an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain import (
    Achievement,
    ActualRecord,
    Actuals,
    Budget,
    BudgetSource,
    Cause,
    IndicatorActual,
    Likelihood,
    parse_target_value,
)
from jixiao.domain import monitoring_cells as M
from jixiao.domain.template_cells import CellError
from jixiao.domain.values import format_number
from jixiao.ingest.actuals import ActualsError
from jixiao.ingest.grid.xlsx import XlsxError, cell_text, open_workbook

# A monitoring sheet is a page or two; anything this large was not filled by hand from ours.
MAX_ROWS = 5_000
MAX_COLUMNS = 60
MAX_SHEETS = 5_000
_AMOUNT_LABELS = {M.PLANNED: "planned", M.ADJUSTED: "adjusted", M.EXPECTED: "expected"}
_HEADS = {M.label_key(text): attr for text, attr in M.INDICATOR_COLUMNS}
_HEADS |= {M.label_key(text): attr for attr, text in M.DEPARTMENT_HEADS.items()}
_HEADS |= {"备注": "measures", "改进措施": "measures", "偏差原因分析": "causes"}
_ACHIEVEMENTS = {a.value: a for a in Achievement}


class MonitoringTableError(ActualsError):
    """A filled monitoring table refused whole: ``errors`` names every bad cell (``sheet!C12``)."""

    def __init__(self, errors: list[CellError]) -> None:
        self.errors = errors
        super().__init__([str(e) for e in errors])


@dataclass(slots=True)
class _Sheet:
    """A worksheet's non-empty cells by position and its labels, noting bad cells as it reads."""

    ws: Worksheet
    errors: list[CellError]
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    labels: dict[str, tuple[int, int]] = field(default_factory=dict)
    ends: dict[tuple[int, int], int] = field(default_factory=dict)  # merged top-left → last column

    @classmethod
    def read(cls, ws: Worksheet, errors: list[CellError]) -> _Sheet:
        s = cls(ws, errors)
        for rng in ws.merged_cells.ranges:
            s.ends[(rng.min_row, rng.min_col)] = rng.max_col
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and cell_text(c.value).strip():
                    s.cells[(c.row, c.column)] = c.value
                    s.labels.setdefault(M.label_key(cell_text(c.value)), (c.row, c.column))
        return s

    def error(self, at: tuple[int, int], message: str) -> None:
        self.errors.append(CellError(f"{self.ws.title}!{get_column_letter(at[1])}{at[0]}", message))

    def text(self, at: tuple[int, int]) -> str | None:
        value = self.cells.get(at)
        return cell_text(value).strip() or None if value is not None else None

    def right_of(self, label: str) -> tuple[int, int] | None:
        """The cell right of ``label`` (past the label's merged range), where its value is printed."""
        at = self.labels.get(M.label_key(label))
        return None if at is None else (at[0], self.ends.get(at, at[1]) + 1)

    def value_of(self, label: str) -> str | None:
        at = self.right_of(label)
        return None if at is None else self.text(at)

    def row(self, r: int) -> Iterator[tuple[int, str]]:
        """(column, label key) of each non-empty cell in row ``r``."""
        for (row, col), value in self.cells.items():
            if row == r:
                yield col, M.label_key(cell_text(value))

    def amount(self, at: tuple[int, int], label: str) -> float | None:
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
            self.error(at, f"{label}“{cell_text(value).strip()}”不是有效数值（万元，只填数字）")
            return None
        if number < 0:
            self.error(at, f"{label}不能为负数（{format_number(number)}）")
            return None
        return number


def _month(s: _Sheet, at: tuple[int, int] | None, text: str | None, month: int, what: str) -> None:
    if at is None or text is None:
        return
    found = M.parse_months(text)
    if found is None:
        s.error(at, f"{what}“{text}”无法识别，应为 {M.month_span(month)}")
    elif found != month:
        s.error(at, f"{what}为 {M.month_span(found)}，与本填报表的监控时点 {M.month_span(month)} 不一致")


def _budget(s: _Sheet, month: int) -> Budget:
    head = s.labels.get(M.label_key(M.SOURCE))
    if head is None:
        return Budget()
    columns: dict[str, int] = {}
    for col, key in s.row(head[0]):
        if key in _AMOUNT_LABELS:
            columns[_AMOUNT_LABELS[key]] = col
        elif key.endswith("执行数"):
            columns["executed"] = col
            _month(s, (head[0], col), key, month, "执行数的月份")
    labels = {"planned": M.PLANNED, "adjusted": M.ADJUSTED, "executed": "执行数", "expected": M.EXPECTED}
    ends = [at[0] for key, at in s.labels.items() if key in (M.GOAL, M.GOAL_RESULT, *_HEADS)]
    last = min((r for r in ends if r > head[0]), default=s.ws.max_row + 1)
    total: dict[str, float | None] = {}
    sources = []
    for r in range(head[0] + 1, last):
        name = s.text((r, head[1]))
        amounts = {attr: s.amount((r, col), labels[attr]) for attr, col in columns.items()}
        if name == M.TOTAL:
            total = amounts
        elif name is not None:
            sources.append(BudgetSource(name, **amounts))
        elif any((r, col) in s.cells for col in columns.values()):
            s.error((r, head[1]), "填写了金额的资金来源行须填写资金来源名称")
    return Budget(**total, sources=tuple(sources))


def _causes(s: _Sheet, at: tuple[int, int]) -> tuple[Cause, ...]:
    text = s.text(at)
    causes = []
    for part in M.split_causes(text or ""):
        if part in M.CAUSES:
            causes.append(Cause(part))
        else:
            s.error(at, f"偏差原因“{part}”须为 {' / '.join(M.CAUSES)}")
    return tuple(causes)


def _indicators(s: _Sheet) -> tuple[IndicatorActual, ...]:
    head = s.labels.get(M.label_key("当前完成情况"))
    if head is None:
        return ()
    columns = {_HEADS[key]: col for col, key in s.row(head[0]) if key in _HEADS}
    out = []
    for r in range(head[0] + 1, s.ws.max_row + 1):
        at = {attr: (r, col) for attr, col in columns.items()}
        typed = {
            attr: s.text(at[attr])
            for attr in ("actual", "causes", "cause_note", "likelihood", "measures")
            if attr in at
        }
        if not any(typed.values()):
            continue
        name = s.text(at["name"]) if "name" in at else None
        if name is None:
            s.error(at.get("name", at["actual"]), "填写了完成情况的行须有指标名称（三级指标）")
            continue
        causes = _causes(s, at["causes"]) if "causes" in at else ()
        likelihood = typed.get("likelihood")
        if likelihood is not None and likelihood not in M.LIKELIHOODS:
            s.error(at["likelihood"], f"完成目标可能性“{likelihood}”须为 {' / '.join(M.LIKELIHOODS)}")
            likelihood = None
        actual = typed.get("actual")
        out.append(
            IndicatorActual(
                name=name,
                actual=parse_target_value(actual),
                status=_ACHIEVEMENTS.get(actual or ""),
                causes=causes,
                cause_note=typed.get("cause_note"),
                likelihood=Likelihood(likelihood) if likelihood else None,
                measures=typed.get("measures"),
            )
        )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Read:
    kind: str
    position: tuple[int, int]  # exported position (sheets without a key after those with one), sheet order
    record: ActualRecord


def _identity(s: _Sheet) -> tuple[str, int | None, str | None, str | None, tuple[int, int]] | None:
    """(kind, exported position, code, name, name cell) of a monitoring sheet; ``None`` for other sheets."""
    for at, value in s.cells.items():
        if isinstance(value, str) and (key := M.parse_sheet_key(value)) is not None:
            kind, position, code, name = key
            cell = s.right_of(M.PROJECT_NAME if kind == M.PROJECT_KIND else M.DEPARTMENT_NAME)
            return kind, position, code, name, cell or at
    for kind, name_label, code_label in (
        (M.PROJECT_KIND, M.PROJECT_NAME, M.PROJECT_CODE),
        (M.DEPARTMENT_KIND, M.DEPARTMENT_NAME, M.DEPARTMENT_CODE),
    ):
        if (cell := s.right_of(name_label)) is not None:
            return kind, None, s.value_of(code_label), s.text(cell), cell
    return None


def _record(s: _Sheet, month: int, order: int) -> _Read | None:
    identity = _identity(s)
    if identity is None:
        return None
    kind, position, code, name, cell = identity
    if not name:
        s.error(cell, "缺少项目名称（部门名称），无法对应绩效目标")
    _month(s, s.right_of(M.MONTH), s.value_of(M.MONTH), month, "监控时点")
    budget = _budget(s, month)
    goal_result = s.value_of(M.GOAL_RESULT)
    indicators = _indicators(s)
    if budget == Budget() and goal_result is None and not indicators:
        return None
    record = ActualRecord(name or "", code, budget, goal_result, indicators)
    rank = (0, position) if position is not None else (1, order)
    return _Read(kind, rank, record)


def _workbook_month(sheets: list[_Sheet], errors: list[CellError], name: str) -> int | None:
    for s in sheets:
        if (text := s.value_of(M.MONTH)) is not None:
            month = M.parse_months(text)
            if month is None:
                at = s.right_of(M.MONTH)
                assert at is not None
                s.error(at, f"监控时点“{text}”无法识别，应为 1–N月（如 1–6月）")
            return month
    errors.append(CellError(name, f"找不到“{M.MONTH}”：不是 jixiao 导出的执行监控表"))
    return None


def _year(sheets: list[_Sheet]) -> int | None:
    for s in sheets:
        text = s.value_of(M.YEAR)
        if text and text.isdigit() and 1990 <= int(text) <= 2100:
            return int(text)
    return None


def read_monitoring_table(data: bytes, name: str = "执行监控表.xlsx") -> Actuals:
    """The :class:`Actuals` a filled 执行监控表 holds; :class:`MonitoringTableError` naming every bad cell."""
    try:
        wb = open_workbook(data)
    except XlsxError as exc:
        raise MonitoringTableError([CellError(name, str(exc))]) from exc
    errors: list[CellError] = []
    if len(wb.worksheets) > MAX_SHEETS:
        raise MonitoringTableError(
            [CellError(name, f"工作表过多（{len(wb.worksheets)} 张，最多 {MAX_SHEETS} 张）")]
        )
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
        sheets.append(_Sheet.read(ws, errors))
    if errors:
        raise MonitoringTableError(errors)
    month = _workbook_month(sheets, errors, name)
    if month is None:
        raise MonitoringTableError(errors)
    read = [r for n, s in enumerate(sheets) if (r := _record(s, month, n)) is not None]
    if errors:
        raise MonitoringTableError(errors)
    # Projects of one name (a region's several 综合运转项目) keep their exported order, so they meet their
    # targets in the order jixiao.evaluate.monitor matches them.
    ordered = sorted(read, key=lambda r: r.position)
    return Actuals(
        year=_year(sheets),
        month=month,
        projects=tuple(r.record for r in ordered if r.kind == M.PROJECT_KIND),
        departments=tuple(r.record for r in ordered if r.kind == M.DEPARTMENT_KIND),
    )


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "MAX_SHEETS", "MonitoringTableError", "read_monitoring_table"]
