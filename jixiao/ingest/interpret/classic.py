"""Whether a text document keeps to the templates the text reader was built on, or needs the interpreter.

The text reader reads indicator rows by content (category labels, then name, description, value, in
that order) and repairs what PDF converters break; it knows the field labels of those templates. A
document whose indicator headers put other columns or another order (目标值 before 指标名称, a value split
over 运算符 | 数值 | 计量单位, 评分标准, 指标解释 after the value …) or whose forms carry fields the text
reader does not know (政策依据, 测算依据, 实施期限 …) is read by the table interpreter instead. The scan
is cheap: only short cells are looked up, each distinct cell once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jixiao.domain.text import clean
from jixiao.ingest.interpret.vocabulary import Vocabulary, default_vocabulary, normalise_label
from jixiao.ingest.labels import project_label

# Column orders the text reader reads (any prefix of categories, then name, [description], value).
_CLASSIC = frozenset({
    ("level1", "level2", "name", "value"),
    ("level1", "level2", "name", "description", "value"),
    ("level2", "name", "value"),
    ("level2", "name", "description", "value"),
    ("name", "value"),
    ("name", "description", "value"),
})
# The header words of those templates; another word for a known column is another template.
_CLASSIC_WORDS = frozenset({"一级指标", "二级指标", "三级指标", "指标值", "绩效指标描述"})
# The words of those templates' department table headers.
_CLASSIC_DEPARTMENT_WORDS = frozenset({
    "序号", "职责序号", "部门职责", "职责目标", "绩效指标", "指标", "指标解释", "年度指标值", "规划值", "当年标准值",
    "标准值", "来源", "前三年均值", "上年值", "来源/其他", "备注", "工作活动", "预算项目", "对应科室", "填报科室",
})


def needs_interpreter(text: str, vocabulary: Vocabulary | None = None) -> bool:
    """True when some indicator header or field label is outside the text reader's templates."""
    vocab = vocabulary or default_vocabulary()
    column, field, department_column, unknown_field_words, value_words = _lookups(vocab)
    # Only candidate lines reach Python: the regular expressions scan the whole text in C.
    verdicts: dict[str, bool] = {}  # a document repeats its header lines: judge each text once
    for raw in _lines_with(text, "值"):
        if "\t" not in raw or "指标" not in raw or not any(w in raw for w in value_words):
            continue
        verdict = verdicts.get(raw)
        if verdict is None:
            verdict = verdicts[raw] = _unfamiliar_header(raw.split("\t"), column, department_column)
        if verdict:
            return True
    for match in unknown_field_words.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        line = text[start: end if end >= 0 else len(text)]
        if any(1 < len(c) <= 40 and field(c) and project_label(c) is None for c in line.split("\t")[:6]):
            return True
    return False


def _lines_with(text: str, word: str) -> Iterator[str]:
    """Each line holding ``word``, once (every name column's header says 指标 and every value column's 值,
    vocabulary.toml; the search runs in C, only those lines reach Python)."""
    at = text.find(word)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        yield text[start:end]
        at = text.find(word, end)


def _unfamiliar_header(cells: list[str], column, department_column) -> bool:  # type: ignore[no-untyped-def]
    """An indicator or department header in words or an order the text reader's templates do not use."""
    if any(w in c for c in cells for w in ("职责", "序号")) and _unfamiliar_department_header(cells, department_column):
        return True
    named = [(c, k) for c in cells if len(c) <= 40 and (k := column(c)) is not None]
    if len(named) >= 2 and any(k == "name" for _, k in named):
        order = tuple(k for _, k in named if k != "no")
        return order not in _CLASSIC or any(clean(c) not in _CLASSIC_WORDS for c, k in named if k != "no")
    return False


def _unfamiliar_department_header(cells: list[str], department_column) -> bool:  # type: ignore[no-untyped-def]
    """A department header (it names an indicator and its value) in words the text reader's templates do
    not use (it reads their columns by content, so their order is its own business)."""
    named = [(normalise_label(c).base, k) for c in cells if len(c) <= 60 and (k := department_column(c))]
    keys = [k for _, k in named]
    if not ("name" in keys and "value" in keys and len(keys) >= 3):
        return False
    return any(word not in _CLASSIC_DEPARTMENT_WORDS for word, _ in named)


@lru_cache(maxsize=4)
def _lookups(vocab: Vocabulary):  # type: ignore[no-untyped-def]
    """Cached label lookups, and a pattern for the words of fields the text reader does not know."""
    words = sorted(
        {label.split("(")[0] for label in vocab.fields if project_label(label) is None}, key=len, reverse=True
    )
    unknown_field_words = re.compile("|".join(re.escape(w) for w in words if w))

    @lru_cache(maxsize=65536)
    def column(cell: str) -> str | None:
        return vocab.column(clean(cell))

    @lru_cache(maxsize=65536)
    def department_column(cell: str) -> str | None:
        return vocab.department_column(clean(cell))

    @lru_cache(maxsize=65536)
    def field(cell: str) -> str | None:
        found = vocab.field(clean(cell))
        return found[0] if found else None

    value_words = tuple(
        {label for label, key in (*vocab.columns.items(), *vocab.department_columns.items()) if key in ("value", "number")}
    )
    return column, field, department_column, unknown_field_words, value_words
