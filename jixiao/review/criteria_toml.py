"""Read and write a profile's ``[[criteria]]`` and ``[[checklist]]`` tables.

Every key is checked: a misspelt field, category or polarity is an error naming the entry, as a misspelt
rule id is in a profile. A pattern that does not compile is not an error here — the review reports it as a
finding naming the criterion, so the rest of the profile still runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from jixiao.domain.taxonomy import Level2
from jixiao.review.criteria import ChecklistItem, Criterion, Field, Flag
from jixiao.review.findings import Criterion as Aspect
from jixiao.review.findings import Severity

E = TypeVar("E", Field, Flag, Severity, Aspect)
T = TypeVar("T", Criterion, ChecklistItem)


class CriteriaError(ValueError):
    """A criteria entry with a missing or unknown key or value."""


_CRITERION_KEYS = {
    "id", "item", "field", "pattern", "flag", "message", "suggestion", "categories", "template_rows",
    "severity", "aspect", "point",
}  # fmt: skip
_CHECKLIST_KEYS = {"id", "item", "field", "message"}


def _text(entry: Mapping[str, Any], key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise CriteriaError(f"{where}: {key} 须为非空文本")
    return value


def _enum(cls: type[E], value: Any, key: str, where: str) -> E:
    try:
        return cls(value)
    except ValueError:
        allowed = "、".join(m.value for m in cls)
        raise CriteriaError(f"{where}: {key} 须为 {allowed} 之一，不是 {value!r}") from None


def level2_of(name: str) -> Level2 | None:
    """A 二级 category by its name as forms print it, with or without 指标 (数量, 数量指标, 社会效益)."""
    name = name.strip()
    for level2 in Level2:
        if name in (level2.value, level2.value.removesuffix("指标")):
            return level2
    return None


def parse_criteria(raw: Any, origin: str) -> tuple[Criterion, ...]:
    if not isinstance(raw, list):
        raise CriteriaError(f"{origin}: criteria 须写成 [[criteria]] 表")
    out = []
    for n, entry in enumerate(raw, start=1):
        where = f"{origin}: 第{n}条审核口径"
        if not isinstance(entry, Mapping):
            raise CriteriaError(f"{where} 须为表")
        unknown = set(entry) - _CRITERION_KEYS
        if unknown:
            raise CriteriaError(
                f"{where}: 未知的键 {sorted(unknown)}（可用：{'、'.join(sorted(_CRITERION_KEYS))}）"
            )
        where = f"{origin}: 审核口径 {entry.get('id', n)}"
        categories = []
        for name in entry.get("categories", []):
            level2 = level2_of(str(name))
            if level2 is None:
                raise CriteriaError(f"{where}: 没有名为“{name}”的二级指标")
            categories.append(level2)
        field = _enum(Field, entry.get("field"), "field", where)
        if field is Field.CATEGORY and not categories:
            raise CriteriaError(f"{where}: field = “二级指标” 须同时给出 categories")
        template_rows = entry.get("template_rows", False)
        if not isinstance(template_rows, bool):
            raise CriteriaError(f"{where}: template_rows 须为 true 或 false")
        out.append(
            Criterion(
                id=_text(entry, "id", where),
                item=_text(entry, "item", where),
                field=field,
                pattern=_text(entry, "pattern", where),
                flag=_enum(Flag, entry.get("flag"), "flag", where),
                message=_text(entry, "message", where),
                suggestion=_text(entry, "suggestion", where, required=False),
                categories=tuple(categories),
                template_rows=template_rows,
                severity=_enum(Severity, entry.get("severity", "warning"), "severity", where),
                aspect=_enum(Aspect, entry.get("aspect", Aspect.COMPLETENESS.value), "aspect", where),
                point=_text(entry, "point", where, required=False),
            )
        )
    _unique((c.id for c in out), origin)
    return tuple(out)


def parse_checklist(raw: Any, origin: str) -> tuple[ChecklistItem, ...]:
    if not isinstance(raw, list):
        raise CriteriaError(f"{origin}: checklist 须写成 [[checklist]] 表")
    out = []
    for n, entry in enumerate(raw, start=1):
        where = f"{origin}: 第{n}条人工审核项"
        if not isinstance(entry, Mapping) or set(entry) - _CHECKLIST_KEYS:
            raise CriteriaError(f"{where}: 只可有 {'、'.join(sorted(_CHECKLIST_KEYS))}")
        out.append(
            ChecklistItem(
                id=_text(entry, "id", where),
                item=_text(entry, "item", where),
                field=_text(entry, "field", where, required=False),
                message=_text(entry, "message", where),
            )
        )
    _unique((c.id for c in out), origin)
    return tuple(out)


def _unique(ids: Iterable[str], origin: str) -> None:
    seen: set[str] = set()
    for id_ in ids:
        if id_ in seen:
            raise CriteriaError(f"{origin}: 编号 {id_} 重复")
        seen.add(id_)


def merge(base: tuple[T, ...], own: tuple[T, ...]) -> tuple[T, ...]:
    """A child profile's entries replace its parent's of the same id and add the rest after them."""
    mine = {c.id: c for c in own}
    kept = tuple(mine.pop(c.id, c) for c in base)
    return kept + tuple(mine.values())
