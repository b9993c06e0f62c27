"""The annual table (年度整体绩效目标表): rows positional per page, merged duty cells filled down.

Merged cells (职责序号, 部门职责, 职责目标) are printed once and blank below, so a blank cell means "same as
above" and positions matter. The layout (whether 部门职责 has two sub-columns, whether reference-value
columns exist) is taken from the table's header and its rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.domain.model import DepartmentIndicator, Reference
from jixiao.domain.text import is_placeholder
from jixiao.domain.values import ValueKind, parse_target_value
from jixiao.ingest.department_cells import ROW_NUMBER, is_reference_header, looks_like_value, value_or_none
from jixiao.ingest.lines import Line


@lru_cache(maxsize=32768)
def _value_strength(cell: str) -> int:
    """3 for a number with a unit or operator, 2 for a calendar date or period, 1 for a short
    qualitative word, 0 otherwise (an explanation that starts 反映… is never the value)."""
    if is_placeholder(cell) or cell.startswith(_EXPLANATION_OPENERS):
        return 0
    v = parse_target_value(cell)
    if v.kind in (ValueKind.NUMERIC, ValueKind.RANGE, ValueKind.RANK):
        return 3
    if _DATE.search(cell) and len(cell) <= 20:
        return 2  # 11月15日至次年3月15日
    return 1 if v.kind is ValueKind.QUALITATIVE and len(cell) <= 20 else 0


_EXPLANATION_OPENERS = ("反映",)
_DATE = re.compile(r"\d{1,2}月(?:\d{1,2}日|底|初|中旬|上旬|下旬)")


def is_annual_header(line: Line) -> bool:
    text = line.text
    return ("职责序号" in text or text.startswith("职")) and "部门职责" in text


_ANNUAL_TAIL = (
    "planned",
    "standard",
    "standard_source",
    "avg3",
    "last_year",
    "history_source",
    "note",
    "activity",
    "budget_project",
    "office",
)
_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"))


def _unbalanced(text: str) -> bool:
    """A bracket or quotation opened and not closed: the text was cut."""
    return any(text.count(a) > text.count(b) for a, b in _PAIRS)


_AMOUNT_END = re.compile(r"\d(?:\.\d+)?万?元$")
_OFFICE = re.compile(r"(科|室|处|股|办|中心|大队|支队|指挥部|部)$")
_BUDGET_WORDS = ("万元", "项目", "经费", "资金", "预算")


@dataclass
class _Duty:
    no: int | None = None
    area: str | None = None
    duty: str | None = None
    goal: str | None = None


def _join_wrapped_areas(rows: list[dict[str, str]]) -> None:
    """A merged 部门职责 area over two duties prints one wrapped line on each row (``农业生`` / ``产服务``).

    The column's line width shows in the cells that wrapped inside one row (``企业发 展``): a cell exactly
    that wide, followed by a short cell on the next row, is the first line of a merged cell.
    """
    pieces = [p for r in rows for p in r.get("_raw_area", "").split()[:-1]]
    if not pieces:
        return
    width = max(len(p) for p in pieces)
    for row, following in zip(rows, rows[1:], strict=False):
        first, second = row.get("_raw_area", ""), following.get("_raw_area", "")
        if (
            first
            and second
            and " " not in first
            and " " not in second
            and len(first) == width
            and len(second) <= width
        ):
            row["duty_area"] = following["duty_area"] = first + second
            row["_raw_area"] = following["_raw_area"] = ""


def _centred_blocks(numbered: list[int], total: int) -> list[tuple[int, int]]:
    """Row ranges of vertically centred blocks: each number sits in the middle of its block."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for k, at in enumerate(numbered):
        following = numbered[k + 1] if k + 1 < len(numbered) else total
        end = min(at + (at - start) + 1, following) if k + 1 < len(numbered) else total
        end = max(end, at + 1)
        bounds.append((start, end))
        start = end
    return bounds


def _join_fragments(cells: list[str]) -> str | None:
    """The text of a merged cell whose lines landed on several rows; repeats (a new page) are dropped."""
    parts: list[str] = []
    for cell in cells:
        cell = "" if is_placeholder(cell) else cell
        if cell and (not parts or (cell != parts[-1] and cell != "".join(parts))):
            parts.append(cell)
    return "".join(parts) or None


@dataclass
class _Layout:
    """The columns of one page of an annual table, from that page's header."""

    split_duty: bool | None
    has_reference: bool


def _score_value_at(cells: list[str], i: int) -> int:
    if i < 2 or i >= len(cells):
        return -1
    score = _value_strength(cells[i]) if cells[i] else 0
    following = cells[i + 1] if i + 1 < len(cells) else ""
    if following and not is_placeholder(following) and (following == cells[i] or looks_like_value(following)):
        score += 1
    before = cells[i - 1]
    if before and len(before) >= 6 and not looks_like_value(before):
        score += 1
    return score


@dataclass
class AnnualTableReader:
    """Rows of an annual table, positional per page, with merged duty cells filled down."""

    warnings: list[tuple[int, str]] = field(default_factory=list)
    rows: list[tuple[Line, _Layout]] = field(default_factory=list)
    layout: _Layout | None = None

    def feed(self, line: Line) -> None:
        if line.blank:
            return
        text = line.text
        first = line.cells[0] if line.cells else ""
        if is_annual_header(line):
            cells = list(line.cells)
            split = None
            if "部门职责" in cells:
                i = cells.index("部门职责")
                split = i + 1 < len(cells) and (not cells[i + 1] or cells[i + 1].startswith("部门职责"))
            has_reference = any(w in text for w in ("参考值", "规划值", "备注"))
            self.layout = _Layout(split, has_reference)
            return
        if text.startswith("责序号") or (is_reference_header(line) and not ROW_NUMBER.match(first)):
            return
        if text.startswith("部门名称"):
            return
        self.rows.append((line, self.layout or _Layout(None, False)))

    @staticmethod
    def _columns(split: bool, has_reference: bool) -> list[str]:
        head = ["duty_no", "duty_area", "duty", "duty_goal"] if split else ["duty_no", "duty", "duty_goal"]
        return head + ["name", "explanation", "value"] + (list(_ANNUAL_TAIL) if has_reference else [])

    def _page_split(self, page: list[Line], layout: _Layout) -> bool:
        """Whether 部门职责 has two sub-columns on this page: where most rows have their target value.

        Headers and data disagree in converted tables, so the rows decide; the header breaks a tie."""
        votes: Counter[int] = Counter()
        for line in page:
            cells = list(line.cells)
            best = max(range(4, 8), key=lambda i: (_score_value_at(cells, i), -i))
            if _score_value_at(cells, best) >= 4:
                votes[best] += 1
        if votes:
            (index, count), *rest = votes.most_common(2)
            if not rest or count > rest[0][1]:
                return index >= 6
        if layout.split_duty is not None:
            return layout.split_duty
        return False

    def indicators(self) -> list[DepartmentIndicator]:
        entries: list[tuple[Line, dict[str, str]]] = []
        pages: list[tuple[_Layout, list[Line]]] = []
        for line, layout in self.rows:
            if pages and pages[-1][0] is layout:
                pages[-1][1].append(line)
            else:
                pages.append((layout, [line]))
        for layout, page in pages:
            columns = self._columns(self._page_split(page, layout), layout.has_reference)
            for line in page:
                entries.append((line, self._align(line, list(line.cells), columns)))
        kept: list[tuple[Line, dict[str, str]]] = []
        for line, row in entries:
            if kept and len(line.filled) == 1 and not ROW_NUMBER.match(line.filled[0]):
                self._spill(kept[-1][1], line.filled[0], line)
            elif row.get("name") or row.get("value"):
                kept.append((line, row))
            elif any(row.get(c) for c in ("duty_no", "duty_area", "duty", "duty_goal")) and not (
                kept and len(line.filled) == 1 and not ROW_NUMBER.match(line.filled[0])
            ):
                kept.append((line, row))  # a duty whose indicators are on the following rows
            elif kept and len(line.filled) == 1:
                self._spill(kept[-1][1], line.filled[0], line)
            elif line.filled:
                self.warnings.append(
                    (line.no, f"年度目标表中无法归属的行, 已忽略: {' | '.join(line.filled)}")
                )
        self._join_page_split_budgets(kept)
        duties = self._duties([row for _, row in kept])
        out: list[DepartmentIndicator] = []
        for (line, row), duty in zip(kept, duties, strict=True):
            name, value = row.get("name", ""), row.get("value", "")
            if not name and not value:
                continue
            if not value:
                self.warnings.append((line.no, f"指标值缺失: {name}"))
            self._place_by_content(row)
            reference = Reference(
                **{
                    f: value_or_none(row.get(f, ""))
                    for f in ("planned", "standard", "standard_source", "avg3", "last_year", "history_source")
                }
            )
            out.append(
                DepartmentIndicator(
                    name=name,
                    value=parse_target_value(value),
                    duty_no=duty.no,
                    duty_area=duty.area,
                    duty=duty.duty,
                    duty_goal=duty.goal,
                    explanation=value_or_none(row.get("explanation", "")),
                    reference=reference,
                    note=value_or_none(row.get("note", "")),
                    activity=value_or_none(row.get("activity", "")),
                    budget_project=value_or_none(row.get("budget_project", "")),
                    office=value_or_none(row.get("office", "")),
                    line=line.no,
                )
            )
        return out

    def _duties(self, rows: list[dict[str, str]]) -> list[_Duty]:
        """The duty of every row. Merged duty cells are printed either on the first row of their block
        (then blank cells below mean "same as above") or vertically centred, their number on the middle
        row and their text spread over the rows of the block (then the block is rebuilt around the number
        and the fragments are joined)."""
        numbers = [int(r["duty_no"]) if ROW_NUMBER.match(r.get("duty_no", "")) else None for r in rows]
        numbered = [i for i, n in enumerate(numbers) if n is not None]
        centred = bool(numbered) and numbered[0] > 0
        if not centred:
            _join_wrapped_areas(rows)
            duties: list[_Duty] = []
            duty = _Duty()
            for row in rows:
                duty = self._duty(duty, row)
                duties.append(duty)
            return duties
        bounds = _centred_blocks(numbered, len(rows))
        duties = [_Duty()] * len(rows)
        for (start, end), at in zip(bounds, numbered, strict=True):
            block = rows[start:end]
            joined = {
                column: _join_fragments([r.get(column, "") for r in block])
                for column in ("duty_area", "duty", "duty_goal")
            }
            duty = _Duty(numbers[at], joined["duty_area"], joined["duty"], joined["duty_goal"])
            for i in range(start, end):
                duties[i] = duty
        return duties

    def _align(self, line: Line, cells: list[str], columns: list[str]) -> dict[str, str]:
        """Map cells to columns, anchored on the 年度指标值 column: rows shift when merged cells confuse
        the converter, and the target value is the cell that is easiest to recognise."""
        expected = columns.index("value")
        best = max(
            range(expected - 2, expected + 3), key=lambda i: (_score_value_at(cells, i), -abs(i - expected))
        )
        shift = best - expected if _score_value_at(cells, best) > _score_value_at(cells, expected) else 0
        if shift:
            self.warnings.append((line.no, f"行错位 {shift:+d} 列, 已按指标值列对齐"))
        row: dict[str, str] = {}
        raw_cells = line.raw.split("\t")
        for i, column in enumerate(columns):
            j = i + shift
            row[column] = cells[j] if 0 <= j < len(cells) else ""
            if column == "duty_area" and 0 <= j < len(raw_cells):
                row["_raw_area"] = raw_cells[j].strip()
        if shift > 0:
            # Cells pushed in from the left belong to the duty columns: keep them right-aligned there.
            head = columns[: columns.index("name")]
            spill = [c for c in cells[: len(head) + shift] if c]
            for column in head:
                row[column] = ""
            for column, cell in zip(reversed(head), reversed(spill), strict=False):
                row[column] = cell
        extra = [c for c in cells[len(columns) + shift :] if c]
        if extra:
            blank = [c for c in ("note", "activity") if c in row and not row[c]]
            if blank and len(extra) == 1:
                row[blank[0]] = extra[0]  # a text cell pushed past the last column by a merged cell
            elif "office" in row and _OFFICE.search(cells[-1]) and len(cells) >= len(columns) + shift + 1:
                # An extra cell inside the tail (a second 备注): the last three columns stand at the end.
                row["activity"], row["budget_project"], row["office"] = cells[-3], cells[-2], cells[-1]
                start = columns.index("note") + shift
                notes = [c for c in cells[start : len(cells) - 3] if c and not is_placeholder(c)]
                row["note"] = "".join(notes)
                self.warnings.append((line.no, "行的单元格多于表头, 工作活动/预算项目/科室按行末对齐"))
            else:
                self.warnings.append((line.no, f"行的单元格多于表头, 多余内容: {' | '.join(extra)}"))
        return row

    @staticmethod
    def _place_by_content(row: dict[str, str]) -> None:
        """A page without the 预算项目 column puts the office where the budget project should be, and the
        reverse; the text itself says which it is."""
        budget, office = row.get("budget_project", ""), row.get("office", "")
        activity = row.get("activity", "")
        if (
            budget
            and (not activity or is_placeholder(activity))
            and len(budget) > 30
            and not _AMOUNT_END.search(budget)
        ):
            row["activity"], row["budget_project"] = budget, ""  # a work description, one column right
            budget = ""
        if budget and not office and _OFFICE.search(budget) and not any(w in budget for w in _BUDGET_WORDS):
            row["budget_project"], row["office"] = "", budget
        elif office and not budget and any(w in office for w in _BUDGET_WORDS) and not _OFFICE.search(office):
            row["budget_project"], row["office"] = office, ""

    def _duty(self, previous: _Duty, row: dict[str, str]) -> _Duty:
        no_cell = row.get("duty_no", "")
        no = int(no_cell) if ROW_NUMBER.match(no_cell) else None
        area = value_or_none(row.get("duty_area", ""))
        duty = value_or_none(row.get("duty", ""))
        goal = value_or_none(row.get("duty_goal", ""))
        if (no is None or no == previous.no) and duty and duty == previous.area and goal == previous.duty:
            # A continuation page repeats the area and the duty but not the goal: the columns slid left.
            return previous
        if no is not None and no != previous.no:
            # 部门职责 area is the wider merged cell: a new duty with a blank area stays in the area above.
            inherited = previous.area if "duty_area" in row and not row.get("_raw_area") else None
            return _Duty(no, area or inherited, duty, goal)
        if no is None and area and not duty and "duty_area" in row and previous.area:
            # A specific duty cannot change its area without a new number: the text slid one column left.
            area, duty = None, area
        return _Duty(
            previous.no if no is None else no,
            area or previous.area,
            duty or previous.duty,
            goal or previous.goal,
        )

    def _join_page_split_budgets(self, kept: list[tuple[Line, dict[str, str]]]) -> None:
        """Cells cut by a page break: a 预算项目 whose first part lacks the amount that the next page's part
        has, a 工作活动 cut inside a bracket that the next page's part closes. Both rows get the whole text."""
        layouts = {line.no: layout for line, layout in self.rows}
        for (before, row), (after, next_row) in zip(kept, kept[1:], strict=False):
            if layouts.get(before.no) is layouts.get(after.no):
                continue
            head, tail = row.get("budget_project", ""), next_row.get("budget_project", "")
            if head and tail and not _AMOUNT_END.search(head) and _AMOUNT_END.search(tail):
                row["budget_project"] = next_row["budget_project"] = head + tail
                self.warnings.append((after.no, f"预算项目跨页拆分, 已合并为: {head + tail}"))
            head, tail = row.get("activity", ""), next_row.get("activity", "")
            if head and tail and _unbalanced(head) and not _unbalanced(head + tail):
                row["activity"] = next_row["activity"] = head + tail
                self.warnings.append((after.no, "工作活动跨页拆分, 已合并"))

    def _spill(self, row: dict[str, str], text: str, line: Line) -> None:
        self.warnings.append((line.no, f"单独一行的溢出文字, 归入上一行的预算项目: {text}"))
        row["budget_project"] = (row.get("budget_project") or "") + text
