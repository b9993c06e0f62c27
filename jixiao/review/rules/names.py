"""要素完整 of an indicator's name: a name says what is measured, briefly.

A 三级指标 name is the measure (城中村前期论证数量); its target is in the value column. A name that is a
sentence of work (对2021年及2022年文书、会计…进行整理及归档), or carries its own target (完成12个…), buries the
measure; a name that is only a judgement (良好, 及时) or a bare noun (项目) names none. 财预〔2021〕101号 asks
for indicators 清晰、简明; a district's criteria (绩效指标表述过于冗长) make the same demand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import indicator_hit

_BASIS = "财预〔2015〕88号：绩效指标清晰、细化；财预〔2021〕101号：指标名称简洁明确，反映所衡量的内容"

# A target inside the name: a verb of doing with a counted number (完成12个…, 开展4场…).
_TARGET_IN_NAME = re.compile(
    r"(?:完成|开展|举办|实现|达到|建成|新建|培训|发放|不少于|不低于)\d+(?:\.\d+)?"
    r"(?:个|次|场|人|户|家|项|件|所|座|台|套|篇|期|批|条|处|份|万)"
)
# Names that are a value or a judgement, or a noun too general to say what is counted (a category's own word,
# 成本 under 成本指标, says enough).
UNCLEAR_NAMES = frozenset(
    (
        "良好",
        "优秀",
        "及时",
        "按时",
        "合格",
        "达标",
        "明显",
        "显著",
        "完成",
        "规范",
        "提升",
        "提高",
        "项目",
        "工作",
        "任务",
        "内容",
        "其他",
        "指标",
        "服务",
        "效果",
    )
)


def _ends_in_a_measure(name: str) -> bool:
    """A long name that still ends in what it measures (…应补尽补率, …创新中心个数) is wordy, not a sentence."""
    core = lexicon.normalize_name(name)
    return lexicon.is_rate_name(name) or lexicon.is_count_name(name) or core.endswith(("数", "量", "额"))


@rule(
    id="INDICATOR-NAME-TOO-LONG",
    title="三级指标名称冗长或含指标值",
    message="三级指标名称“{name}”{why}",
    suggestion="名称只写衡量的内容（如“城中村前期论证数量”），目标值写入指标值栏，工作内容写入指标解释。",
    family=Family.COMPLETENESS,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.HINT,
    basis=_BASIS,
    scope=Scope.PROJECT,
    params={"max_length": 24},
)
def indicator_name_too_long(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    limit = ctx.number("max_length")
    for ind in project.indicators:
        core = lexicon.normalize_name(ind.name)
        if len(core) > limit and not _ends_in_a_measure(ind.name):
            yield indicator_hit(ind, why=f"有{len(core)}个字，是一句工作内容而不是指标")
        elif _TARGET_IN_NAME.search(core):
            yield indicator_hit(ind, why="含有目标值，名称应只写衡量的内容")


@rule(
    id="INDICATOR-NAME-UNCLEAR",
    title="三级指标名称看不出衡量什么",
    message="三级指标名称“{name}”看不出衡量的是什么",
    suggestion="写明衡量的对象和口径（如“青少年活动场次”“宣传稿件合格率”）。",
    family=Family.COMPLETENESS,
    criterion=Criterion.FEASIBILITY,
    severity=Severity.WARNING,
    basis=_BASIS,
    scope=Scope.PROJECT,
)
def indicator_name_unclear(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    for ind in project.indicators:
        if lexicon.normalize_name(ind.name) in UNCLEAR_NAMES:
            yield indicator_hit(ind)
