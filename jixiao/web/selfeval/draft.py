"""What an editor sends for a 自评表 (the form, the API), and its checks: monitoring's (amounts, the official
words) and the core's where a save must already be refused — a qualitative score outside the range its
完成情况 allows, named with the range. Every problem at once, keyed by where it is (``indicators.2.own_score``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.draft import MONEY_FIELDS, ActualDraft, RecordDraft, record_problems
from jixiao.web.selfeval.convert import apply_scores, located_errors

AMOUNTS = tuple(k for k in MONEY_FIELDS if k != "expected")  # no 全年预计执行数 at the year end
SAVE_BLOCKING = ("own_score", "own_weight")  # errors refused at saving; missing causes wait for submitting


@dataclass(slots=True)
class ScoreDraft(ActualDraft):
    """One indicator's year-end report: monitoring's fields and the unit's 分值 and qualitative 得分."""

    own_weight: float | None = None
    own_score: float | None = None


def fill(record: Any, draft: RecordDraft) -> list[Any]:
    """Write ``draft`` into ``record`` and its live rows (nothing saved); the rows, in order."""
    record.goal_result = draft.goal_result.strip()
    for name in AMOUNTS:
        setattr(record, name, getattr(draft, name))
    if draft.sources is not None:
        record.sources = draft.sources
    rows = live_indicators(record)
    by_id = {r.pk: r for r in rows}
    for entry in draft.indicators:
        row = by_id[entry.id]
        row.actual, row.status = entry.actual.strip(), entry.status
        row.causes = list(dict.fromkeys(entry.causes))
        row.cause_note, row.measures = entry.cause_note.strip(), entry.measures.strip()
        row.own_weight = getattr(entry, "own_weight", None)
        row.own_score = getattr(entry, "own_score", None)
    return rows


def preview(record: Any, draft: RecordDraft) -> tuple[Any, list[Any], Any]:
    """The record as it would be with ``draft`` (a copy; nothing saved): (record, rows, the core's score)."""
    shown = copy.copy(record)
    rows = fill(shown, draft)
    return shown, rows, apply_scores(shown, rows)


def draft_problems(record: Any, draft: RecordDraft) -> dict[str, str]:
    """Every problem a save is refused for: monitoring's checks, a negative 分值, and a qualitative score
    outside its range (the core's words, naming the range)."""
    known = set(record.indicators.filter(archived=False).values_list("pk", flat=True))
    problems = record_problems(draft, known)
    for n, entry in enumerate(draft.indicators):
        for name in SAVE_BLOCKING:
            value = getattr(entry, name, None)
            if value is not None and value < 0:
                problems[f"indicators.{n}.{name}"] = "分值和得分不能为负数。"
    if problems:
        return problems
    _, rows, result = preview(record, draft)
    position = {r.pk: n for n, r in enumerate(rows)}
    for path, message in located_errors(result).items():
        n = int(path.split(".")[1])
        drafted = next((i for i, e in enumerate(draft.indicators) if position.get(e.id) == n), n)
        if path.endswith(".own_score") and "须在" in message:
            problems[f"indicators.{drafted}.own_score"] = message
    return problems
