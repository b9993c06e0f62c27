"""A region's criteria workbook (审核口径) turned into a profile: ``jixiao profile import``.

The workbook is read by its header words, not positions: 编码, 审核对象, 模式, 审核要点, 二级要点, 审核细项,
审核意见 (…表述), 正则 (…表达式). A 正则匹配 row becomes a ``[[criteria]]`` entry, a 人工 row a ``[[checklist]]``
item. Whether a pattern marks the problem or the good form is not written in such workbooks; it is inferred
from the 审核细项 name where the name says it (:func:`infer_flag`) and asked otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from jixiao.domain.taxonomy import Level2
from jixiao.review.criteria import Field, Flag
from jixiao.review.criteria_toml import level2_of

HEADERS = {
    "code": ("编码", "序号"),
    "target": ("审核对象",),
    "mode": ("模式",),
    "point": ("审核要点",),
    "point2": ("二级要点",),
    "item": ("审核细项",),
    "opinion": ("审核意见",),
    "pattern": ("正则",),
}
BLANK = r"^\s*$"
# The name says the pattern shows the problem itself (a name too long, a value repeated) …
MATCH_WORDS = ("冗长", "过长", "重复", "口语化")
# … or that the item is missing what the pattern describes (a basis 不规范 lacks the 《document》 it wants).
NOMATCH_WORDS = ("不规范", "不具", "不明确", "不完整", "不清晰", "缺乏")


class CriteriaWorkbookError(ValueError):
    """A workbook without the header words of a criteria sheet."""


@dataclass(frozen=True)
class Row:
    code: str
    target: str
    manual: bool
    point: str
    item: str
    opinion: str
    pattern: str


def _cell(row: list[str], cols: dict[str, int], key: str) -> str:
    i = cols.get(key)
    return row[i] if i is not None and i < len(row) else ""


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for n, row in enumerate(rows[:20]):
        cols: dict[str, int] = {}
        for key, words in HEADERS.items():
            for i, cell in enumerate(row):
                if key not in cols and any(cell.startswith(w) for w in words):
                    cols[key] = i
        if {"target", "item", "pattern"} <= set(cols):
            return n, cols
    raise CriteriaWorkbookError("找不到审核口径的表头（须有“审核对象”“审核细项”“正则表达式”等列）")


def read_workbook(path: Path) -> list[Row]:
    """Every criterion row of the first sheet that has the criteria headers."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:
        raise CriteriaWorkbookError(f"无法读取 {path.name}：{exc}") from exc
    for sheet in book.worksheets:
        rows = [
            [str(c).strip() if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)
        ]
        try:
            start, cols = _find_header(rows)
        except CriteriaWorkbookError:
            continue

        out = []
        for n, row in enumerate(rows[start + 1 :], start=1):
            if not _cell(row, cols, "item"):
                continue
            points = [p for p in (_cell(row, cols, "point"), _cell(row, cols, "point2")) if p and p != "/"]
            out.append(
                Row(
                    code=_cell(row, cols, "code") or str(n),
                    target=_cell(row, cols, "target"),
                    manual="人工" in _cell(row, cols, "mode"),
                    point=" / ".join(points),
                    item=_cell(row, cols, "item"),
                    opinion=_cell(row, cols, "opinion"),
                    pattern=_cell(row, cols, "pattern"),
                )
            )
        return out
    raise CriteriaWorkbookError(
        f"{path.name} 中找不到审核口径的表头（须有“审核对象”“审核细项”“正则表达式”等列）"
    )


def normal_pattern(pattern: str) -> str:
    """The workbook's pattern as run: its word 空 (blank) is ``^\\s*$``."""
    return BLANK if pattern.strip() in ("空", "") else pattern


def infer_flag(item: str, pattern: str) -> Flag | None:
    """The polarity the 审核细项 name implies, or None when it does not say.

    A pattern for a blank cell marks the problem (match). A name saying the text itself is the problem (过于冗长,
    重复, 口语化) means the pattern describes that text (match); a name saying something is lacking or not to
    standard (不规范, 不具…性, 不明确, 缺乏) means the pattern describes the good form (nomatch). Anything else —
    未填写 with a pattern that is not blank, 不合理 (the pattern may show either) — is asked.
    """
    if normal_pattern(pattern) == BLANK:
        return Flag.MATCH
    if any(w in item for w in MATCH_WORDS):
        return Flag.MATCH
    if any(w in item for w in NOMATCH_WORDS):
        return Flag.NOMATCH
    return None


def _category(name: str) -> Level2 | None:
    """A 二级 category as criteria sheets shorten it: 数量, 社会 (效益)."""
    return level2_of(name) or level2_of(name + "效益")


def field_of(target: str, item: str) -> tuple[Field, tuple[Level2, ...]] | None:
    """What a 审核对象 names: a field, a 二级 category (数量), a category's rows (``二级指标==数量``)."""
    target = target.strip()
    if "==" in target:
        level2 = _category(target.split("==", 1)[1])
        return (Field.NAME, (level2,)) if level2 else None
    for field in (Field.POLICY_BASIS, Field.CALCULATION_BASIS, Field.GOAL, Field.VALUE, Field.EXPLANATION):
        if target == field.value:
            return field, ()
    if target in ("三级指标", "绩效指标", "指标名称"):
        return Field.NAME, ()
    if target == "绩效目标表":
        return (Field.CELLS, ()) if "留空" in item else (Field.TABLE, ())
    level2 = _category(target)
    return (Field.CATEGORY, (level2,)) if level2 else None


def split_opinion(text: str) -> tuple[str, str]:
    """审核意见表述 as (problem, suggestion): the suggestion starts at the first 请 after a comma or stop."""
    found = re.search(r"[，。；]\s*(请|建议)", text)
    if not found:
        return text, ""
    return text[: found.start()] + "。", text[found.start() + 1 :].strip()


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _pattern(text: str) -> str:
    return f"'''{text}'''" if "'''" not in text and "\n" not in text and not text.endswith("'") else _s(text)


def to_toml(name: str, prefix: str, rows: list[Row], flags: dict[str, Flag]) -> tuple[str, list[str]]:
    """The profile text and the rows left out (with why). ``flags`` holds each pattern row's polarity."""
    out = [
        f"# 由 jixiao profile import 从审核口径工作簿生成：{name}。",
        '# flag = "match"：正则描述问题写法，符合即提出；"nomatch"：正则描述合格写法，不符合即提出。',
        "",
        "[profile]",
        f"name = {_s(name)}",
        'extends = "default"',
        f"title = {_s(name + '审核口径')}",
        "builtin_rules = false",
        "regions = []",
        "",
    ]
    skipped: list[str] = []
    checklist: list[str] = []
    for row in rows:
        rid = f"{prefix}-{int(row.code):02d}" if row.code.isdigit() else f"{prefix}-{row.code}"
        if row.manual:
            checklist += [
                "[[checklist]]",
                f"id = {_s(rid)}",
                f"item = {_s(row.item)}",
                f"field = {_s(row.target)}",
            ]
            checklist += [f"message = {_s(row.opinion or row.item)}", ""]
            continue
        where = field_of(row.target, row.item)
        if where is None:
            skipped.append(f"{row.code} {row.item}：不认识审核对象“{row.target}”")
            continue
        field, categories = where
        message, suggestion = split_opinion(row.opinion or row.item)
        out += ["[[criteria]]", f"id = {_s(rid)}", f"item = {_s(row.item)}", f"field = {_s(field.value)}"]
        if categories:
            out.append("categories = [" + ", ".join(_s(c.value) for c in categories) + "]")
        out += [f"pattern = {_pattern(normal_pattern(row.pattern))}", f'flag = "{flags[row.code].value}"']
        if row.point:
            out.append(f"point = {_s(row.point)}")
        out += [f"message = {_s(message)}", f"suggestion = {_s(suggestion)}", ""]
    return "\n".join(out + checklist), skipped
