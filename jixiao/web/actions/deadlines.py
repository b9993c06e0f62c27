"""Setting a round's due date (截止日期): the region's finance admin, audited with the date before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.audit import record
from jixiao.web.organisations.models import Region
from jixiao.web.workflow.deadlines import STAGES, Deadline, DeadlineKind, DeadlineRound


def do_set_deadline(
    *,
    acting_user: Any,
    region: Region,
    year: int,
    kind: str,
    round: str,
    due_date: dt.date,
    note: str = "",
) -> Deadline:
    """Set (or move) the due date of ``round`` for ``kind`` in ``region``'s budget ``year``."""
    policy.require(acting_user, "deadline", region)
    if kind not in DeadlineKind.values or round not in DeadlineRound.values:
        raise ActionError("请选择目标类型和审核环节。")
    if STAGES[round].verb not in policy.transitions_of(kind):
        raise ActionError(f"{DeadlineKind(kind).label}没有“{DeadlineRound(round).label}”环节。")
    if not 2000 <= year <= 2100:
        raise ActionError("请填写有效的预算年度。")
    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update()
            .filter(region=region, year=year, kind=kind, round=round)
            .first()
        )
        before = deadline.due_date.isoformat() if deadline else None
        if deadline is None:
            deadline = Deadline(region=region, year=year, kind=kind, round=round)
        deadline.due_date, deadline.note, deadline.set_by = due_date, note.strip()[:300], acting_user
        deadline.save()
        record(
            acting_user,
            "deadline",
            deadline,
            message=f"设置截止日期：{deadline}" + (f"（原为 {before}）" if before else ""),
            detail={
                "region": region.pk,
                "year": year,
                "kind": kind,
                "round": round,
                "before": before,
                "after": due_date.isoformat(),
                "note": deadline.note,
            },
        )
    return deadline
