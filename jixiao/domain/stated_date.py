"""The date a disclosure states for itself (2022 年 5 月, 二〇二二年二月, 2022年5月10日), read from its head.

The portal's 公开时间 is this date when the document gives one: the day the file was imported is no
publication date. Pure: the caller passes the document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_TENS = re.compile(r"([一二三]?)十([一二三四五六七八九]?)")
_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*$")
HEAD_LINES = 60  # the date stands under the title and issuer, before the preface


@dataclass(frozen=True, slots=True)
class StatedDate:
    year: int
    month: int
    day: int | None = None

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月" + (f"{self.day}日" if self.day else "")


def _arabic(line: str) -> str:
    line = _TENS.sub(
        lambda m: str(
            (int(m.group(1).translate(_DIGITS)) if m.group(1) else 1) * 10
            + (int(m.group(2).translate(_DIGITS)) if m.group(2) else 0)
        ),
        line,
    )
    return line.translate(_DIGITS)


def stated_date(text: str) -> StatedDate | None:
    """The first line of the head that is a date alone, if it is a real month (and day)."""
    for line in text.splitlines()[:HEAD_LINES]:
        m = _DATE.match(_arabic(line.strip().strip("#").strip()))
        if m is None:
            continue
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
        if 2000 <= year <= 2100 and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            return StatedDate(year, month, day)
    return None
