"""Title, issuer, year and 编报说明 from the lines before the first table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.ingest.lines import Line

_PREFACE_HEADING = re.compile(r"^(编报说明|编制说明|编写说明|说明|公开说明)$")
_TOC_HEADING = re.compile(r"^目录$")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,20}(财政局|财政厅|财政部门|人民政府)$")
_ISSUER_IN_TEXT = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:省|市|区|县|旗)财政(?:局|厅|部门)")
_YEAR = re.compile(r"(20\d{2})年")
_DATE_LINE = re.compile(r"^(?:20\d{2}|[二〇零一两三四五六七八九十]{4})年[0-9一二三四五六七八九十]{1,3}月(?:[0-9一二三四五六七八九十]{1,3}日)?$")
_SENTENCE_END = ("。", "；", ";", "：", ":", "，", ",")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    title: str | None
    issuer: str | None
    year: int | None
    preface: str | None


def is_toc_line(line: Line) -> bool:
    """A 目录 entry with a dotted leader and a page number."""
    return "....." in line.raw or "……" in line.raw or "···" in line.raw


def _continues_title(parts: list[str], line: Line, issuer: str | None) -> bool:
    """The first title line, or a second heading line before the issuer (a title wrapped in two)."""
    return not parts or (len(parts) == 1 and line.heading and len(line.text) < 30 and issuer is None)


def _looks_like_title(text: str) -> bool:
    return ("年" in text or "绩效" in text) and len(text) < 60 and not text.startswith(("第", "目"))


def read_front_matter(lines: list[Line]) -> FrontMatter:
    title_parts: list[str] = []
    issuer: str | None = None
    preface: list[str] = []
    in_preface = False
    for line in lines:
        if line.blank:
            continue
        text = line.text
        if _PREFACE_HEADING.match(text):
            in_preface = True
            continue
        if _TOC_HEADING.match(text):
            in_preface = False
            continue
        if in_preface:
            if len(text) >= 30 or text.endswith(_SENTENCE_END):
                preface.append(text)
                continue
            if preface:
                in_preface = False
            continue
        if is_toc_line(line) or preface:
            continue
        if _ISSUER_LINE.match(text):
            issuer = issuer or text
        elif _DATE_LINE.match(text) or text in ("附件", "附表"):
            continue
        elif _continues_title(title_parts, line, issuer) and _looks_like_title(text):
            title_parts.append(text)
    title = "".join(title_parts) or None
    preface_text = "\n".join(preface) or None
    if issuer is None and preface_text:
        m = _ISSUER_IN_TEXT.search(preface_text)
        issuer = m.group(0) if m else None
    year = None
    for source in (title, preface_text):
        if source and (m := _YEAR.search(source)):
            year = int(m.group(1))
            break
    return FrontMatter(title, issuer, year, preface_text)
