"""The permission matrix, generated from :data:`jixiao.web.policy.POLICY`: every kind, verb, state and person.

The expectations below are the specification, written by hand in plain sets of people: who may do what
to unit A1's project (department A, region 临淄区) and to department A's targets, in each state. The
test takes its verbs from the policy table, so a verb added there fails here until it is specified, and
checks every case three ways: :func:`policy.can`, the query :func:`policy.restrict` (``visible_to``) and
the action itself, tried in a savepoint that is rolled back. Review input (grade, opinion, comment text)
is checked for every verb that needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.departments import (
    do_copy_department_target,
    do_create_department_target,
    do_save_department_target,
)
from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_copy_project, do_create_project, do_save_project
from jixiao.web.actions.review import do_archive, do_comment, do_transition
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.transitions import TRANSITIONS
from tests.web.conftest import sample_department_draft, sample_draft
from tests.web.documents import small_document

PEOPLE = {
    "pub": None,
    "u1": "editor_a1",
    "u2": "editor_a2",
    "ub": "editor_b1",
    "da": "reviewer_a",
    "db": "reviewer_b",
    "fr": "finance",
    "fa": "admin",
    "of": "other_finance",
    "su": "superuser",
}
EVERYONE = " ".join(PEOPLE)
SEEN = "da fr fa su"  # a sent department target: its department, the region's finance, the back office

PROJECT_STATES = [
    "draft",
    "submitted",
    "passed",
    "returned",
    "approved",
    "published",
    "adjusting",
    "archived",
    "withdrawn",  # archived after a return: once sent, so its reviewers still see it
]
PROJECT: dict[str, dict[str, str]] = {
    "view": {
        "draft": "u1 su",
        "submitted": "u1 da su",
        "passed": "u1 da fr fa su",
        "returned": "u1 da fr fa su",
        "approved": "u1 da fr fa su",
        "published": EVERYONE,
        "adjusting": "u1 da fr fa su",
        "archived": "u1 su",
        "withdrawn": "u1 da fr fa su",
    },
    "edit": {"draft": "u1", "returned": "u1", "adjusting": "u1"},
    "archive": {"draft": "u1", "returned": "u1", "adjusting": "u1"},
    "copy": dict.fromkeys(PROJECT_STATES, "u1"),
    "comment": {
        "submitted": "u1 da",
        **dict.fromkeys(["passed", "returned", "approved", "published", "adjusting"], "u1 da fr fa"),
    },
    "submit": {"draft": "u1", "returned": "u1", "adjusting": "u1"},
    "dept_pass": {"submitted": "da"},
    "dept_return": {"submitted": "da"},
    "return": {"passed": "fr fa"},
    "approve": {"passed": "fr fa"},
    "publish": {"approved": "fa"},
    "adjust": {"approved": "u1", "published": "u1"},
}

TARGET_STATES = [
    "draft",
    "submitted",
    "returned",
    "approved",
    "published",
    "adjusting",
    "archived",
    "withdrawn",
]
TARGET: dict[str, dict[str, str]] = {
    "view": {
        "draft": "da su",
        **dict.fromkeys(["submitted", "returned", "approved", "adjusting"], SEEN),
        "published": EVERYONE,
        "archived": "da su",
        "withdrawn": SEEN,
    },
    "edit": {"draft": "da", "returned": "da", "adjusting": "da"},
    "archive": {"draft": "da", "returned": "da", "adjusting": "da"},
    "copy": {s: "da" for s in TARGET_STATES if s not in ("archived", "withdrawn")},
    "comment": dict.fromkeys(["submitted", "returned", "approved", "published", "adjusting"], "da fr fa"),
    "submit": {"draft": "da", "returned": "da", "adjusting": "da"},
    "return": {"submitted": "fr fa"},
    "approve": {"submitted": "fr fa"},
    "publish": {"approved": "fa"},
    "adjust": {"approved": "da", "published": "da"},
}
CREATE = {"project": "u1", "department_target": "da"}  # in unit A1, in department A
REGION = {
    "import": "fa su",
    "disclose": "fa su",
    "view-disclosure": "fr fa su",
    "deadline": "fa su",
    "dashboard": "fr fa su",
}
SPEC = {"project": PROJECT, "department_target": TARGET}

# How each state is reached from a fresh draft: (who, verb, input).
PROJECT_STEPS = {
    "draft": [],
    "submitted": [("u1", "submit")],
    "passed": [("u1", "submit"), ("da", "dept_pass")],
    "returned": [("u1", "submit"), ("da", "dept_pass"), ("fr", "return")],
    "approved": [("u1", "submit"), ("da", "dept_pass"), ("fr", "approve")],
    "published": [("u1", "submit"), ("da", "dept_pass"), ("fr", "approve"), ("fa", "publish")],
    "adjusting": [
        ("u1", "submit"),
        ("da", "dept_pass"),
        ("fr", "approve"),
        ("fa", "publish"),
        ("u1", "adjust"),
    ],
    "archived": [("u1", "archive")],
    "withdrawn": [("u1", "submit"), ("da", "dept_pass"), ("fr", "return"), ("u1", "archive")],
}
TARGET_STEPS = {
    "draft": [],
    "submitted": [("da", "submit")],
    "returned": [("da", "submit"), ("fr", "return")],
    "approved": [("da", "submit"), ("fr", "approve")],
    "published": [("da", "submit"), ("fr", "approve"), ("fa", "publish")],
    "adjusting": [("da", "submit"), ("fr", "approve"), ("fa", "publish"), ("da", "adjust")],
    "archived": [("da", "archive")],
    "withdrawn": [("da", "submit"), ("fr", "return"), ("da", "archive")],
}


def review_input(verb: str) -> dict[str, str]:
    """What a careful reviewer sends with ``verb``: a passing grade to approve, a grade and opinion to return."""
    t = TRANSITIONS[verb]
    return {
        "grade": ("优" if verb == "approve" else "中") if t.needs_grade else "",
        "opinion": "请修改后重新报送" if t.needs_opinion else "",
    }


def person(world: Any, code: str) -> Any:
    return getattr(world, PEOPLE[code]) if PEOPLE[code] else None


@pytest.fixture
def people(world: Any) -> dict[str, Any]:
    from django.contrib.auth.models import User

    world.superuser = User.objects.create_superuser("root", password="x")
    return {code: person(world, code) for code in PEOPLE}


def fresh(thing: Any) -> Any:
    return type(thing).objects.get(pk=thing.pk)


# --- what each verb does, by kind ------------------------------------------------------------------


def _project_verb(verb: str, user: Any, p: Any, **given: str) -> Any:
    if verb == "view":
        return policy.get_visible(user, Project.objects.all(), p.pk)
    if verb == "edit":
        return do_save_project(acting_user=user, project=p, draft=sample_draft(), expected_version=p.version)
    if verb == "archive":
        return do_archive(acting_user=user, target=p, expected_version=p.version)
    if verb == "copy":
        return do_copy_project(acting_user=user, source=p, year=2025)
    if verb == "comment":
        return do_comment(acting_user=user, target=p, text=given.get("text", "请核实数量指标"))
    return do_transition(acting_user=user, target=p, verb=verb, **{**review_input(verb), **given})


def _target_verb(verb: str, user: Any, t: Any, **given: str) -> Any:
    if verb == "view":
        return policy.get_visible(user, DepartmentTarget.objects.all(), t.pk)
    if verb == "edit":
        return do_save_department_target(
            acting_user=user, target=t, draft=sample_department_draft(), expected_version=t.version
        )
    if verb == "archive":
        return do_archive(acting_user=user, target=t, expected_version=t.version)
    if verb == "copy":
        return do_copy_department_target(acting_user=user, source=t, year=2025)
    if verb == "comment":
        return do_comment(acting_user=user, target=t, text=given.get("text", "请补充参考值"))
    return do_transition(acting_user=user, target=t, verb=verb, **{**review_input(verb), **given})


DO: dict[str, Callable[..., Any]] = {"project": _project_verb, "department_target": _target_verb}


class _Undo(Exception):
    pass


def attempt(run: Callable[[], Any]) -> bool:
    """Whether ``run`` was allowed; whatever it changed is rolled back."""
    try:
        with transaction.atomic():
            run()
            raise _Undo
    except _Undo:
        return True
    except policy.Refused:
        return False


def reach(world: Any, kind: str, state: str) -> Any:
    if kind == "project":
        thing = do_create_project(
            acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=sample_draft()
        )
        steps = PROJECT_STEPS[state]
    else:
        thing = do_create_department_target(
            acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
        )
        steps = TARGET_STEPS[state]
    for who, verb in steps:
        DO[kind](verb, person(world, who), fresh(thing))
    return fresh(thing)


# --- the matrix ------------------------------------------------------------------------------------


def test_every_verb_of_the_table_is_specified():
    for kind, spec in SPEC.items():
        assert set(spec) | {"create"} == set(policy.POLICY[kind]), kind
    assert set(REGION) == set(policy.POLICY["region"])


CASES = [("project", s) for s in PROJECT_STATES] + [("department_target", s) for s in TARGET_STATES]


@pytest.mark.parametrize(("kind", "state"), CASES)
def test_matrix(world, people, kind, state):
    thing = reach(world, kind, state)
    model = type(thing)
    wrong = []
    for verb in policy.POLICY[kind]:
        if verb == "create":
            continue
        allowed = set(SPEC[kind][verb].get(state, "").split())
        for code, user in people.items():
            expected = code in allowed
            said = policy.can(user, verb, fresh(thing))
            listed = model.objects.restrict(user, verb).filter(pk=thing.pk).exists()
            done = attempt(lambda v=verb, u=user: DO[kind](v, u, fresh(thing)))
            if not expected == said == listed == done:
                wrong.append(
                    (verb, code, f"expected {expected}, can {said}, restrict {listed}, action {done}")
                )
    assert not wrong, wrong


def test_create_in_a_place(world, people):
    makers = {
        "project": lambda u: do_create_project(
            acting_user=u, unit=world.unit_a1, year=2025, draft=sample_draft()
        ),
        "department_target": lambda u: do_create_department_target(
            acting_user=u, department=world.dept_a, year=2025, draft=sample_department_draft()
        ),
    }
    new = {
        "project": Project.new_in(world.unit_a1),
        "department_target": DepartmentTarget.new_in(world.dept_a),
    }
    for kind, make in makers.items():
        for code, user in people.items():
            expected = code in CREATE[kind].split()
            assert policy.can(user, "create", new[kind]) is expected, (kind, code)
            assert attempt(lambda m=make, u=user: m(u)) is expected, (kind, code)


def test_the_role_decides_not_a_unit_written_on_the_profile(world):
    """A department reviewer whose profile also names unit A1 still does none of a unit editor's work."""
    from jixiao.web.organisations.models import Role
    from tests.web.conftest import make_user

    odd = make_user("reviewer_with_unit", Role.DEPARTMENT_REVIEWER, world.region, world.dept_b, world.unit_a1)
    draft, submitted, approved = (reach(world, "project", s) for s in ("draft", "submitted", "approved"))
    for verb, thing in [
        *((v, draft) for v in ("view", "edit", "archive", "copy", "submit")),
        ("create", Project.new_in(world.unit_a1)),
        ("comment", submitted),
        ("adjust", approved),
    ]:
        assert not policy.can(odd, verb, thing), verb


def test_what_the_table_does_not_name_nobody_may_do(world, people):
    draft = reach(world, "project", "draft")
    for code, user in people.items():
        assert not policy.can(user, "delete", draft), code  # a verb the table does not have
        assert not policy.can(user, "view", world.unit_a1), code  # a kind it does not have


def test_a_persons_role_and_place_are_read_once_per_request(world, django_assert_num_queries):
    from django.contrib.auth.models import User

    user = User.objects.get(pk=world.editor_a1.pk)  # as a request loads it
    with django_assert_num_queries(1):
        assert policy.actor_of(user) is policy.actor_of(user)


def test_region_verbs(world, people):
    for verb, who in REGION.items():
        for code, user in people.items():
            assert policy.can(user, verb, world.region) is (code in who.split()), (verb, code)
            assert policy.can(user, verb, world.other_region) is (code in ("of", "su")), (verb, code)
    for code, user in people.items():
        run = lambda u=user: do_import_document(  # noqa: E731
            acting_user=u, region=world.region, year=2024, document=small_document()
        )
        assert attempt(run) is (code in REGION["import"].split()), code


# --- review input: the decision needs its grade and opinion, a comment its text ------------------


def _first_allowed(kind: str, verb: str) -> tuple[str, str]:
    for state, who in SPEC[kind][verb].items():
        return state, who.split()[0]
    raise AssertionError(f"nobody may {verb} a {kind}")


# What each review move needs besides permission, by hand: a comment its text, a return its opinion, a
# finance decision its grade (and approving, a passing one: 优 or 良).
NEEDS = {
    "comment": {"text"},
    "dept_return": {"opinion"},
    "return": {"grade", "opinion"},
    "approve": {"grade"},
}
INPUT_CASES = [(kind, verb) for kind, spec in SPEC.items() for verb in spec if verb in NEEDS]


def test_the_transition_table_asks_for_what_is_needed():
    asked = {
        verb: {n for n, needed in (("grade", t.needs_grade), ("opinion", t.needs_opinion)) if needed}
        for verb, t in TRANSITIONS.items()
    }
    assert {v: n for v, n in asked.items() if n} == {v: n for v, n in NEEDS.items() if v != "comment"}


def _bad_inputs(verb: str) -> list[dict[str, str]]:
    bad: list[dict[str, str]] = []
    if "text" in NEEDS[verb]:
        bad += [{"text": ""}, {"text": "   "}]
    if "grade" in NEEDS[verb]:
        bad += [{"grade": ""}, {"grade": "甲"}]
        if verb == "approve":
            bad += [{"grade": "中"}, {"grade": "差"}]
    if "opinion" in NEEDS[verb]:
        bad += [{"opinion": ""}, {"opinion": "  "}]
    return bad


@pytest.mark.parametrize(("kind", "verb"), INPUT_CASES)
def test_review_input_is_required(world, people, kind, verb):
    state, who = _first_allowed(kind, verb)
    thing = reach(world, kind, state)
    before = (thing.state, thing.version, thing.grade)
    for bad in _bad_inputs(verb):
        with pytest.raises(ActionError):
            DO[kind](verb, people[who], fresh(thing), **bad)
        after = fresh(thing)
        assert (after.state, after.version, after.grade) == before, bad
    assert attempt(lambda: DO[kind](verb, people[who], fresh(thing)))
