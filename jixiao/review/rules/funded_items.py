"""前后一致 of money and targets: each item the 测算依据 funds should show up among the indicators.

The 测算依据 lists what the money buys (一是摄影摄像服务…19.38万；二是舆情顾问服务…5万; 用于抑尘车管养165.75万元、
共建花园40万元及国旗、灯笼81万元). 财预〔2015〕88号 asks that targets match the funds: an item paid for that no
indicator, value or 指标解释 mentions has no target, and the reviewer cannot tell what it will deliver. Only a
list the text itself itemises is read (一是/二是…, or amounts after 用于), never a running calculation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain import Project
from jixiao.review import lexicon
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules.amount_unit import TEXT_AMOUNT

_MARK = re.compile(r"[一二三四五六七八九十]是")
_USED_FOR = re.compile(r"用于(.+)")
# Words any item of spending carries; what is left names the item.
_GENERIC = re.compile(
    r"申报|预算|包括|支出|事项|项目|经费|费用|服务|工作|用于|以每年|安排|标准|参考|市场|测算|按照|根据|第三方|"
    r"报价|预计|委托|协助|开展|街道|社区|每年|年度|合计|共计|总计|全年|[^\u4e00-\u9fff]"
)


def funded_items(text: str | None) -> list[str]:
    """The items an itemised 测算依据 pays for, each as the words before its amount."""
    words = re.sub(r"\s+", "", text or "")
    parts = _MARK.split(words)
    if len(parts) > 2:
        return [p for p in parts[1:] if TEXT_AMOUNT.search(p)]
    used = _USED_FOR.search(words)
    if not used:
        return []
    items = [s.lstrip("、及和，,") for s in TEXT_AMOUNT.split(used.group(1))[::3]]
    items = [s for s in items if _GENERIC.sub("", s)]
    return items if len(items) > 1 else []


def unmatched(project: Project) -> list[str]:
    """The funded items no indicator's name, value or explanation shares a word pair with."""
    said = lexicon.bigrams("".join(f"{i.name}{i.value.raw}{i.description or ''}" for i in project.indicators))
    out = []
    for item in funded_items(project.calculation_basis):
        core = _GENERIC.sub("", TEXT_AMOUNT.split(item)[0])
        if len(core) >= 2 and not {core[k : k + 2] for k in range(len(core) - 1)} & said:
            out.append(re.split(r"[，,。；;：:]", item)[0])
    return out


@rule(
    id="FUNDED-ITEM-WITHOUT-INDICATOR",
    title="测算依据中的支出事项没有对应指标",
    message="测算依据列支的“{items}”没有任何绩效指标反映",
    suggestion="为每项主要支出设置产出指标（数量、质量、时效），或说明该支出由哪项指标反映。",
    family=Family.CONSISTENCY,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号：绩效目标与预算资金相匹配，指标反映资金的主要用途",
    scope=Scope.PROJECT,
)
def funded_item_without_indicator(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    if project.indicators and (items := unmatched(project)):
        yield Hit(
            facts={"items": "、".join(items)},
            evidence=(("测算依据", project.calculation_basis or ""), ("没有指标的支出", "；".join(items))),
            line=project.line,
        )
