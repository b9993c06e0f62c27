"""Self-evaluation (绩效自评) actions: open a year's round (a 自评表 per approved project and department
target, pre-filled from the targets and the last monitoring round), save a 自评表 (version-checked, audited,
scored by the core), adjust an indicator's score in review (复核, with a reason, audited). Submitting,
passing, returning, approving and publishing are the generic review moves
(:func:`jixiao.web.actions.review.do_transition`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao.evaluate.selfeval import round2
from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.actions.monitoring import IN_FORCE, fill_round
from jixiao.web.actions.review import bump_version, checked_save
from jixiao.web.audit import record
from jixiao.web.monitoring.convert import live_indicators
from jixiao.web.monitoring.draft import RecordDraft
from jixiao.web.monitoring.models import MonitoringRecord, MonitoringRound, RoundState
from jixiao.web.organisations.models import Region
from jixiao.web.selfeval.convert import INDICATOR_FIELDS, RECORD_FIELDS, apply_scores, recount
from jixiao.web.selfeval.draft import AMOUNTS, draft_problems, fill
from jixiao.web.selfeval.models import (
    Rectification,
    RectificationState,
    SelfEvalRound,
    SelfEvaluation,
    SelfEvaluationIndicator,
)
from jixiao.web.targets.models import DepartmentTarget, Project

CARRIED = ("actual", "status", "causes", "cause_note", "measures")  # taken over from the last monitoring
PLACE = ("record", "region_id", "year", "department_id", "unit_id", "owner_department_id")
ROW_FIELDS = [*CARRIED, "own_weight", "own_score", *INDICATOR_FIELDS]


def _last_monitoring(region: Region, year: int) -> dict[tuple[str, int], MonitoringRecord]:
    """The records of the region's last monitoring round of ``year``, by what they report on."""
    last = MonitoringRound.objects.filter(region=region, year=year).order_by("-month").first()
    if last is None:
        return {}
    found = last.records.filter(archived=False)
    return {
        ("p", r.project_id) if r.project_id else ("d", r.department_target_id): r
        for r in found
        if r.project_id or r.department_target_id
    }


def _carry(rec: SelfEvaluation, rows: list[Any], earlier: MonitoringRecord | None) -> None:
    """Take over the last monitoring's report: budgets, 总体目标完成情况, each indicator's actual and causes.
    Its 执行数 is as of its cut-off month, not the year's, so the unit fills 全年执行数 itself."""
    if earlier is not None:
        rec.planned = earlier.planned if earlier.planned is not None else rec.planned
        rec.adjusted, rec.sources, rec.goal_result = earlier.adjusted, earlier.sources, earlier.goal_result
        reported = {r.name: r for r in live_indicators(earlier)}
        for row in rows:
            if (was := reported.get(row.name)) is not None:
                for name in CARRIED:
                    setattr(row, name, getattr(was, name))
    apply_scores(rec, rows)
    if earlier is None:  # nothing reported yet: the weights are shown, no total or grade until a save
        rec.total = rec.unit_total = None
        rec.result, rec.consequence, rec.warnings = "", "", []


def do_open_selfeval(
    *, acting_user: Any, region: Region, year: int, due_date: dt.date, note: str = ""
) -> SelfEvalRound:
    """Open a year's self-evaluation: every approved or published project and department target of the
    region gets a 自评表, its indicators and budget from the targets, its actuals from the last monitoring."""
    round_ = SelfEvalRound(region=region, year=year, due_date=due_date, note=note.strip())
    policy.require(acting_user, "create", round_)
    if SelfEvalRound.objects.filter(region=region, year=year).exists():
        raise ActionError(f"{region.name} {year} 年度的绩效自评已发起。")
    projects = Project.objects.filter(region=region, year=year, state__in=IN_FORCE, archived=False)
    targets = DepartmentTarget.objects.filter(region=region, year=year, state__in=IN_FORCE, archived=False)
    with transaction.atomic():
        round_.created_by = acting_user
        round_.save()
        made = fill_round(SelfEvaluation, SelfEvaluationIndicator, projects, targets, selfeval_round=round_)
        earlier = _last_monitoring(region, year)
        for rec, _ in made:
            rows = live_indicators(rec)
            key = ("p", rec.project_id) if rec.project_id else ("d", rec.department_target_id)
            _carry(rec, rows, earlier.get(key))
            SelfEvaluationIndicator.objects.bulk_update(rows, ROW_FIELDS)
            rec.save(update_fields=["planned", "adjusted", "sources", "goal_result", *RECORD_FIELDS])
        record(
            acting_user,
            "create",
            round_,
            message=f"发起{round_}：{len(made)} 张绩效自评表",
            detail={"records": len(made), "due_date": due_date.isoformat(), "carried": len(earlier)},
        )
    return round_


def do_save_selfeval(
    *, acting_user: Any, target: SelfEvaluation, draft: RecordDraft, expected_version: int, via: str = ""
) -> SelfEvaluation:
    """Save what the unit reports; scores, total, grade and warnings are recomputed by the core. A
    qualitative score outside its range is refused with the range; a missing cause waits for submitting.
    ``via`` says on record how it came when not typed in (an uploaded 绩效自评表); the draft's ``sources``,
    when it has them, replace the 自评表's fund sources."""
    if target.selfeval_round.state != RoundState.OPEN:
        raise ActionError("该绩效自评已结束，不能再修改。")
    with checked_save(
        acting_user=acting_user,
        target=target,
        expected_version=expected_version,
        problems=lambda: draft_problems(target, draft),
        via=via,
    ) as saved:
        rows = fill(saved, draft)
        apply_scores(saved, rows)
        SelfEvaluationIndicator.objects.bulk_update(rows, ROW_FIELDS)
        saved.save(update_fields=["goal_result", "sources", *AMOUNTS, *RECORD_FIELDS])
    return saved


def do_rescore(
    *,
    acting_user: Any,
    target: SelfEvaluation,
    item: SelfEvaluationIndicator,
    score: float | None,
    reason: str,
    expected_version: int | None = None,
) -> SelfEvaluation:
    """Finance's 复核: ``item``'s score becomes ``score`` (``None`` takes the adjustment back), with the
    reason on record; the total and grade count it."""
    policy.require(acting_user, "rescore", target)
    reason = reason.strip()
    row = target.live_items().filter(pk=item.pk).first()
    if row is None:
        raise ActionError("该指标不属于此绩效自评表。")
    if not reason:
        raise ActionError("调整得分须填写理由。")
    weight = row.weight or 0.0
    if score is not None and not 0 <= score <= weight:
        raise ActionError(f"“{row.name}”的复核得分须在 0 至 {weight:.2f} 分之间。")
    with transaction.atomic():
        bump_version(target, target.version if expected_version is None else expected_version)
        target.refresh_from_db()
        before, before_total, warned = row.final_score, target.total, (target.red, target.yellow)
        row.adjusted_score = None if score is None else round2(score)
        row.adjust_reason = reason if score is not None else ""
        row.adjusted_by, row.adjusted_at = acting_user, timezone.now()
        row.save(update_fields=["adjusted_score", "adjust_reason", "adjusted_by", "adjusted_at"])
        recount(target, live_indicators(target))
        target.save(update_fields=["total", "result", "consequence", "warnings", "red", "yellow"])
        after = row.final_score
        change = _warning_change(warned, (target.red, target.yellow))
        record(
            acting_user,
            "rescore",
            target,
            message=f"复核指标“{row.name}”得分 {before} → {after}（{reason}）；总分 {before_total} → {target.total}"
            + change,
            detail={
                "item": row.pk,
                "before": before,
                "after": after,
                "reason": reason,
                "total": [before_total, target.total],
                "grade": target.result,
                "red": [warned[0], target.red],
                "yellow": [warned[1], target.yellow],
            },
        )
    return target


def _warning_change(before: tuple[bool, bool], after: tuple[bool, bool]) -> str:
    """How a 复核 changed the 预警, in words for the history (nothing when it did not)."""
    words = []
    for name, was, now in zip(("红色预警", "黄色预警"), before, after, strict=True):
        if was != now:
            words.append(f"{'出现' if now else '解除'}{name}")
    return f"；{'、'.join(words)}" if words else ""


LOW_SHARE = 0.6  # an indicator scoring below this share of its weight gets a 整改事项 (未达成's band)


def rectification_findings(target: SelfEvaluation) -> list[tuple[str, SelfEvaluationIndicator | None]]:
    """What a 自评表 suggests putting right: each indicator scoring below 60 % of its weight, and each red or
    yellow warning — (text, indicator)."""
    found: list[tuple[str, SelfEvaluationIndicator | None]] = []
    for row in live_indicators(target):
        if row.weight and (row.final_score or 0) < LOW_SHARE * row.weight:
            why = f"（{row.cause_note}）" if row.cause_note else ""
            text = f"“{row.name}”得分 {row.final_score or 0:.2f}（分值 {row.weight:.2f}）{why}：落实改进措施"
            found.append((text + (f"：{row.measures}" if row.measures else ""), row))
    found += [(f"{w['message']}：说明原因并整改", None) for w in target.warnings if w.get("band")]
    return found


def do_add_rectifications(
    *,
    acting_user: Any,
    target: SelfEvaluation,
    due_date: dt.date,
    items: list[tuple[str, SelfEvaluationIndicator | None]],
) -> list[Rectification]:
    """整改事项 on a 自评表 (finance): each ``(text, indicator)`` owned by the 自评表's unit (or department),
    due on ``due_date``; a text already set on it is not repeated."""
    place = Rectification(
        record=target,
        region_id=target.region_id,
        year=target.year,
        department_id=target.department_id,
        unit_id=target.unit_id,
        owner_department_id=target.owner_department_id,
        state=RectificationState.OPEN,
    )
    policy.require(acting_user, "create", place)
    existing = set(target.rectifications.values_list("text", flat=True))
    fresh = [(t.strip(), i) for t, i in items if t.strip() and t.strip() not in existing]
    if not fresh:
        raise ActionError("没有新的整改事项。")
    with transaction.atomic():
        made = [
            Rectification.objects.create(
                **{f: getattr(place, f) for f in PLACE},
                text=text,
                indicator=row,
                due_date=due_date,
                created_by=acting_user,
            )
            for text, row in fresh
        ]
        record(
            acting_user,
            "rectify",
            target,
            message=f"提出整改事项 {len(made)} 项（期限 {due_date.isoformat()}）",
            detail={"items": [m.pk for m in made], "texts": [m.text for m in made]},
        )
    return made


def do_finish_rectification(*, acting_user: Any, item: Rectification, note: str) -> Rectification:
    """The owner reports a 整改事项 done, saying how."""
    policy.require(acting_user, "done", item)
    if not note.strip():
        raise ActionError("请填写整改情况。")
    with transaction.atomic():
        if not Rectification.objects.filter(pk=item.pk, state=RectificationState.OPEN).update(
            state=RectificationState.DONE, done_note=note.strip(), done_at=timezone.now()
        ):
            raise ActionError("该整改事项已被他人处理，请刷新后再试。")
        item.refresh_from_db()
        record(
            acting_user, "done", item, message=f"整改完成：{item.text[:60]}", detail={"note": item.done_note}
        )
    return item
