"""What an editor sends for a monitoring record (the form, the API, the filled XLSX table), and its checks.

Every problem of a submission is reported at once, keyed by where it is (``executed``,
``indicators.2.likelihood``), in the words the form shows beside the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.domain.actuals import Achievement, Cause, Likelihood

MONEY_FIELDS = ("planned", "adjusted", "executed", "expected")
MONEY_LABELS = {
    "planned": "年初预算数",
    "adjusted": "调整后预算数",
    "executed": "执行数",
    "expected": "全年预计执行数",
}
MONEY_LIMIT = Decimal(10) ** 12  # 万元: what the columns hold (16 digits, 4 after the point)
ACTUAL_LENGTH = 300  # the stored column's length
CAUSES = tuple(c.value for c in Cause)
LIKELIHOODS = tuple(x.value for x in Likelihood)
STATUSES = tuple(x.value for x in Achievement)


@dataclass(slots=True)
class ActualDraft:
    """One indicator's report; ``id`` is the stored row's (the indicators themselves come from the targets)."""

    id: int
    actual: str = ""
    status: str = ""
    causes: list[str] = field(default_factory=list)
    cause_note: str = ""
    likelihood: str = ""
    measures: str = ""


@dataclass(slots=True)
class RecordDraft:
    goal_result: str = ""
    planned: Decimal | None = None
    adjusted: Decimal | None = None
    executed: Decimal | None = None
    expected: Decimal | None = None
    indicators: list[ActualDraft] = field(default_factory=list)
    # per fund source ({name, planned, adjusted, executed, expected}); None leaves the stored ones alone
    sources: list[dict[str, object]] | None = None


def record_problems(draft: RecordDraft, known_ids: set[int] | None = None) -> dict[str, str]:
    """Every problem of ``draft``: negative amounts, words outside the official lists, unknown rows."""
    problems: dict[str, str] = {}
    for name in MONEY_FIELDS:
        value = getattr(draft, name)
        if value is not None and value < 0:
            problems[name] = f"{MONEY_LABELS[name]}不能为负数。"
        elif value is not None and value >= MONEY_LIMIT:
            problems[name] = f"{MONEY_LABELS[name]}过大（单位为万元）。"
    for n, row in enumerate(draft.indicators):
        at = f"indicators.{n}"
        if known_ids is not None and row.id not in known_ids:
            problems[f"{at}.id"] = "该指标不属于此监控表。"
        if len(row.actual) > ACTUAL_LENGTH:
            problems[f"{at}.actual"] = f"完成情况过长，请写在 {ACTUAL_LENGTH} 字以内，说明可写在原因说明或备注中。"
        if row.status and row.status not in STATUSES:
            problems[f"{at}.status"] = f"完成情况须为 {' / '.join(STATUSES)}。"
        if bad := [c for c in row.causes if c not in CAUSES]:
            problems[f"{at}.causes"] = f"偏差原因“{'、'.join(bad)}”不在 {' / '.join(CAUSES)} 之中。"
        if row.likelihood and row.likelihood not in LIKELIHOODS:
            problems[f"{at}.likelihood"] = f"完成目标可能性须为 {' / '.join(LIKELIHOODS)}。"
    return problems
