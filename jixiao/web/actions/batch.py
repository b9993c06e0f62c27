"""Batch review moves (批量通过, 批量退回, 批量公开): many things, one confirmation, each moved by the same
:func:`~jixiao.web.actions.review.do_transition` as a single one, in its own transaction with its own audit row.

A batch names each thing with the version the person saw when choosing it. Things the person may not see,
may not move, or that changed since they were chosen are reported back with the reason, never skipped
silently; a refusal is on record as a refusal of that one move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from jixiao.web import policy
from jixiao.web.actions.errors import ActionError
from jixiao.web.actions.review import check_review_input, do_transition
from jixiao.web.workflow.transitions import TRANSITIONS


@dataclass(frozen=True, slots=True)
class BatchAction:
    label: str
    verbs: tuple[str, ...]  # the department's move first, then finance's: whichever the person may make


BATCH_ACTIONS: dict[str, BatchAction] = {
    "pass": BatchAction("批量通过", ("dept_pass", "approve")),
    "return": BatchAction("批量退回", ("dept_return", "return")),
    "publish": BatchAction("批量公开", ("publish",)),
}
MAX_ITEMS = 500  # one confirmation should not move a whole province by accident


@dataclass(frozen=True, slots=True)
class Chosen:
    """A thing as the person chose it: its id and the version they saw."""

    pk: int
    version: int


@dataclass
class Planned:
    """A chosen thing, the move it would get (``verb``), and why not, if it cannot get it now."""

    chosen: Chosen
    target: Any = None
    verb: str = ""
    problem: str = ""
    stale: bool = False  # changed since chosen: not moved, whatever else holds
    done: bool = False

    @property
    def label(self) -> str:
        return self.target.transition_label(self.verb) if self.target is not None and self.verb else ""


@dataclass
class Batch:
    action: BatchAction
    items: list[Planned] = field(default_factory=list)

    @property
    def ready(self) -> list[Planned]:
        return [p for p in self.items if not p.problem]

    @property
    def needs_grade(self) -> bool:
        return any(TRANSITIONS[p.verb].needs_grade and p.target.GRADED for p in self.ready)

    @property
    def needs_opinion(self) -> bool:
        return any(TRANSITIONS[p.verb].needs_opinion for p in self.ready)

    @property
    def done(self) -> list[Planned]:
        return [p for p in self.items if p.done]

    @property
    def failed(self) -> list[Planned]:
        return [p for p in self.items if p.problem]


def batch_actions_for(actor: policy.Actor, kind: str) -> list[tuple[str, str]]:
    """The batch buttons a person's list of ``kind`` shows: the actions one of whose moves the policy gives
    their role (a department passes and returns its units' projects; finance also its department targets;
    the finance admin publishes)."""
    return [
        (name, action.label)
        for name, action in BATCH_ACTIONS.items()
        if any(actor.role in rule.roles for verb in action.verbs for rule in policy.rules(kind, verb))
    ]


def parse_chosen(values: list[str]) -> list[Chosen]:
    """``pk:version`` pairs as the queue's checkboxes send them; anything else is dropped, duplicates once."""
    found: dict[int, Chosen] = {}
    for value in values:
        pk, _, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            found.setdefault(int(pk), Chosen(int(pk), int(version)))
    return list(found.values())


def _verb_for(user: Any, action: BatchAction, target: Any) -> str:
    """The move of ``action`` the person may make on ``target``; otherwise the one their role would make,
    so that asking for it is refused (and recorded) as a single attempt would be."""
    kinds = policy.transitions_of(policy.kind_of(target))
    verbs = [v for v in action.verbs if v in kinds]
    for verb in verbs:
        if policy.can(user, verb, target):
            return verb
    department = policy.actor_of(user).role in policy.DEPARTMENT
    return verbs[0] if department or len(verbs) == 1 else verbs[-1]


def plan_batch(*, acting_user: Any, rows: QuerySet[Any], action: str, chosen: list[Chosen]) -> Batch:
    """What each chosen thing would get, and what stands in the way, before anything moves."""
    if action not in BATCH_ACTIONS:
        raise ActionError("未知的批量操作。")
    if not chosen:
        raise ActionError("请先勾选要处理的事项。")
    if len(chosen) > MAX_ITEMS:
        raise ActionError(f"一次最多处理 {MAX_ITEMS} 项，请分批处理。")
    batch = Batch(BATCH_ACTIONS[action])
    visible = {t.pk: t for t in policy.restrict(rows, acting_user).filter(pk__in=[c.pk for c in chosen])}
    for c in chosen:
        target = visible.get(c.pk)
        if target is None:
            batch.items.append(Planned(c, problem="无权查看或已不存在，未处理。"))
            continue
        verb = _verb_for(acting_user, batch.action, target)
        planned = Planned(c, target, verb)
        if target.version != c.version:
            planned.stale = True
            planned.problem = (
                f"选择后已被他人修改（第 {c.version} 版 → 第 {target.version} 版），未处理，请重新查看。"
            )
        elif verb not in policy.transitions_of(policy.kind_of(target)):
            planned.problem = f"{target.LABEL}没有此操作。"
        elif not policy.can(acting_user, verb, target):
            planned.problem = f"当前角色或状态（{target.stage}）不允许“{planned.label}”。"
        batch.items.append(planned)
    return batch


def do_batch(
    *,
    acting_user: Any,
    rows: QuerySet[Any],
    action: str,
    chosen: list[Chosen],
    grade: str = "",
    opinion: str = "",
) -> Batch:
    """Move every chosen thing by ``action`` with one grade and opinion; report each that did not move.

    Each move is :func:`do_transition` with the version the person saw; a thing its move is not allowed on
    is still asked for, so the refusal is on record like a single refused attempt.
    """
    batch = plan_batch(acting_user=acting_user, rows=rows, action=action, chosen=chosen)
    for planned in batch.ready:  # one missing grade or opinion stops the batch before anything moves
        check_review_input(planned.verb, grade, opinion, graded=planned.target.GRADED)
    for planned in batch.items:
        if planned.target is None or planned.stale:
            continue
        planned.problem = ""
        try:
            do_transition(
                acting_user=acting_user,
                target=planned.target,
                verb=planned.verb,
                grade=grade,
                opinion=opinion,
                expected_version=planned.chosen.version,
            )
        except (ActionError, policy.Refused) as err:
            planned.problem = str(err.args[0]) if err.args else "操作未完成。"
        else:
            planned.done = True
    return batch
