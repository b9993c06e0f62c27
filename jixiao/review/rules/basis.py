"""The grounds a project states for itself: 政策依据 (why the money is spent) and 测算依据 (how much).

A project form asks for both beside the targets. A 政策依据 that names no law, regulation, plan or policy
document — only the work to be done, or a contract — gives the reviewer nothing to check relevance against.
A 测算依据 that prints a total without how it was reached (quantity × unit price, or items that add up to
the budget) gives nothing to check the amount against. Either field left out of the form is not judged
here: a reader keeps no empty field, so only a filled one can be weighed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations

from jixiao.domain import Project
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import wan
from jixiao.review.rules.amount_unit import text_amounts, yuan_as_wan

_EXCERPT = 60

# A cited document: a title in book-title marks (a contract's title is no policy), a document number
# (深文明委【2022】11号, 财预〔2015〕88号, 深绿[2022]4号), a 关于…的通知 title, a law or regulation by its
# kind, or the department's 三定 provisions.
_TITLE = re.compile(r"《([^》]{2,80})》")
_DOC_NUMBER = re.compile(r"[〔【\[［（(﹝]\s*(?:19|20)\d{2}\s*[〕】\]］）)﹞]\s*第?\s*\d+\s*号")
_ABOUT = re.compile(r"关于[^。；;]{2,60}?的?(?:通知|意见|决定|批复|办法|规定|方案|函|纲要|规划|细则|指引)")
_LAW = re.compile(r"中华人民共和国[^。；;，,]{2,20}法|[^。；;，,、]{2,16}条例|三定")
_NOT_POLICY = ("合同", "协议", "合约", "协议书")


def cited_documents(text: str) -> list[str]:
    """The policy documents a 政策依据 names, as printed."""
    words = re.sub(r"\s+", "", text)
    found = [f"《{t}》" for t in _TITLE.findall(words) if not t.endswith(_NOT_POLICY)]
    for pattern in (_DOC_NUMBER, _ABOUT, _LAW):
        found += [m.group(0) for m in pattern.finditer(words)]
    return found


def _excerpt(text: str) -> str:
    words = re.sub(r"\s+", "", text)
    return words if len(words) <= _EXCERPT else words[:_EXCERPT] + "…"


@rule(
    id="POLICY-BASIS-UNSPECIFIC",
    title="政策依据没有引用政策文件",
    message="政策依据没有引用法律法规、规划或政策文件：“{excerpt}”",
    suggestion="写明立项所依据的法律法规、规划或政策文件的名称和文号（如《…》〔2022〕11号）；工作内容、合同不是政策依据。",
    family=Family.COMPLETENESS,
    criterion=Criterion.RELEVANCE,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号相关性：绩效目标与部门职能、国家和地方政策相符；项目申报须列明政策依据",
    scope=Scope.PROJECT,
)
def policy_basis_unspecific(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    text = (project.policy_basis or "").strip()
    if not text or cited_documents(text):
        return
    contract = any(w in text for w in _NOT_POLICY)
    yield Hit(
        facts={"excerpt": _excerpt(text)},
        evidence=(("政策依据", text), ("引用的文件", "只有合同" if contract else "（无）")),
        line=project.line,
    )


# A calculation: quantity × price, a price per unit (每月2500元, 300元/人, 单价), or a standard applied.
_TIMES = re.compile(r"\d\s*[×xX＊*]\s*\d|[×＊÷]|(?<![\d./])/\s*\d")
# A year is no unit: 347.3万元/年 and 以每年200万安排 state the yearly total, not a price.
_PER_UNIT = re.compile(
    r"每(?!年)[^，。；;,\d]{0,8}\d[\d,.]*\s*(?:万元|元|万)|\d[\d,.]*\s*(?:万元|元)\s*/\s*(?!年)[^\d\s]|单价|单位成本|标准为?\d"
)


# A contract price paid in stated instalments (半年支付一次，共15万元; 分两次付款): the total is the contract's
# and the schedule divides it, which a reviewer checks against the contract.
_INSTALMENTS = re.compile(
    r"(?:每月|每季度?|每半年|半年|每年|按月|按季度?)[^，。；;,]{0,6}?(?:支付|付款)(?:一次|1次)|分[两二三四\d]次(?:支付|付款)"
)
_TOTAL = re.compile(r"(?:共|合计|总计|总额)[^，。；;,\d]{0,4}\d")

_MAX_PARTS = 12  # subsets of at most 12 amounts: 4095 sums


def shows_calculation(text: str, budget: float | None) -> bool:
    """The text multiplies, prices per unit, or lists items whose amounts add up — to the largest amount it
    states or to the budget."""
    words = re.sub(r"\s+", "", text)
    if _TIMES.search(words) or _PER_UNIT.search(words):
        return True
    if _INSTALMENTS.search(words) and _TOTAL.search(words):
        return True
    amounts = sorted((a for a, _ in text_amounts(words) if a > 0), reverse=True)
    if len(amounts) < 2:
        return False
    targets = [amounts[0], *([budget] if budget else [])]
    return any(_adds_up(amounts, t) for t in targets)


def _adds_up(amounts: list[float], target: float) -> bool:
    """Two or more of the amounts (not the target itself) sum to the target, within 1%."""
    parts = [a for a in amounts if abs(a - target) > 0.01 * target][:_MAX_PARTS]
    return any(
        abs(sum(c) - target) <= 0.01 * target
        for n in range(2, len(parts) + 1)
        for c in combinations(parts, n)
    )


@rule(
    id="CALC-BASIS-UNSPECIFIC",
    title="测算依据没有测算过程",
    message="测算依据没有测算过程（{why}）：“{excerpt}”",
    suggestion="按支出内容分项列出数量、单价或支出标准及其来源，分项金额合计应等于项目预算。",
    family=Family.MONEY,
    criterion=Criterion.APPROPRIATENESS,
    severity=Severity.WARNING,
    basis="财预〔2015〕88号适当性：绩效目标与预算资金量相匹配；预算按支出标准和工作量测算（数量×单价）",
    scope=Scope.PROJECT,
)
def calc_basis_unspecific(project: Project, ctx: RuleContext) -> Iterator[Hit]:
    text = (project.calculation_basis or "").strip()
    if not text:
        return
    budget = project.funds.total
    if budget is not None and yuan_as_wan(project):
        budget /= 10000  # the printed 元 read as 万元: AMOUNT-IN-YUAN's finding; compare in 万元 here
    if shows_calculation(text, budget):
        return
    amounts = [a for a, _ in text_amounts(text) if a > 0]
    why = "没有金额" if not amounts else "只有金额，没有数量×单价或合计相符的分项"
    yield Hit(
        facts={"why": why, "excerpt": _excerpt(text)},
        evidence=(
            ("测算依据", text),
            ("所列金额", "、".join(wan(a) for a in amounts) or "（无）"),
            *((("项目预算", wan(budget)),) if budget else ()),
        ),
        line=project.line,
    )
