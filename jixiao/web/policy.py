"""Who may see and do what: one declared table, read by one function, asked by the pages, the API and the CLI.

:data:`POLICY` says, for each kind of thing (a project, a department target, a region) and each verb, which
roles may act, on things in which states and whose turn, and within which scope (their own unit, their
department, their region, or anywhere). :func:`can` answers for one object in Python; :func:`restrict`
turns the same rules into a query, so ``visible_to(user)`` lists exactly what :func:`can` would let the
person view. In words:

- the public (anonymous) sees only published projects and department targets;
- a unit editor (单位填报) sees and edits its own unit's projects;
- a department reviewer (主管部门审核) sees its units' submitted projects and passes or returns them,
  and compiles and submits the department's own targets (部门整体绩效目标);
- finance (财政审核, 财政管理员) sees its region's projects once the department has passed them, returns or
  approves them (and the department targets of the region once submitted); the finance admin also
  publishes, imports and downloads the region's disclosure.

A refusal raises :class:`Refused` and writes an audit row, so probing another unit's drafts is on record; the
row stays only if no outer transaction rolls back over it (see :func:`refuse`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from jixiao.web.organisations.models import Role
from jixiao.web.workflow.states import EDITABLE, UNDER_REVIEW, Awaiting, State
from jixiao.web.workflow.transitions import TRANSITIONS

PUBLIC = "public"  # everyone, signed in or not
SUPERUSER = "superuser"  # 系统管理员 (the back office)
UNIT = frozenset({Role.UNIT_EDITOR})
DEPARTMENT = frozenset({Role.DEPARTMENT_REVIEWER})
FINANCE = frozenset({Role.FINANCE_REVIEWER, Role.FINANCE_ADMIN})
FINANCE_ADMIN = frozenset({Role.FINANCE_ADMIN})

ANY_STATE = frozenset(State)
SENT = ANY_STATE - {State.DRAFT}  # submitted at least once
ANY_TURN = frozenset(Awaiting)
PAST_DEPARTMENT = ANY_TURN - {Awaiting.DEPARTMENT}  # finance's business begins once the department passed it


class Scope(StrEnum):
    """Whose things a rule covers: compared between the person's profile and the thing's place."""

    ANY = "any"
    UNIT = "unit_id"
    DEPARTMENT = "department_id"
    OWN_DEPARTMENT = "owner_department_id"  # what the department reports as a whole (not its units)
    REGION = "region_id"
    OWNER = "owner_id"  # what the person made for themselves (a background job and its file)


@dataclass(frozen=True, slots=True)
class Rule:
    roles: frozenset[str]
    scope: Scope
    states: frozenset[str] = ANY_STATE
    awaiting: frozenset[str] = ANY_TURN
    archived: bool = False  # whether the rule also holds for withdrawn (archived) things


def _rule(roles: Any, scope: Scope, states: Any = ANY_STATE, **kw: Any) -> Rule:
    return Rule(frozenset(roles), scope, frozenset(states), **kw)


# The review moves (see TRANSITIONS for their effects) of a project: the unit submits, its department
# passes or returns, finance of the region returns or approves, the finance admin publishes.
_PROJECT_REVIEW = {
    "submit": (_rule(UNIT, Scope.UNIT, EDITABLE),),
    "dept_pass": (_rule(DEPARTMENT, Scope.DEPARTMENT, UNDER_REVIEW, awaiting={Awaiting.DEPARTMENT}),),
    "dept_return": (_rule(DEPARTMENT, Scope.DEPARTMENT, UNDER_REVIEW, awaiting={Awaiting.DEPARTMENT}),),
    "return": (_rule(FINANCE, Scope.REGION, UNDER_REVIEW, awaiting={Awaiting.FINANCE}),),
    "approve": (_rule(FINANCE, Scope.REGION, UNDER_REVIEW, awaiting={Awaiting.FINANCE}),),
    "publish": (_rule(FINANCE_ADMIN, Scope.REGION, {State.APPROVED}),),
    "adjust": (_rule(UNIT, Scope.UNIT, {State.APPROVED, State.PUBLISHED}),),
}
# A department's own reviewer compiles and submits its targets: finance's turn at once, no department pass.
_DEPARTMENT_REVIEW = {
    "submit": (_rule(DEPARTMENT, Scope.DEPARTMENT, EDITABLE),),
    "return": (_rule(FINANCE, Scope.REGION, UNDER_REVIEW, awaiting={Awaiting.FINANCE}),),
    "approve": (_rule(FINANCE, Scope.REGION, UNDER_REVIEW, awaiting={Awaiting.FINANCE}),),
    "publish": (_rule(FINANCE_ADMIN, Scope.REGION, {State.APPROVED}),),
    "adjust": (_rule(DEPARTMENT, Scope.DEPARTMENT, {State.APPROVED, State.PUBLISHED}),),
}

# Monitoring (运行监控): a unit fills in its projects' records, a department reviewer its department's own
# and passes or returns its units'; finance of the region returns or accepts. Nobody grades a record.
_MONITORING_FILL = (_rule(UNIT, Scope.UNIT, EDITABLE), _rule(DEPARTMENT, Scope.OWN_DEPARTMENT, EDITABLE))
_MONITORING = {
    "view": (
        _rule({SUPERUSER}, Scope.ANY, archived=True),
        _rule(UNIT, Scope.UNIT),
        _rule(DEPARTMENT, Scope.DEPARTMENT),
        _rule(FINANCE, Scope.REGION),
    ),
    "edit": _MONITORING_FILL,
    "submit": _MONITORING_FILL,
    "comment": (
        _rule(UNIT, Scope.UNIT, SENT),
        _rule(DEPARTMENT, Scope.DEPARTMENT, SENT),
        _rule(FINANCE, Scope.REGION, SENT),
    ),
    "dept_pass": _PROJECT_REVIEW["dept_pass"],
    "dept_return": _PROJECT_REVIEW["dept_return"],
    "return": _PROJECT_REVIEW["return"],
    "approve": _PROJECT_REVIEW["approve"],
}
_ROUND_STATES = {"open", "closed", "published"}
_SIGNED_IN = UNIT | DEPARTMENT | FINANCE
# Self-evaluation (绩效自评): filled and reviewed as monitoring is; finance may adjust an indicator's score
# with a reason (复核) while the 自评表 is with it; the finance admin publishes approved ones, which everyone
# then sees. The grade comes from the score, so nobody picks one.
_SELFEVAL = {
    **_MONITORING,
    "view": (*_MONITORING["view"], _rule({PUBLIC}, Scope.ANY, {State.PUBLISHED})),
    "rescore": (_rule(FINANCE, Scope.REGION, UNDER_REVIEW, awaiting={Awaiting.FINANCE}),),
    "publish": _PROJECT_REVIEW["publish"],
}
# 整改事项 (结果应用): finance of the region sets them on a 自评表; the owner (unit, or the department for its
# own) reports them done; the department and finance follow them.
_RECTIFICATION_STATES = {"open", "done"}
_RECTIFICATION = {
    "view": (
        _rule({SUPERUSER}, Scope.ANY, _RECTIFICATION_STATES),
        _rule(UNIT, Scope.UNIT, _RECTIFICATION_STATES),
        _rule(DEPARTMENT, Scope.DEPARTMENT, _RECTIFICATION_STATES),
        _rule(FINANCE, Scope.REGION, _RECTIFICATION_STATES),
    ),
    "create": (_rule(FINANCE, Scope.REGION, _RECTIFICATION_STATES),),
    "done": (_rule(UNIT, Scope.UNIT, {"open"}), _rule(DEPARTMENT, Scope.OWN_DEPARTMENT, {"open"})),
}
# A round (运行监控 or 绩效自评): the region's finance admin opens it; the region's people see it.
_ROUND = {
    "view": (
        _rule({PUBLIC}, Scope.ANY, {"published"}),
        _rule({SUPERUSER}, Scope.ANY, _ROUND_STATES),
        _rule(_SIGNED_IN, Scope.REGION, _ROUND_STATES),
    ),
    "create": (
        _rule({SUPERUSER}, Scope.ANY, _ROUND_STATES),
        _rule(FINANCE_ADMIN, Scope.REGION, _ROUND_STATES),
    ),
}
_CLOSE = (_rule(FINANCE_ADMIN, Scope.REGION, {"open"}),)  # an open round is ended by its finance admin

# The indicator library (指标库): its published part is everyone's (the researchers' portal page); the whole
# of it (approved targets too) everyone signed in; it spans regions, so any finance admin curates it (audited).
_LIBRARY_PARTS = {"published", "internal"}
_LIBRARY = {
    "view": (
        _rule({PUBLIC}, Scope.ANY, {"published"}),
        _rule(_SIGNED_IN | {SUPERUSER}, Scope.ANY, _LIBRARY_PARTS),
    ),
    "curate": (_rule(FINANCE_ADMIN | {SUPERUSER}, Scope.ANY, _LIBRARY_PARTS),),
}

# Everyone sees what is published; the back office sees everything.
_SEEN_BY_ALL = (_rule({PUBLIC}, Scope.ANY, {State.PUBLISHED}), _rule({SUPERUSER}, Scope.ANY, archived=True))

POLICY: dict[str, dict[str, tuple[Rule, ...]]] = {
    "project": {
        "view": (
            *_SEEN_BY_ALL,
            _rule(UNIT, Scope.UNIT, archived=True),
            _rule(DEPARTMENT, Scope.DEPARTMENT, SENT, archived=True),
            _rule(FINANCE, Scope.REGION, SENT, awaiting=PAST_DEPARTMENT, archived=True),
        ),
        "create": (_rule(UNIT, Scope.UNIT),),
        "edit": (_rule(UNIT, Scope.UNIT, EDITABLE),),
        "archive": (_rule(UNIT, Scope.UNIT, EDITABLE),),
        "copy": (_rule(UNIT, Scope.UNIT, archived=True),),
        "comment": (
            _rule(UNIT, Scope.UNIT, SENT),
            _rule(DEPARTMENT, Scope.DEPARTMENT, SENT),
            _rule(FINANCE, Scope.REGION, SENT, awaiting=PAST_DEPARTMENT),
        ),
        **_PROJECT_REVIEW,
    },
    "department_target": {
        "view": (
            *_SEEN_BY_ALL,
            _rule(DEPARTMENT, Scope.DEPARTMENT, archived=True),
            _rule(FINANCE, Scope.REGION, SENT, archived=True),
        ),
        "create": (_rule(DEPARTMENT, Scope.DEPARTMENT),),
        "edit": (_rule(DEPARTMENT, Scope.DEPARTMENT, EDITABLE),),
        "archive": (_rule(DEPARTMENT, Scope.DEPARTMENT, EDITABLE),),
        "copy": (_rule(DEPARTMENT, Scope.DEPARTMENT),),
        "comment": (_rule(DEPARTMENT, Scope.DEPARTMENT, SENT), _rule(FINANCE, Scope.REGION, SENT)),
        **_DEPARTMENT_REVIEW,
    },
    "monitoring": _MONITORING,
    # A monitoring round: finance admin opens, closes and publishes it; the region's people see it, and
    # once published everyone sees its summary.
    "monitoring_round": {
        **_ROUND,
        "close": _CLOSE,
        "publish": (_rule(FINANCE_ADMIN, Scope.REGION, {"closed"}),),
    },
    "selfeval": _SELFEVAL,
    # A self-evaluation round: opened and closed by the finance admin; its 自评表 are published one by one.
    "selfeval_round": {**_ROUND, "close": _CLOSE},
    "rectification": _RECTIFICATION,
    "library": _LIBRARY,
    # A background job (后台任务) and the file it made: only the person who started it.
    "job": {"view": (_rule({PUBLIC}, Scope.OWNER),)},
    # A region's own business: loading published documents, downloading its disclosure (公开文档).
    "region": {
        "import": (_rule({SUPERUSER}, Scope.ANY), _rule(FINANCE_ADMIN, Scope.REGION)),
        "disclose": (_rule({SUPERUSER}, Scope.ANY), _rule(FINANCE_ADMIN, Scope.REGION)),
        "view-disclosure": (_rule({SUPERUSER}, Scope.ANY), _rule(FINANCE, Scope.REGION)),
        # the due dates of the region's review rounds (截止日期) and its finance dashboard
        "deadline": (_rule({SUPERUSER}, Scope.ANY), _rule(FINANCE_ADMIN, Scope.REGION)),
        "dashboard": (_rule({SUPERUSER}, Scope.ANY), _rule(FINANCE, Scope.REGION)),
    },
}

# How a refusal names the thing, per kind: (the thing, what a creator must be).
_WORDS = {
    "project": ("项目", "只有本单位的单位填报人员可以新建项目。"),
    "department_target": ("部门整体绩效目标", "只有本部门的主管部门审核人员可以编制部门整体绩效目标。"),
    "monitoring": ("监控表", ""),
    "monitoring_round": ("运行监控批次", "只有本地区的财政管理员可以发起运行监控。"),
    "selfeval": ("绩效自评表", ""),
    "selfeval_round": ("绩效自评批次", "只有本地区的财政管理员可以发起绩效自评。"),
    "rectification": ("整改事项", "只有本地区的财政人员可以提出整改事项。"),
    "region": ("地区", ""),
    "library": ("指标库", ""),
    "job": ("后台任务", ""),
}


class Refused(PermissionDenied):
    """The acting person may not do this; the message is shown to them."""


@dataclass(frozen=True, slots=True)
class Actor:
    user: Any
    role: str | None = None
    region_id: int | None = None
    department_id: int | None = None
    unit_id: int | None = None
    superuser: bool = False

    @property
    def owner_department_id(self) -> int | None:
        """The department a department reviewer reports for as a whole (:data:`Scope.OWN_DEPARTMENT`)."""
        return self.department_id

    @property
    def owner_id(self) -> int | None:
        """Who a thing made for a person belongs to (:data:`Scope.OWNER`): the person."""
        return getattr(self.user, "pk", None)

    @property
    def roles(self) -> frozenset[str]:
        """The names the rules' ``roles`` are matched against: the role, plus everyone's and the admin's."""
        names = {PUBLIC}
        if self.user is not None and self.role:
            names.add(self.role)
        if self.superuser:
            names.add(SUPERUSER)
        return frozenset(names)

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ("系统管理员" if self.superuser else "公众")


def actor_of(user: Any) -> Actor:
    """The role and place of ``user``; cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Actor(user=None)
    cached = getattr(user, "_jixiao_actor", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    from jixiao.web.organisations.models import Profile

    profile = Profile.objects.filter(user=user).first()
    actor = Actor(
        user=user,
        role=profile.role if profile else None,
        region_id=profile.region_id if profile else None,
        department_id=profile.department_id if profile else None,
        unit_id=profile.unit_id if profile else None,
        superuser=bool(user.is_superuser),
    )
    user._jixiao_actor = actor
    return actor


def kind_of(thing: Any) -> str:
    """The row of :data:`POLICY` for ``thing`` (a model instance, a model class or a queryset)."""
    model = thing.model if isinstance(thing, QuerySet) else thing
    return getattr(model, "KIND", None) or model._meta.model_name


def _place(target: Any, scope: Scope) -> Any:
    if kind_of(target) == "region":
        return target.pk if scope is Scope.REGION else None
    return getattr(target, scope.value, None)


def _holds(rule: Rule, actor: Actor, target: Any) -> bool:
    if not rule.roles & actor.roles:
        return False
    if rule.scope is not Scope.ANY:
        mine = getattr(actor, rule.scope.value)
        if mine is None or _place(target, rule.scope) != mine:
            return False
    if getattr(target, "archived", False) and not rule.archived:
        return False
    if hasattr(target, "state") and target.state not in rule.states:
        return False
    return not hasattr(target, "awaiting") or target.awaiting in rule.awaiting


def _condition(rule: Rule, actor: Actor, model: Any) -> Q | None:
    """The rule as a filter on ``model``'s rows (:func:`_holds` in SQL); ``None`` where it holds for none."""
    if not rule.roles & actor.roles:
        return None
    names = {f.name for f in model._meta.get_fields()} | {f.attname for f in model._meta.concrete_fields}
    q = Q()
    if rule.scope is not Scope.ANY:
        mine = getattr(actor, rule.scope.value)
        if mine is None:
            return None
        q &= Q(**{rule.scope.value: mine})
    if not rule.archived and "archived" in names:
        q &= Q(archived=False)
    if rule.states != ANY_STATE and "state" in names:
        q &= Q(state__in=sorted(rule.states))
    if rule.awaiting != ANY_TURN and "awaiting" in names:
        q &= Q(awaiting__in=sorted(rule.awaiting))
    return q


def rules(kind: str, verb: str) -> tuple[Rule, ...]:
    return POLICY.get(kind, {}).get(verb, ())


def can(user: Any, verb: str, target: Any) -> bool:
    """Whether ``user`` may do ``verb`` to ``target`` now.

    ``target`` is a stored project or department target, a region (``import``, ``disclose``,
    ``view-disclosure``), or for ``create`` the unsaved new thing, which carries the place it would be in.
    """
    actor = actor_of(user)
    return any(_holds(rule, actor, target) for rule in rules(kind_of(target), verb))


def restrict(queryset: QuerySet, user: Any, verb: str = "view") -> QuerySet:
    """The rows of ``queryset`` that ``user`` may ``verb``: NetBox's ``RestrictedQuerySet.restrict``."""
    actor = actor_of(user)
    found = [_condition(rule, actor, queryset.model) for rule in rules(kind_of(queryset), verb)]
    conditions = [q for q in found if q is not None]
    if not conditions:
        return queryset.none()
    if any(not q for q in conditions):  # an empty condition holds for every row
        return queryset
    either = conditions[0]
    for q in conditions[1:]:
        either |= q
    return queryset.filter(either)


def allowed_transitions(user: Any, target: Any) -> list[Any]:
    """The review moves ``user`` may make on ``target`` now: the buttons of its page."""
    kind = kind_of(target)
    return [t for verb, t in TRANSITIONS.items() if verb in POLICY[kind] and can(user, verb, target)]


def transitions_of(kind: str) -> frozenset[str]:
    """The review moves a kind has."""
    return frozenset(v for v in POLICY[kind] if v in TRANSITIONS)


def refuse(user: Any, verb: str, target: Any, message: str) -> Refused:
    """Record a refused attempt and return the exception to raise.

    The audit row is written at once on the default connection. Outside a transaction it commits on its own,
    so the refusal stays on record although nothing else happened. That is the usual case: every action asks
    the policy before it opens its own ``transaction.atomic``, and pages and API requests run without an
    outer one (no ``ATOMIC_REQUESTS``). Inside a caller's outer ``transaction.atomic`` (the demo loader's,
    for one) the row is part of that transaction: when the raised :class:`Refused` leaves the block, the
    block rolls back and the refusal row is lost with it; only a caller that catches the refusal inside the
    block keeps the row.
    """
    from jixiao.web.audit import record

    saved = target is not None and getattr(target, "pk", None) is not None
    project = target if saved and kind_of(target) == "project" else None
    record(user, verb, target, ok=False, message=message, project=project)
    return Refused(message)


def require(user: Any, verb: str, target: Any) -> None:
    """Raise :class:`Refused` (and log it) unless ``user`` may do ``verb`` to ``target``."""
    if can(user, verb, target):
        return
    kind = kind_of(target)
    thing, creator = _WORDS[kind]
    if actor_of(user).user is None:
        message = "请先登录。"
    elif kind != "region" and target.pk is not None and not can(user, "view", target):
        message = f"无权查看该{thing}。"
    elif verb == "create":
        message = creator
    else:
        message = f"当前角色或{thing}状态不允许此操作。"
    raise refuse(user, verb, target, message)


def get_visible(user: Any, queryset: QuerySet, pk: int) -> Any:
    """Row ``pk`` of ``queryset`` if ``user`` may view it; otherwise the attempt is logged and refused."""
    found = restrict(queryset, user).filter(pk=pk).first()
    if found is not None:
        return found
    thing = _WORDS[kind_of(queryset)][0]
    existing = queryset.model.objects.filter(pk=pk).first()
    if existing is None:
        from django.http import Http404

        raise Http404(f"{thing}不存在。")
    raise refuse(user, "view", existing, f"无权查看该{thing}。")
