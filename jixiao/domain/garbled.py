"""Text the reader should not be trusted on: merged cells whose lines were interleaved character by
character (作内件登、卷有领区务服负客区…) and runs of one character or word (本本本本本, 一个一个一个…).

Interleaved text is told by its character pairs: in real text many adjacent pairs (负责, 运营, 信息) occur
in the document's other cells too, and far more than pairs of characters two to six apart; in
interleaved text (负理, 理临, 临息) few adjacent pairs do, no more than distant ones — or few do and a
phrase stands in it twice (a merged cell read over again). The document's own
cells are the vocabulary, so no dictionary is needed. Measured on the three bundled samples (about
9,000 cells) in the README (组织机构登记与导入). Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_SPACE = re.compile(r"\s+")
_REPEATED = re.compile(r"([\u4e00-\u9fff]{1,3}?)\1{3,}")  # one to three characters, four times or more
MIN_CHARACTERS = 12  # shorter text has too few pairs to judge
KNOWN_SHARE = 0.25  # interleaved text has fewer of its adjacent pairs seen elsewhere than this…
MIN_LEAD = 0.12  # …and adjacent pairs known no more often than this above pairs 2–6 apart
STRIDES = range(2, 7)
PHRASE = 5  # a run of this many characters printed twice: a merged cell read over again…
PHRASE_SHARE = 0.30  # …in text with fewer known adjacent pairs than this

REPEATED = "字符重复"
INTERLEAVED = "合并单元格文字交错"


@dataclass(frozen=True, slots=True)
class Distrust:
    reason: str  # REPEATED or INTERLEAVED
    evidence: str  # the repeated run, or the share of known pairs


def pairs(text: str) -> list[str]:
    """The adjacent Chinese character pairs of ``text``, spaces ignored."""
    return [run[i : i + 2] for run in _CJK_RUN.findall(_SPACE.sub("", text)) for i in range(len(run) - 1)]


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How many distinct texts each pair occurs in (a text copied to many rows counts once)."""
    counts: Counter[str] = Counter()
    for text in {_SPACE.sub("", t) for t in texts if t}:
        counts.update(set(pairs(text)))
    return counts


def distrust(text: str, words: Counter[str]) -> Distrust | None:
    """Why ``text`` is not to be trusted, given the ``vocabulary`` of its document (which includes it)."""
    squeezed = _SPACE.sub("", text or "")
    repeated = _REPEATED.search(squeezed)
    if repeated:
        return Distrust(REPEATED, repeated.group())
    chinese = "".join(_CJK_RUN.findall(squeezed))
    if len(chinese) < MIN_CHARACTERS:
        return None
    own = set(pairs(squeezed))

    def known(stride: int) -> float:
        found = [chinese[i] + chinese[i + stride] for i in range(len(chinese) - stride)]
        return sum(1 for p in found if words[p] - (p in own) > 0) / len(found) if found else 0.0

    adjacent = known(1)
    if adjacent < KNOWN_SHARE and adjacent - max(map(known, STRIDES)) < MIN_LEAD:
        return Distrust(INTERLEAVED, f"{adjacent:.0%}")
    if adjacent < PHRASE_SHARE and _phrase_twice(squeezed):
        return Distrust(INTERLEAVED, f"{adjacent:.0%}")
    return None


def _phrase_twice(text: str) -> bool:
    """Whether some run of :data:`PHRASE` Chinese characters occurs twice without overlapping."""
    first: dict[str, int] = {}
    for m in _CJK_RUN.finditer(text):
        for i in range(m.start(), m.end() - PHRASE + 1):
            at = first.setdefault(text[i : i + PHRASE], i)
            if i - at >= PHRASE:
                return True
    return False
