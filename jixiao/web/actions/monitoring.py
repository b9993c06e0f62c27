"""Monitoring (运行监控) actions: open a round (a record per approved project and department target, filled
in from the targets), save a record (version-checked, audited, bands recomputed), close (a self-evaluation
round too) and publish a round.
Submitting, passing, returning and accepting a record are the generic review moves
(:func:`jixiao.web.actions.review.do_transition`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.actions.review import checked_save
from jixiao.web.audit import record
from jixiao.web.monitoring.convert import apply_bands, live_indicators
from jixiao.web.monitoring.draft import MONEY_FIELDS, RecordDraft, record_problems
from jixiao.web.monitoring.models import (
    MonitoringIndicator,
    MonitoringRecord,
    MonitoringRound,
    ReportingRound,
    RoundState,
)
from jixiao.web.organisations.models import Region
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import State

IN_FORCE = (State.APPROVED, State.PUBLISHED)
ROW_FIELDS = [
    "actual",
    "status",
    "causes",
    "cause_note",
    "likelihood",
    "measures",
    "progress",
    "band",
    "rule",
]
BAND_FIELDS = ["band", "budget_band", "budget_ratio", "execution_rate", "warnings"]


def fill_round(record_model: Any, row_model: Any, projects: Any, targets: Any, **round_: Any) -> list[Any]:
    """A record of ``record_model`` (with its ``row_model`` rows) per project and department target, saved
    with its rows; the records and their rows are returned."""
    made = [
        (record_model.for_project(p, **round_), row_model.rows_of(p))
        for p in projects.prefetch_related("indicators")
    ]
    made += [
        (record_model.for_department_target(t, **round_), row_model.rows_of(t))
        for t in targets.select_related("department")
    ]
    for rec, rows in made:
        rec.save()
        for row in rows:
            row.record = rec
        row_model.objects.bulk_create(rows)
    return made


def do_open_round(
    *, acting_user: Any, region: Region, year: int, month: int, due_date: dt.date, note: str = ""
) -> MonitoringRound:
    """Open a round: every approved or published project and department target of the region's year gets a
    record to fill in, its indicators and 年初预算数 taken from the targets."""
    round_ = MonitoringRound(region=region, year=year, month=month, due_date=due_date, note=note.strip())
    policy.require(acting_user, "create", round_)
    if not 1 <= month <= 11:
        raise ActionError("监控时点须为 1 至 11 月（12 月为年度绩效自评）。")
    if MonitoringRound.objects.filter(region=region, year=year, month=month).exists():
        raise ActionError(f"{region.name} {year} 年 1—{month} 月的运行监控已发起。")
    projects = Project.objects.filter(region=region, year=year, state__in=IN_FORCE, archived=False)
    targets = DepartmentTarget.objects.filter(region=region, year=year, state__in=IN_FORCE, archived=False)
    with transaction.atomic():
        round_.created_by = acting_user
        round_.save()
        made = fill_round(MonitoringRecord, MonitoringIndicator, projects, targets, monitoring_round=round_)
        record(
            acting_user,
            "create",
            round_,
            message=f"发起{round_}：{len(made)} 张监控表",
            detail={"records": len(made), "due_date": due_date.isoformat()},
        )
    return round_


def do_save_record(
    *, acting_user: Any, target: MonitoringRecord, draft: RecordDraft, expected_version: int, via: str = ""
) -> MonitoringRecord:
    """Save what the unit reports; the bands are recomputed by the core and stored with it. ``via`` says
    on record how it came when not typed in (an uploaded table); the draft's ``sources``, when it has them,
    replace the record's fund sources."""
    known = set(target.indicators.filter(archived=False).values_list("pk", flat=True))
    if target.monitoring_round.state != RoundState.OPEN:
        raise ActionError("该运行监控已结束，不能再修改。")
    with checked_save(
        acting_user=acting_user,
        target=target,
        expected_version=expected_version,
        problems=lambda: record_problems(draft, known),
        via=via,
    ) as saved:
        saved.goal_result = draft.goal_result.strip()
        for name in MONEY_FIELDS:
            setattr(saved, name, getattr(draft, name))
        if draft.sources is not None:
            saved.sources = draft.sources
        rows = {r.pk: r for r in live_indicators(saved)}
        for entry in draft.indicators:
            row = rows[entry.id]
            row.actual = entry.actual.strip()
            row.status = entry.status
            row.causes = list(dict.fromkeys(entry.causes))
            row.cause_note = entry.cause_note.strip()
            row.likelihood = entry.likelihood
            row.measures = entry.measures.strip()
        ordered = list(rows.values())
        apply_bands(saved, ordered)
        MonitoringIndicator.objects.bulk_update(ordered, ROW_FIELDS)
        saved.save(update_fields=["goal_result", "sources", *MONEY_FIELDS, *BAND_FIELDS])
    return saved


def _move_round(acting_user: Any, round_: Any, verb: str, state: str, stamp: str, words: str) -> Any:
    policy.require(acting_user, verb, round_)
    with transaction.atomic():
        if (
            not type(round_)
            .objects.filter(pk=round_.pk, state=round_.state)
            .update(state=state, **{stamp: timezone.now()})
        ):
            raise ActionError(f"{round_}的状态已被他人改变，请刷新后再试。")
        round_.refresh_from_db()
        record(acting_user, verb, round_, message=f"{words}{round_}")
    return round_


def do_close_round(*, acting_user: Any, round_: ReportingRound) -> Any:
    """End a round, monitoring's or self-evaluation's: nothing more is filled in or uploaded; the results
    stand as reported and reviewed (a 自评表 still moves through review and publishing)."""
    return _move_round(acting_user, round_, "close", RoundState.CLOSED, "closed_at", "结束")


def do_publish_round(*, acting_user: Any, round_: MonitoringRound) -> MonitoringRound:
    """Publish a closed round's summary on the portal (counts by band, budget execution)."""
    return _move_round(acting_user, round_, "publish", RoundState.PUBLISHED, "published_at", "公开")
