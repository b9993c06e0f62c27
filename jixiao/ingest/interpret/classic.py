"""Whether a text document keeps to the templates the text reader was built on, or needs the interpreter.

The text reader reads indicator rows by content (category labels, then name, description, value, in
that order) and repairs what PDF converters break; it knows the field labels of those templates. A
document whose indicator headers put other columns or another order (目标值 before 指标名称, a value split
over 运算符 | 数值 | 计量单位, 评分标准, 指标解释 after the value …) or whose forms carry fields the text
reader does not know (政策依据, 测算依据, 实施期限 …) is read by the table interpreter instead. The scan
is cheap: only short cells are looked up, each distinct cell once.
"""

from __future__ import annotations

from functools import lru_cache

from jixiao.domain.text import clean
from jixiao.ingest.interpret.vocabulary import Vocabulary, default_vocabulary

# Column orders the text reader reads (any prefix of categories, then name, [description], value).
_CLASSIC = frozenset({
    ("level1", "level2", "name", "value"),
    ("level1", "level2", "name", "description", "value"),
    ("level2", "name", "value"),
    ("level2", "name", "description", "value"),
    ("name", "value"),
    ("name", "description", "value"),
})
# Project fields the text reader knows; a form with any other field needs the interpreter.
_KNOWN_FIELDS = frozenset({
    "name", "code", "department", "unit", "category", "fund_type", "purpose", "goal", "total", "fiscal", "other",
})


def needs_interpreter(text: str, vocabulary: Vocabulary | None = None) -> bool:
    """True when some indicator header or field label is outside the text reader's templates."""
    vocab = vocabulary or default_vocabulary()
    column, field = _lookups(vocab)
    for raw in text.splitlines():
        if "\t" not in raw:
            continue
        cells = raw.split("\t")
        keys = [k for c in cells if len(c) <= 40 and (k := column(c)) is not None]
        if len(keys) >= 2 and "name" in keys:
            order = tuple(k for k in keys if k != "no")
            if order not in _CLASSIC:
                return True
            continue
        for cell in cells[:6]:
            if 1 < len(cell) <= 40 and (found := field(cell)) is not None and found not in _KNOWN_FIELDS:
                return True
    return False


@lru_cache(maxsize=4)
def _lookups(vocab: Vocabulary):  # type: ignore[no-untyped-def]
    @lru_cache(maxsize=65536)
    def column(cell: str) -> str | None:
        return vocab.column(clean(cell))

    @lru_cache(maxsize=65536)
    def field(cell: str) -> str | None:
        found = vocab.field(clean(cell))
        return found[0] if found else None

    return column, field
