"""Indicator names and project texts as the library compares them.

Three forms of a name: :func:`normalise_name` (what two printings of one name share: width, spaces,
punctuation, a unit in brackets), :func:`canonical_name` (what two wordings of one measure share: 及时性 and
及时率, 满意率 and 满意度) and :func:`measure_class` (what kind of quantity a name measures: a rate, a count, an
amount of money, a time). Equivalent names are sought only among names of one measure class, so 受益人数 and
受益率 never meet. Texts become words through jieba (its dictionary ships inside the package; loaded once,
quietly, on first use, its cache kept in a private temporary folder) plus character bigrams.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import unicodedata
from functools import lru_cache
from typing import Any

_KEEP_SYMBOLS = frozenset("%‰+-.")
_LEADING = re.compile(r"^(?:其中|含|包括)[:：]?")
_BRACKETED = re.compile(r"[（(\[【][^（()）\]】]{0,12}[)）\]】]")
# Wordings of one measure: the quality words that some forms end in 性 and others in 率 (设备维护及时性 ≈ 设备维护
# 及时率), and 满意率 ≈ 满意度 (both the share of satisfied respondents, in percent, higher is better).
_SAME_MEASURE = re.compile(r"(及时|准确|完整|合格|达标|规范|知晓|覆盖|完好|到位|有效)性$")
_SATISFACTION = re.compile(r"满意(?:率|程度)$")
_NUMERALS = re.compile(r"[0-9零一二三四五六七八九十百千两ⅠⅡⅢⅣⅤA-Za-z]")

_RATE_TAILS = ("率", "度", "比例", "比重", "占比", "百分比", "性", "指数")
_COUNT_TAILS = ("数", "数量", "量", "次", "人次", "个", "件", "场", "户")
_MONEY_TAILS = ("成本", "费用", "金额", "资金", "经费", "费", "支出", "投入", "标准", "补助", "补贴", "价格")
_TIME_TAILS = ("时间", "时限", "周期", "期限", "时效", "工期", "进度")
_NOT_COUNTS = ("质量", "能量", "力量", "分量")


@lru_cache(maxsize=1 << 18)
def normalise_name(name: str) -> str:
    """The printed name without what differs between printings of it: full/half width (NFKC), spaces,
    punctuation, a short bracketed note (``（%）``, ``(万元)``), a leading 其中; Latin letters lower-case."""
    text = unicodedata.normalize("NFKC", name or "").strip()
    text = _LEADING.sub("", text)
    text = _BRACKETED.sub("", text) or text
    kept = [c for c in text if c in _KEEP_SYMBOLS or unicodedata.category(c)[0] in "LN"]
    return "".join(kept).lower().strip("-.")


@lru_cache(maxsize=1 << 18)
def canonical_name(name: str) -> str:
    """The normalised name with one wording per measure: 及时性 → 及时率, 满意率 → 满意度."""
    text = normalise_name(name)
    text = _SAME_MEASURE.sub(r"\1率", text)
    return _SATISFACTION.sub("满意度", text)


@lru_cache(maxsize=1 << 18)
def measure_class(name: str) -> str:
    """``rate``, ``count``, ``money``, ``time`` or ``other``, read from the end of the canonical name.

    The 率/数 distinction lives here: 受益率 is a rate, 受益人数 a count; 服务质量 is not a count though it ends
    in 量."""
    text = canonical_name(name)
    if text.endswith(_TIME_TAILS):
        return "time"
    if text.endswith(_MONEY_TAILS):
        return "money"
    if text.endswith(_RATE_TAILS):
        return "rate"
    if text.endswith(_COUNT_TAILS) and not text.endswith(_NOT_COUNTS):
        return "count"
    return "other"


@lru_cache(maxsize=1 << 18)
def numerals(name: str) -> str:
    """The digits, Chinese numerals and Latin letters of a name, in order: 一级路 and 二级路, PM2.5 and PM10
    differ only here, and names that differ here are never equivalent."""
    return "".join(_NUMERALS.findall(canonical_name(name)))


_jieba_lock = threading.Lock()
_tokenizer: Any = None
_STOPWORDS = frozenset(
    [
        "的",
        "和",
        "与",
        "及",
        "等",
        "对",
        "在",
        "为",
        "以",
        "了",
        "是",
        "将",
        "把",
        "年",
        "月",
        "日",
        "项目",
        "工作",
        "开展",
        "进行",
        "通过",
        "按照",
        "根据",
        "有关",
        "相关",
        "提高",
        "确保",
        "保障",
        "加强",
        "推进",
        "完成",
        "实现",
        "全面",
        "做好",
        "各项",
        "全年",
        "年度",
        "本年度",
        "目标",
        "一是",
        "二是",
        "三是",
        "其中",
        "以上",
        "以下",
    ]
)


def _jieba() -> Any:
    """jieba's tokenizer, initialised once: no log lines, the cache in a private folder under the system's
    temporary directory (never the package's folder, which may be read-only); a cache that cannot be written
    only costs the next start a second."""
    global _tokenizer
    with _jieba_lock:
        if _tokenizer is None:
            import jieba

            logging.getLogger("jieba").setLevel(logging.CRITICAL)
            jieba.setLogLevel(logging.CRITICAL)
            tokenizer = jieba.Tokenizer()
            folder = os.path.join(
                tempfile.gettempdir(), f"jixiao-jieba-{os.getuid() if hasattr(os, 'getuid') else 0}"
            )
            try:
                os.makedirs(folder, mode=0o700, exist_ok=True)
                tokenizer.tmp_dir = folder
            except OSError:
                tokenizer.tmp_dir = tempfile.gettempdir()
            tokenizer.initialize()
            _tokenizer = tokenizer
        return _tokenizer


def _is_word(token: str) -> bool:
    return (
        len(token) >= 2 and token not in _STOPWORDS and any(unicodedata.category(c)[0] in "LN" for c in token)
    )


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """jieba's words of a text (search mode, so 公用经费 also gives 经费), without stopwords and punctuation."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    if not text.strip():
        return ()
    return tuple(t for t in _jieba().cut_for_search(text) if _is_word(t))


@lru_cache(maxsize=1 << 16)
def bigrams(text: str) -> tuple[str, ...]:
    """Character bigrams of the letters and digits of a text (``学前生均`` → 学前, 前生, 生均)."""
    kept = normalise_name(text)
    return tuple(kept[i : i + 2] for i in range(len(kept) - 1))
