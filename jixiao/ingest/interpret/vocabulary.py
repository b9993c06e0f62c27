"""The header and label vocabulary (``vocabulary.toml``): which printed words name which field or column.

Regions word their forms differently (指标值 / 目标值 / 年度指标值; 申请单位 / 实施单位); the interpreter never
compares a cell with a literal, only asks this vocabulary. A new region's template is a data change: a
TOML file of the same shape whose words are added to the shipped ones, named by ``JIXIAO_VOCABULARY``
(several files separated by ``:``) or by ``jixiao parse --vocabulary FILE``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jixiao.domain.text import clean

_FULL_TO_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "［": "[", "］": "]", "【": "[", "】": "]"})
_BRACKET = re.compile(r"\(([^()]*)\)")
_MONEY_UNITS = ("亿元", "万元", "元")
_TITLE_NOISE = re.compile(r"(?:20\d{2}|二〇[〇一二三四五六七八九]{2})年度?|预算|年度|^\d+[.、．]|[(（][^)）]*[)）]$")
# Names of bodies end like this (局, 委员会, 中心 …); a title that names none has no owner.
_BODY_ENDINGS = ("局", "委", "委员会", "办", "办公室", "中心", "院", "所", "站", "队", "部", "厅", "会", "馆",
                 "校", "学", "园", "处", "室", "街道", "政府", "公司", "社", "团", "台", "支队", "大队")


@dataclass(frozen=True, slots=True)
class Label:
    """A normalised label: its words, and the money unit its brackets name (``（万元）``), if any."""

    text: str
    base: str  # the words before any bracket
    unit: str | None


@lru_cache(maxsize=65536)
def normalise_label(cell: str) -> Label:
    """``项目总金额（中期规划，万元）：`` → ``项目总金额(中期规划)``, base ``项目总金额``, unit 万元."""
    text = clean(cell).translate(_FULL_TO_HALF).rstrip(":")
    if text.startswith("其中"):
        text = text[2:].lstrip(":")
    unit = None
    qualifiers = []
    for inner in _BRACKET.findall(text):
        for word in re.split(r"[,、;；]", inner):
            if word in _MONEY_UNITS or (word.startswith("单位:") and word[3:] in _MONEY_UNITS):
                unit = word.removeprefix("单位:")
            elif word:
                qualifiers.append(word)
    base = _BRACKET.sub("", text).strip()
    full = base + (f"({','.join(qualifiers)})" if qualifiers else "")
    return Label(full, base, unit)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per data file
class Vocabulary:
    """Lookups built from the TOML data."""

    fields: dict[str, str]  # normalised label → project field
    groups: dict[str, str]  # label of a block of fields → group name
    title_suffixes: tuple[str, ...]
    columns: dict[str, str]  # normalised column header → indicator column key
    required: dict[str, frozenset[str]]
    placeholders: frozenset[str]
    yuan_factor: float
    department_fields: dict[str, str]
    department_titles: tuple[tuple[str, str], ...]  # (suffix, kind), longest first
    department_columns: dict[str, str]
    department_required: dict[str, frozenset[str]]

    def field(self, cell: str) -> tuple[str, Label] | None:
        """The project field a label cell names, with the normalised label (its unit), or ``None``."""
        return _lookup(self.fields, cell, 40)

    def group(self, cell: str) -> tuple[str, Label] | None:
        """The block a group label heads (项目资金（万元）), or ``None``."""
        return _lookup(self.groups, cell, 30)

    def column(self, cell: str) -> str | None:
        """The indicator column a header cell names, or ``None``."""
        found = _lookup(self.columns, cell, 30)
        return found[0] if found else None

    def department_field(self, cell: str) -> str | None:
        found = _lookup(self.department_fields, cell, 30)
        return found[0] if found else None

    def department_column(self, cell: str) -> str | None:
        found = _lookup(self.department_columns, cell, 60)
        return found[0] if found else None

    def department_title(self, text: str) -> tuple[str, str | None] | None:
        """(kind, department) of a department table title: ``2022年度聊城市文化和旅游局整体战略目标表`` →
        (``strategic``, ``聊城市文化和旅游局``); ``None`` for any other text."""
        words = clean(text)
        if len(words) > 80:
            return None
        for suffix, kind in self.department_titles:
            if words.endswith(suffix):
                owner = _TITLE_NOISE.sub("", words[: -len(suffix)]).removesuffix("部门").removesuffix("年度")
                owner = _TITLE_NOISE.sub("", owner)
                return kind, (owner if len(owner) >= 3 else None)
        return None

    def is_title(self, text: str) -> bool:
        words = clean(text)
        return len(words) <= 60 and words.endswith(self.title_suffixes)

    def title_owner(self, text: str) -> str | None:
        """The body a title names before its kind: ``某市民政局2024年项目支出绩效目标表`` → ``某市民政局``."""
        words = clean(text)
        suffix = next((s for s in sorted(self.title_suffixes, key=len, reverse=True) if words.endswith(s)), None)
        if suffix is None:
            return None
        owner = _TITLE_NOISE.sub("", words[: -len(suffix)])
        return owner if len(owner) >= 3 and owner.endswith(_BODY_ENDINGS) else None

    def is_placeholder(self, text: str) -> bool:
        """A cell that says "nothing here": blank, 不适用, 无, a dash."""
        words = clean(text)
        return not words or words in self.placeholders


def _lookup(table: dict[str, str], cell: str, longest: int) -> tuple[str, Label] | None:
    """The key a label names, by its full normalised text or its text before any bracket; text longer
    than ``longest`` is content, never a label."""
    if not cell or len(cell) > longest:
        return None
    label = normalise_label(cell)
    key = table.get(label.text) or table.get(label.base)
    return (key, label) if key else None


def _keyed(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, words in table.items():
        for word in words:
            out[normalise_label(word).text] = key
    return out


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Words of ``extra`` added to ``base``: lists are extended, tables merged, numbers replaced."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def vocabulary_from_toml(text: str, *extra: str) -> Vocabulary:
    """A vocabulary from TOML text, with the words of each ``extra`` TOML text added."""
    data = tomllib.loads(text)
    for more in extra:
        data = _merge(data, tomllib.loads(more))
    project, indicator, department = data["project"], data["indicator"], data.get("department", {})
    return Vocabulary(
        fields=_keyed(project["fields"]),
        groups=_keyed(project.get("groups", {})),
        title_suffixes=tuple(project.get("titles", {}).get("suffixes", ())),
        columns=_keyed(indicator["columns"]),
        required={k: frozenset(v) for k, v in indicator["required"].items()},
        placeholders=frozenset(clean(w) for w in data["placeholders"]["words"]),
        yuan_factor=float(data.get("units", {}).get("yuan_factor", 10000)),
        department_fields=_keyed(department.get("fields", {})),
        department_titles=tuple(sorted(
            ((clean(suffix), kind) for kind, words in department.get("titles", {}).items() for suffix in words),
            key=lambda item: -len(item[0]),
        )),
        department_columns=_keyed(department.get("columns", {})),
        department_required={k: frozenset(v) for k, v in department.get("required", {}).items()},
    )


ENVIRONMENT = "JIXIAO_VOCABULARY"


class VocabularyError(ValueError):
    """A vocabulary file that cannot be read."""


def load_vocabulary(*paths: Path) -> Vocabulary:
    """The shipped vocabulary with the words of the given TOML files added."""
    shipped = resources.files("jixiao.ingest.interpret").joinpath("vocabulary.toml").read_text("utf-8")
    texts = []
    for path in paths:
        try:
            text = path.read_text("utf-8")
            tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise VocabularyError(f"词表文件无法读取 {path}: {exc} / cannot read vocabulary file {path}") from exc
        texts.append(text)
    return vocabulary_from_toml(shipped, *texts)


def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary plus the files ``JIXIAO_VOCABULARY`` names (read once per setting)."""
    return _vocabulary_for(os.environ.get(ENVIRONMENT, ""))


@cache
def _vocabulary_for(setting: str) -> Vocabulary:
    return load_vocabulary(*(Path(p) for p in setting.split(os.pathsep) if p))
