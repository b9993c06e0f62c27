"""The actions every reviewed kind shares: save with a version check, move through the review cycle
(报送, 审核, 退回, 批复, 公开, 调整), comment, withdraw.

They work on any :class:`~jixiao.web.workflow.models.Reviewable`; the kind-specific actions (a project's
fields and indicators, a department's two tables) sit on top, as Wagtail's page actions sit on its generic
ones. Each checks :mod:`jixiao.web.policy` first, then makes the change and writes its audit row in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError, Invalid, StaleEdit
from jixiao.web.audit import record
from jixiao.web.library.sources import record_target
from jixiao.web.workflow.models import Comment, Reviewable, RoundSnapshot
from jixiao.web.workflow.states import APPROVABLE_GRADES, GRADE_CONSEQUENCE, Awaiting, Grade
from jixiao.web.workflow.transitions import TRANSITIONS, next_state

R = TypeVar("R", bound=Reviewable)


def _record(acting_user: Any, verb: str, target: Reviewable, **row: Any) -> None:
    """The audit row of a change to ``target``, filed under its project where it has one."""
    record(acting_user, verb, target, project=target.audit_project, **row)


def bump_version(target: Reviewable, expected_version: int, **changes: Any) -> None:
    """Raise the version (and make ``changes``) unless someone saved since ``expected_version``.

    The check and the bump are one conditional UPDATE, so two saves cannot both pass it.
    """
    model = type(target)
    only = {"state": changes.pop("only_in_state")} if "only_in_state" in changes else {}
    if not model.objects.filter(pk=target.pk, version=expected_version, **only).update(
        version=F("version") + 1, **changes
    ):
        current = model.objects.filter(pk=target.pk).values_list("version", flat=True).first() or 0
        raise StaleEdit(expected_version, current, target.LABEL)


@contextmanager
def checked_save(
    *,
    acting_user: Any,
    target: R,
    expected_version: int,
    problems: Callable[[], dict[str, str]] = dict,
    via: str = "",
) -> Iterator[R]:
    """Save ``target``'s changes made inside the block, version-checked, with before and after on record.

    Refused unless ``acting_user`` may edit it, and refused as :class:`Invalid` with every one of the
    submission's ``problems``. The block receives the target as now stored and changes it (fields and
    rows); the audit row holds the snapshots before and after and how many fields and rows changed, and
    ``via`` how the save came (``上传执行监控表``) where it was not the edit page or the API.
    """
    policy.require(acting_user, "edit", target)
    if found := problems():
        raise Invalid(found)
    with transaction.atomic():
        bump_version(target, expected_version)
        target.refresh_from_db()
        before = target.snapshot()
        yield target
        after = target.snapshot()
        changes = target.diff(before, after)
        _record(
            acting_user,
            "edit",
            target,
            message=f"保存{target.LABEL}第 {target.version} 版" + (f"（{via}）" if via else ""),
            detail={
                "version": target.version,
                **({"via": via} if via else {}),
                "before": before,
                "after": after,
                "changed_fields": len(changes.fields),
                "changed_rows": len(changes.indicators),
            },
        )


def sync_items(
    target: Reviewable, drafts: Iterable[Any], fill: Callable[[Any, Any], None], fields: list[str]
) -> None:
    """Make ``target``'s live rows (indicators …) the editor's ``drafts``: rows kept by id are updated, new
    ones added, the ones the editor removed archived, never deleted — three bulk statements.

    ``fill(row, draft)`` writes a draft into a row; ``fields`` are the columns it writes.
    """
    related = getattr(target, target.ITEMS)
    model = related.model
    existing = {r.pk: r for r in target.live_items()}
    kept: set[int] = set()
    updated, created = [], []
    for draft in drafts:
        row = existing.get(draft.id) if draft.id is not None else None
        if row is None:
            row = model(**{related.field.name: target})
            created.append(row)
        else:
            kept.add(row.pk)
            updated.append(row)
        fill(row, draft)
    model.objects.bulk_update(updated, fields)
    model.objects.bulk_create(created)
    target.live_items().filter(pk__in=set(existing) - kept).update(archived=True)


def do_archive(*, acting_user: Any, target: R, expected_version: int) -> R:
    """Withdraw (撤回): the thing is archived, never deleted, and stays in the audit history."""
    policy.require(acting_user, "archive", target)
    with transaction.atomic():
        bump_version(target, expected_version, archived=True)
        target.refresh_from_db()
        _record(acting_user, "archive", target, message="撤回并归档")
    return target


def check_review_input(verb: str, grade: str, opinion: str, *, graded: bool = True) -> None:
    """A finance decision needs a grade (and approving a passing one) where the kind is ``graded``; a return
    needs an opinion."""
    transition = TRANSITIONS[verb]
    if transition.needs_grade and graded:
        if grade not in Grade.values:
            raise ActionError("请选择审核等级（优、良、中、差）。")
        if verb == "approve" and grade not in APPROVABLE_GRADES:
            raise ActionError(f"审核等级为“{grade}”：{GRADE_CONSEQUENCE[grade]}，不能批复，请退回。")
    if transition.needs_opinion and not opinion.strip():
        raise ActionError("退回时请填写审核意见。")


def _comment(acting_user: Any, target: Reviewable, text: str, item: Any = None) -> Comment:
    return Comment.objects.create(
        kind=target.KIND,
        object_id=target.pk,
        item_id=item.pk if item is not None else None,
        author=acting_user,
        author_role=policy.actor_of(acting_user).role or "",
        round=target.round,
        text=text,
    )


def _moved(before_stage: str, before_awaiting: str, target: Reviewable) -> str:
    """The move in words: the stage it left and reached, or, where the stage stays (a department's pass
    leaves a project 一上), whose turn it was and is."""
    if before_stage != target.stage:
        return f"{before_stage} → {target.stage}"
    return f"{target.stage}，{Awaiting(before_awaiting).label} → {Awaiting(target.awaiting).label}"


def do_transition(
    *,
    acting_user: Any,
    target: R,
    verb: str,
    grade: str = "",
    opinion: str = "",
    expected_version: int | None = None,
) -> R:
    """Move ``target`` by ``verb`` (see :data:`~jixiao.web.workflow.transitions.TRANSITIONS`).

    A submission keeps a snapshot of the round; an opinion given with the move is kept as a comment.
    """
    policy.require(acting_user, verb, target)
    transition = TRANSITIONS[verb]
    opinion = opinion.strip()
    check_review_input(verb, grade, opinion, graded=target.GRADED)
    if verb == "submit" and (problem := target.submit_problem()):
        raise ActionError(problem)
    state, awaiting = next_state(verb, target.state, target.FIRST_TURN)
    changes: dict[str, Any] = {"state": state, "awaiting": awaiting}
    if verb == "submit":
        changes["round"] = F("round") + 1
    if transition.needs_grade and target.GRADED:
        changes["grade"] = grade
    if verb == "publish":
        changes["published_at"] = timezone.now()
    with transaction.atomic():
        version = target.version if expected_version is None else expected_version
        before_state, before_stage, before_awaiting = target.state, target.stage, target.awaiting
        bump_version(target, version, only_in_state=before_state, **changes)
        target.refresh_from_db()
        if verb == "submit":
            RoundSnapshot.objects.create(
                kind=target.KIND,
                object_id=target.pk,
                round=target.round,
                state=target.state,
                snapshot=target.snapshot(),
                created_by=acting_user,
            )
        if opinion:
            _comment(acting_user, target, opinion)
        message = f"{target.transition_label(verb)}：{_moved(before_stage, before_awaiting, target)}"
        if grade and target.GRADED:
            message += f"（等级 {grade}：{GRADE_CONSEQUENCE[grade]}）"
        _record(
            acting_user,
            verb,
            target,
            message=message,
            detail={
                "from": before_state,
                "to": target.state,
                "awaiting": target.awaiting,
                "round": target.round,
                "grade": grade if target.GRADED else "",
                "opinion": opinion,
            },
        )
        if verb in ("approve", "publish"):
            record_target(target)  # the library learns it at once (projects and department targets only)
    return target


def do_comment(*, acting_user: Any, target: Reviewable, text: str, item: Any = None) -> Comment:
    """A review comment on the whole thing or on one of its live rows (an indicator)."""
    policy.require(acting_user, "comment", target)
    text = text.strip()
    if not text:
        raise ActionError("意见不能为空。")
    if item is not None and not target.live_items().filter(pk=item.pk).exists():
        raise ActionError(f"该指标不属于此{target.LABEL}。")
    with transaction.atomic():
        comment = _comment(acting_user, target, text, item)
        where = f"指标“{item.name}”" if item is not None else target.LABEL
        _record(
            acting_user,
            "comment",
            target,
            message=f"对{where}提出意见",
            detail={
                "comment": comment.pk,
                "item": item.pk if item is not None else None,
                "text": text,
                "round": target.round,
            },
        )
    return comment
