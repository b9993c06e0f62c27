"""资金匹配: a printed total (合计, 总计, 小计) that is not the sum of its rows.

A reviewer adds up a summary table's rows first: a 合计 that differs from them means a row or the total was
typed wrong, and whichever it was, the document states two budgets. Amounts are printed rounded, so each row
may be off by half a unit in its last printed place; only a difference beyond that for every row counts.
A project's own 资金总额 against 财政资金 + 其他资金 is FUNDS-SUM's.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain import Document
from jixiao.domain.values import format_number
from jixiao.review.findings import Criterion, Family, Severity
from jixiao.review.registry import Hit, RuleContext, Scope, rule
from jixiao.review.rules._common import wan


@rule(
    id="PRINTED-TOTAL-MISMATCH",
    title="表内合计与各行之和不符",
    message="{label}印为{printed}，所列{rows}行之和为{computed}（相差{difference}）",
    suggestion="逐行核对{subject}与{label}，更正抄错的金额，使{label}等于各行之和。",
    family=Family.MONEY,
    criterion=Criterion.COMPLETENESS,
    severity=Severity.ERROR,
    basis="预算公开：表中的合计、小计应等于所列各行之和；合计与各行不符，文件就给出了两个不同的预算数",
    scope=Scope.DOCUMENT,
)
def printed_total_mismatch(doc: Document, ctx: RuleContext) -> Iterator[Hit]:
    for total in doc.totals:
        if not total.parts or total.agrees:
            continue
        evidence = [
            (f"{total.label}（印）", wan(total.printed)),
            (f"{len(total.parts)}行之和", wan(total.computed)),
            ("各行金额", "、".join(format_number(p) for p in total.parts)),
            ("舍入容差", f"±{wan(total.tolerance)}（每行末位半个单位）"),
        ]
        if total.where:
            evidence.append(("位置", total.where))
        yield Hit(
            facts={
                "label": total.label,
                "printed": wan(total.printed),
                "rows": len(total.parts),
                "computed": wan(total.computed),
                "difference": wan(abs(total.difference)),
                "subject": total.subject,
            },
            evidence=tuple(evidence),
            line=total.line,
        )
