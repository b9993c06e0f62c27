"""Text as it should have been printed: conversion residue removed.

PDF-to-text converters leave HTML tags, LaTeX maths and line breaks rendered as spaces inside cells.
None of that is content, so every reader and the value grammar clean text the same way here.
"""

from __future__ import annotations

import re
from functools import lru_cache

_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<t<|</t<|<t\b")
_LATEX_MATH = re.compile(r"\$([^$]*)\$")
_LATEX_COMMANDS = {
    r"\geq": "≥",
    r"\geqslant": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\leqslant": "≤",
    r"\le": "≤",
    r"\%": "%",
    r"\times": "×",
    r"\sim": "~",
    r"\approx": "≈",
    r"\mu": "μ",
    r"\cdot": "·",
    r"\neq": "≠",
}
_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+|\\%")
_LATEX_GROUP = re.compile(r"[\^_]?\{([^{}]*)\}|\^|_")
_WHITESPACE = re.compile(r"\s+")
_LATIN_GAP = re.compile(r"(?<=[A-Za-z])\s+(?=[A-Za-z])")


def _latex_to_text(match: re.Match[str]) -> str:
    body = match.group(1)
    body = _LATEX_COMMAND.sub(lambda m: _LATEX_COMMANDS.get(m.group(0), ""), body)
    return _LATEX_GROUP.sub(lambda m: m.group(1) or "", body)


def strip_markup(text: str) -> str:
    """Remove HTML tags and turn inline LaTeX into the characters it typesets."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "$" in text:
        text = _LATEX_MATH.sub(_latex_to_text, text)
    if "&" in text:
        text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return text


def squash_spaces(text: str) -> str:
    """Drop whitespace, which in converted Chinese text marks a line break, not a word gap.

    A single space survives only between two Latin letters (``Wi Fi``), where it is a real word gap.
    """
    text = _LATIN_GAP.sub("\x00", text)
    return _WHITESPACE.sub("", text).replace("\x00", " ")


def clean(text: str | None) -> str:
    """The printed text of a cell: markup removed, spaces squashed."""
    if not text:
        return ""
    if len(text) > 64:
        return _clean(text)
    return _clean_short(text)


def _clean(text: str) -> str:
    return squash_spaces(strip_markup(text)).strip()


# Short cells (labels, values, names) repeat across a document; long ones rarely do.
_clean_short = lru_cache(maxsize=65536)(_clean)


_PLACEHOLDERS = frozenset({"-", "--", "---", "----", "—", "——", "———", "－", "/", "、"})


def is_placeholder(text: str) -> bool:
    """A dash-like filler that says "nothing here"."""
    return text in _PLACEHOLDERS
