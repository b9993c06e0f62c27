"""The transitions of the review cycle as data: who may move a project from which state to which.

:mod:`jixiao.web.policy` reads this table to answer "may this person do this now", and
:func:`jixiao.web.actions.workflow.do_transition` reads it to make the move, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.web.organisations.models import Role
from jixiao.web.workflow.states import EDITABLE, UNDER_REVIEW, Awaiting, State

FINANCE = frozenset({Role.FINANCE_REVIEWER, Role.FINANCE_ADMIN})


@dataclass(frozen=True, slots=True)
class Transition:
    verb: str
    label: str  # the button's text
    sources: frozenset[str]
    awaiting: str | None  # whose turn it must be; None: not under review
    roles: frozenset[str]
    needs_grade: bool = False
    needs_opinion: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in (
        Transition("submit", "报送审核", EDITABLE, None, frozenset({Role.UNIT_EDITOR})),
        Transition(
            "dept_pass",
            "主管部门审核通过",
            UNDER_REVIEW,
            Awaiting.DEPARTMENT,
            frozenset({Role.DEPARTMENT_REVIEWER}),
        ),
        Transition(
            "dept_return",
            "主管部门退回",
            UNDER_REVIEW,
            Awaiting.DEPARTMENT,
            frozenset({Role.DEPARTMENT_REVIEWER}),
            needs_opinion=True,
        ),
        Transition(
            "return",
            "财政退回修改",
            UNDER_REVIEW,
            Awaiting.FINANCE,
            FINANCE,
            needs_grade=True,
            needs_opinion=True,
        ),
        Transition(
            "approve", "财政审核通过 (批复)", UNDER_REVIEW, Awaiting.FINANCE, FINANCE, needs_grade=True
        ),
        Transition("publish", "公开", frozenset({State.APPROVED}), None, frozenset({Role.FINANCE_ADMIN})),
        Transition(
            "adjust",
            "申请调整",
            frozenset({State.APPROVED, State.PUBLISHED}),
            None,
            frozenset({Role.UNIT_EDITOR}),
        ),
    )
}

_SUBMITTED_FROM = {
    State.DRAFT: State.SUBMITTED,
    State.RETURNED: State.RESUBMITTED,
    State.ADJUSTING: State.ADJUST_SUBMITTED,
}


def next_state(verb: str, state: str) -> tuple[str, str]:
    """The (state, awaiting) a project in ``state`` moves to by ``verb``."""
    if verb == "submit":
        return _SUBMITTED_FROM[State(state)], Awaiting.DEPARTMENT
    if verb == "dept_pass":
        return state, Awaiting.FINANCE
    if verb in ("dept_return", "return"):
        return (State.ADJUSTING if state == State.ADJUST_SUBMITTED else State.RETURNED), Awaiting.NOBODY
    if verb == "approve":
        return State.APPROVED, Awaiting.NOBODY
    if verb == "publish":
        return State.PUBLISHED, Awaiting.NOBODY
    if verb == "adjust":
        return State.ADJUSTING, Awaiting.NOBODY
    raise KeyError(verb)
