"""The demo's deadlines: the home region's finance admin dates each round of the year being compiled, the
first already past and the others still to come, so the work page and the dashboard show due and overdue
work. Set through the same action as on the deadlines page, so they are on record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jixiao.web.actions.deadlines import do_set_deadline
from jixiao.web.organisations.models import Region
from jixiao.web.workflow.deadlines import Deadline, DeadlineKind, DeadlineRound

# days from today: 一上 passed a week ago, then the department's review, the resubmission, finance's approval
PROJECT_ROUNDS = {
    DeadlineRound.SUBMIT: -7,
    DeadlineRound.DEPARTMENT_REVIEW: 7,
    DeadlineRound.RESUBMIT: 14,
    DeadlineRound.FINANCE_REVIEW: 21,
}


def set_demo_deadlines(region: Region, year: int, admin: Any, today: dt.date) -> None:
    """The region's deadlines for ``year``, once: every project round, and finance's review of department
    targets."""
    if Deadline.objects.filter(region=region, year=year).exists():
        return
    dates = [(DeadlineKind.PROJECT, r, days) for r, days in PROJECT_ROUNDS.items()]
    dates.append((DeadlineKind.DEPARTMENT_TARGET, DeadlineRound.FINANCE_REVIEW, 21))
    for kind, round_, days in dates:
        do_set_deadline(
            acting_user=admin,
            region=region,
            year=year,
            kind=kind,
            round=round_,
            due_date=today + dt.timedelta(days=days),
            note="演示数据：按今天推算的日期",
        )
