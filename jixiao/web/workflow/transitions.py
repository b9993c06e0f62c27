"""The moves of the review cycle as data: what each is called, what it needs, where it leads.

:mod:`jixiao.web.policy` says who may make each move in which state, and
:func:`jixiao.web.actions.review.do_transition` reads this table for what the move needs and does.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.web.workflow.states import Awaiting, State


@dataclass(frozen=True, slots=True)
class Transition:
    verb: str
    label: str  # the button's text
    needs_grade: bool = False  # a finance decision: 优 良 中 差
    needs_opinion: bool = False  # a return says why


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in (
        Transition("submit", "报送审核"),
        Transition("dept_pass", "主管部门审核通过"),
        Transition("dept_return", "主管部门退回", needs_opinion=True),
        Transition("return", "财政退回修改", needs_grade=True, needs_opinion=True),
        Transition("approve", "财政审核通过 (批复)", needs_grade=True),
        Transition("publish", "公开"),
        Transition("adjust", "申请调整"),
    )
}

_SUBMITTED_FROM = {
    State.DRAFT: State.SUBMITTED,
    State.RETURNED: State.RESUBMITTED,
    State.ADJUSTING: State.ADJUST_SUBMITTED,
}


def next_state(verb: str, state: str, first_turn: str = Awaiting.DEPARTMENT) -> tuple[str, str]:
    """The (state, awaiting) a thing in ``state`` moves to by ``verb``; ``first_turn`` reviews a submission."""
    if verb == "submit":
        return _SUBMITTED_FROM[State(state)], first_turn
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
