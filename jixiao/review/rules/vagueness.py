"""What makes a value impossible to judge beyond a word of direction: a 时效 target with no time, a quality
word with no standard behind it, a percentage of nothing.

财预〔2015〕88号 wants indicators 细化、量化 and, where a target cannot be a number, 可评判. “及时” under 时效
names no deadline; “良好”, “达标”, “规范” say the work will be good without saying against what; “提升90%”
on a name that is no rate has no base to take 90% of. Named grades (一级, 二级养护标准) and an acceptance
result (合格, 通过验收) are standards and stay silent.
"""

from __future__ import annotations

import re

from jixiao.domain import Indicator, Level2, TargetValue, ValueKind
from jixiao.review import lexicon

# A time limit: a number, a calendar unit, or a word that fixes the moment (实时, 当日).
_TIME = re.compile(r"\d|[年月日天周旬]|季度|小时|分钟|工作日|星期|实时|即时|当日|当天|同步|随时")
# A time limit stated in a name or an explanation: a number of days or months, a month's or year's end (日常
# and 至2025年 are none).
_STATED_TIME = re.compile(
    r"\d+\s*(?:个)?(?:月|日|天|周|小时|分钟|工作日)|[年月]底|[年月]末|当日|当天|实时|即时"
)
# Words that judge without a yardstick; 合格 (an acceptance result) and named grades are not among them.
JUDGEMENT_WORDS = (
    "良好",
    "达标",
    "规范",
    "完整",
    "优质",
    "优良",
    "优秀",
    "较好",
    "到位",
    "完善",
    "正常",
    "齐全",
)
_JUDGEMENT_MAX = 6
_GRADES = ("等级", "优", "良", "合格")
# “完成95%”, “宣传工作完成程度90%”, “提升90%”: a share of a base the name does not give. A rise of half or
# more in one year is no year-on-year change (增长7% is one, and keeps last year as its base): it is a degree
# of completion, of nothing named.
_COMPLETED = re.compile(r"^[\u4e00-\u9fff]{0,10}?完成[\u4e00-\u9fff]{0,4}?(\d+(?:\.\d+)?)\s*[%％]$")
_RISEN = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:提升|提高|增加)[\u4e00-\u9fff]{0,4}?(\d+(?:\.\d+)?)\s*[%％]$")
_NO_YEARLY_CHANGE = 50.0


def no_time_limit(ind: Indicator) -> bool:
    """A 时效 target in words that name no deadline or period (及时, 按时完成) — neither in the value nor in
    the name or 指标解释 it is judged by (“2022年年底前完成”: 按时完成). A grade under 时效 is
    NOT-TIME-IN-TIMELINESS's case."""
    v = ind.value
    if ind.level2 is not Level2.TIMELINESS or v.kind is ValueKind.NUMERIC or not v.raw.strip():
        return False
    if any(g in v.raw for g in _GRADES):
        return False
    return not _TIME.search(v.raw) and not any(
        _STATED_TIME.search(t or "") for t in (ind.name, ind.description)
    )


def no_standard(v: TargetValue) -> bool:
    """A short judgement (良好, 基本规范, 达标) with no standard named."""
    raw = lexicon.normalize_name(v.raw)
    if v.kind is not ValueKind.QUALITATIVE or not raw or len(raw) > _JUDGEMENT_MAX or re.search(r"\d", raw):
        return False
    return any(w in raw for w in JUDGEMENT_WORDS) and "合格" not in raw


def percent_of_nothing(ind: Indicator) -> bool:
    """A change or completion in percent (提升90%) on a name that is no rate: 90% of what?"""
    raw = re.sub(r"\s+", "", ind.value.raw)
    if lexicon.is_rate_name(ind.name) or lexicon.is_satisfaction_name(ind.name):
        return False
    if any(w in ind.name for w in ("任务", "计划", "目标")):
        return False  # 年度任务完成情况: the year's task is the base
    if _COMPLETED.match(raw):
        return True
    risen = _RISEN.match(raw)
    return bool(risen) and float(risen.group(1)) >= _NO_YEARLY_CHANGE


def why_unjudgeable(ind: Indicator) -> str | None:
    """Why a value cannot be judged, for VAGUE-VALUE's message; ``None`` when these checks see nothing."""
    if no_time_limit(ind):
        return "：时效指标没有写明时限"
    if no_standard(ind.value):
        return "：没有说明依据什么标准"
    if percent_of_nothing(ind):
        return "：百分比没有基数"
    return None
