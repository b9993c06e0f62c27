"""The strategic table (部门整体战略目标表): ``序号⇥指标⇥指标解释⇥年度指标值[⇥参考值…]``.

Its rows are numbered (序号), so a row is found by its number and read by content after it; the goal
(战略目标) is a labelled field above the rows.
"""

from __future__ import annotations

import re

from jixiao.domain.model import DepartmentIndicator, Reference
from jixiao.domain.values import parse_target_value
from jixiao.ingest.cells import join_split
from jixiao.ingest.department_cells import ROW_NUMBER, is_reference_header, looks_like_value, value_or_none
from jixiao.ingest.lines import Line

_EMBEDDED_NUMBER = re.compile(r"^\s*([\u4e00-\u9fff]{2,}[^\d\s]*)\s+(\d{1,2})\s+(\S.*)$")
_SOURCE_WORDS = (
    "《",
    "规划",
    "统计",
    "计划",
    "要求",
    "文件",
    "年鉴",
    "公报",
    "目标任务",
    "方案",
    "意见",
    "通知",
    "系统",
    "数据",
    "考核",
    "总结",
    "标准",
)


def _looks_like_source(cell: str) -> bool:
    return any(w in cell for w in _SOURCE_WORDS) and not looks_like_value(cell)


def is_strategic_header(line: Line) -> bool:
    text = line.text
    return (
        "序号" in text
        and "指标" in text
        and ("年度指标" in text or "指标解释" in text)
        and "职责" not in text
    )


_TAIL = ("planned", "standard", "standard_source", "avg3", "last_year", "history_source", "note")


def _reference_from(cells: list[str]) -> tuple[Reference, str | None]:
    """Map the cells after 年度指标值 onto 规划值/标准值/来源/前三年均值/上年值/来源/备注.

    By position when the row has exactly those seven cells (with or without its blanks); otherwise by
    content: values before the first source are plan and standard, values between the sources are history.
    """
    filled = [c for c in cells if c]
    if len(cells) == len(_TAIL):
        mapped = dict(zip(_TAIL, cells, strict=True))
    elif len(filled) == len(_TAIL):
        mapped = dict(zip(_TAIL, filled, strict=True))
    else:
        mapped = _reference_by_content(cells)
    ref = Reference(**{f: value_or_none(mapped.get(f) or "") for f in _TAIL[:-1]})
    return ref, value_or_none(mapped.get("note") or "")


def _reference_by_content(cells: list[str]) -> dict[str, str]:
    sources = [i for i, c in enumerate(cells) if c and _looks_like_source(c)]
    if not sources:
        return dict(zip(_TAIL, [c for c in cells if c], strict=False))
    first = sources[0]
    before = [c for c in cells[:first] if c]
    mapped = {"standard_source": cells[first]}
    if len(before) >= 2:
        mapped["planned"], mapped["standard"] = before[0], before[1]
    elif before:
        mapped["standard"] = before[0]
    rest = cells[first + 1 :]
    second = next((i for i, c in enumerate(rest) if c and _looks_like_source(c)), None)
    middle = [c for c in (rest[:second] if second is not None else rest) if c]
    if len(middle) >= 2:
        mapped["avg3"], mapped["last_year"] = middle[0], middle[1]
    elif middle:
        mapped["last_year"] = middle[0]
    if second is not None:
        mapped["history_source"] = rest[second]
        tail = [c for c in rest[second + 1 :] if c]
        if tail:
            mapped["note"] = tail[0]
    return mapped


class StrategicTableReader:
    """Rows of a strategic table: ``序号⇥指标⇥指标解释⇥年度指标值[⇥参考值…]``."""

    def __init__(self) -> None:
        self.goal_parts: list[str] = []
        self.indicators: list[DepartmentIndicator] = []
        self.warnings: list[tuple[int, str]] = []
        self.has_reference = False
        self._in_rows = False

    def feed(self, line: Line) -> None:
        if line.blank:
            return
        first = line.first
        # The header first: its merged first cell can print 战略目标 too (liaocheng 民政局).
        if is_strategic_header(line):
            self._in_rows = True
            self.has_reference = self.has_reference or "参考值" in line.text or "备注" in line.text
            return
        if first.startswith("战略目标") and not self._in_rows:
            rest = [c for c in line.filled[1:]]
            if first != "战略目标":
                rest.insert(0, first.removeprefix("战略目标").lstrip(":："))
            self.goal_parts.append(join_split(rest)[0])
            return
        filled = [c for c in line.filled if c not in ("指标",)]
        number_at = next((i for i, c in enumerate(filled[:2]) if ROW_NUMBER.match(c)), None)
        if number_at is None and is_reference_header(line):
            return  # header sub-rows, repeated on every page
        if (
            number_at is None
            and self._in_rows
            and (embedded := _EMBEDDED_NUMBER.match(line.raw.split("\t")[1] if "\t" in line.raw else ""))
        ):
            filled = [embedded.group(2), embedded.group(1) + embedded.group(3), *filled[1:]]
            cells_override = ["", *filled]
            self.warnings.append((line.no, f"序号 {embedded.group(2)} 混在指标名称中, 已分离"))
            self._add(line, filled, 0, cells_override)
            return
        if number_at is None:
            if not self._in_rows:
                self.goal_parts.append("".join(line.filled))
            else:
                self.warnings.append(
                    (line.no, f"战略目标表中无法归属的行, 已忽略: {' | '.join(line.filled)}")
                )
            return
        self._add(line, filled, number_at, list(line.cells))

    def _add(self, line: Line, filled: list[str], number_at: int, cells: list[str]) -> None:
        self._in_rows = True
        no = int(filled[number_at])
        start = cells.index(filled[number_at]) + 1
        rest = cells[start:]
        payload = [c for c in rest if c]
        if self.has_reference:
            name, explanation, value = (payload + ["", "", ""])[:3]
            tail_cells = rest[rest.index(value) + 1 :] if value in rest else []
            reference, note = _reference_from(tail_cells)
        else:
            reference, note = Reference(), None
            if len(payload) >= 3:
                name, explanation, value = payload[0], "".join(payload[1:-1]), payload[-1]
            elif len(payload) == 2:
                name, last = payload
                if looks_like_value(last):
                    explanation, value = "", last
                else:
                    explanation, value = last, ""
                    self.warnings.append((line.no, f"指标值缺失: {name}"))
            else:
                name, explanation, value = (payload + [""])[0], "", ""
                self.warnings.append((line.no, f"指标值缺失: {name}"))
        self.indicators.append(
            DepartmentIndicator(
                name=name,
                value=parse_target_value(value),
                no=no,
                explanation=explanation or None,
                reference=reference,
                note=note,
                line=line.no,
            )
        )

    @property
    def goal(self) -> str | None:
        text = "".join(p for p in self.goal_parts if p)
        return text or None
