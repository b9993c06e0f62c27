"""Who may see and do what: the one place the pages, the API and the CLI ask.

- the public (anonymous) sees only published projects and department targets;
- a unit editor (单位填报) sees and edits its own unit's projects;
- a department reviewer (主管部门审核) sees its units' submitted projects and passes or returns them,
  and compiles and submits the department's own targets (部门整体绩效目标);
- finance (财政审核, 财政管理员) sees its region's projects once the department has passed them, returns or
  approves them (and the department targets of the region once submitted); the finance admin also
  publishes and imports.
A refusal raises :class:`Refused` and leaves an audit row, so probing another unit's drafts is on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from jixiao.web.organisations.models import Role
from jixiao.web.workflow.states import EDITABLE, Awaiting, State
from jixiao.web.workflow.transitions import FINANCE, TRANSITIONS


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
    def is_public(self) -> bool:
        return self.role is None and not self.superuser

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


def visible_projects(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The projects ``user`` may read."""
    from jixiao.web.targets.models import Project

    qs = queryset if queryset is not None else Project.objects.all()
    actor = actor_of(user)
    if actor.superuser:
        return qs
    published = Q(state=State.PUBLISHED, archived=False)
    if actor.role == Role.UNIT_EDITOR:
        return qs.filter(published | Q(unit_id=actor.unit_id))
    if actor.role == Role.DEPARTMENT_REVIEWER:
        return qs.filter(published | (Q(department_id=actor.department_id) & ~Q(state=State.DRAFT)))
    if actor.role in FINANCE:
        mine = Q(region_id=actor.region_id) & ~Q(state=State.DRAFT) & ~Q(awaiting=Awaiting.DEPARTMENT)
        return qs.filter(published | mine)
    return qs.filter(published)


def can_view(user: Any, project: Any) -> bool:
    return visible_projects(user).filter(pk=project.pk).exists()


def can(user: Any, verb: str, project: Any = None, **context: Any) -> bool:
    """Whether ``user`` may do ``verb`` (``edit``, ``comment``, a transition, ``create``, ``import``…) now."""
    actor = actor_of(user)
    if actor.user is None:
        return False
    if verb == "import":
        return (
            actor.superuser
            or actor.role == Role.FINANCE_ADMIN
            and context.get("region_id") == actor.region_id
        )
    if verb in ("disclose", "view-disclosure"):
        # 公开文档: the finance admin downloads the region's disclosure; a finance reviewer may look.
        roles = {Role.FINANCE_ADMIN} if verb == "disclose" else FINANCE
        return actor.superuser or actor.role in roles and context.get("region_id") == actor.region_id
    if verb == "create":
        unit = context.get("unit")
        return actor.role == Role.UNIT_EDITOR and unit is not None and unit.pk == actor.unit_id
    if project is None:
        return False
    own_unit = actor.role == Role.UNIT_EDITOR and project.unit_id == actor.unit_id
    if verb in ("edit", "archive"):
        return own_unit and project.state in EDITABLE and not project.archived
    if verb == "copy":
        return own_unit
    if verb == "comment":
        if project.archived or project.state == State.DRAFT:
            return False
        if actor.role == Role.DEPARTMENT_REVIEWER:
            return project.department_id == actor.department_id
        if actor.role in FINANCE:
            return project.region_id == actor.region_id and project.awaiting != Awaiting.DEPARTMENT
        return own_unit
    transition = TRANSITIONS.get(verb)
    if transition is None or project.archived:
        return False
    if project.state not in transition.sources or actor.role not in transition.roles:
        return False
    if transition.awaiting is not None and project.awaiting != transition.awaiting:
        return False
    if actor.role == Role.UNIT_EDITOR:
        return own_unit
    if actor.role == Role.DEPARTMENT_REVIEWER:
        return project.department_id == actor.department_id
    return project.region_id == actor.region_id


def allowed_transitions(user: Any, project: Any) -> list[Any]:
    return [t for t in TRANSITIONS.values() if can(user, t.verb, project)]


def refuse(user: Any, verb: str, target: Any, message: str, project: Any = None) -> Refused:
    """Record a refused attempt (committed on its own) and return the exception to raise."""
    from jixiao.web.audit import record

    record(user, verb, target, ok=False, message=message, project=project)
    return Refused(message)


def require(user: Any, verb: str, project: Any = None, **context: Any) -> None:
    """Raise :class:`Refused` (and log it) unless ``user`` may do ``verb``."""
    if can(user, verb, project, **context):
        return
    if project is not None and not can_view(user, project):
        message = "无权查看该项目。"
    elif actor_of(user).user is None:
        message = "请先登录。"
    else:
        message = "当前角色或项目状态不允许此操作。"
    raise refuse(user, verb, project, message, project=project)


def get_visible_project(user: Any, pk: int, queryset: QuerySet | None = None) -> Any:
    """The project ``pk`` if ``user`` may read it; otherwise the attempt is logged and refused."""
    from jixiao.web.targets.models import Project

    qs = queryset if queryset is not None else Project.objects.all()
    project = visible_projects(user, qs).filter(pk=pk).first()
    if project is not None:
        return project
    existing = Project.objects.filter(pk=pk).first()
    if existing is None:
        from django.http import Http404

        raise Http404("项目不存在。")
    raise refuse(user, "view", existing, "无权查看该项目。", project=existing)


# 部门整体绩效目标: the department's own reviewers (主管部门审核) compile and submit them; finance of the
# region reviews them once submitted, returns or approves, and the finance admin publishes; units see
# only what is published, like the public. The review moves follow TRANSITIONS, with the department's
# reviewer in the place of the unit editor and no department pass (the department itself submits).
DEPARTMENT_VERBS = frozenset({"submit", "return", "approve", "publish", "adjust"})
_DEPARTMENT_SUBMITTERS = frozenset({"submit", "adjust"})


def visible_department_targets(user: Any, queryset: QuerySet | None = None) -> QuerySet:
    """The department targets ``user`` may read."""
    from jixiao.web.targets.models import DepartmentTarget

    qs = queryset if queryset is not None else DepartmentTarget.objects.all()
    actor = actor_of(user)
    if actor.superuser:
        return qs
    published = Q(state=State.PUBLISHED, archived=False)
    if actor.role == Role.DEPARTMENT_REVIEWER:
        return qs.filter(published | Q(department_id=actor.department_id))
    if actor.role in FINANCE:
        return qs.filter(published | (Q(region_id=actor.region_id) & ~Q(state=State.DRAFT)))
    return qs.filter(published)


def can_department(user: Any, verb: str, target: Any = None, **context: Any) -> bool:
    """Whether ``user`` may do ``verb`` (``create``, ``edit``, ``copy``, ``comment``, a transition) now."""
    actor = actor_of(user)
    if actor.user is None:
        return False
    own = actor.role == Role.DEPARTMENT_REVIEWER
    if verb == "create":
        department = context.get("department")
        return own and department is not None and department.pk == actor.department_id
    if target is None or target.archived:
        return False
    own = own and target.department_id == actor.department_id
    finance = actor.role in FINANCE and target.region_id == actor.region_id
    if verb == "edit":
        return own and target.state in EDITABLE
    if verb == "copy":
        return own
    if verb == "comment":
        return target.state != State.DRAFT and (own or finance)
    transition = TRANSITIONS.get(verb)
    if verb not in DEPARTMENT_VERBS or transition is None or target.state not in transition.sources:
        return False
    if verb in _DEPARTMENT_SUBMITTERS:
        return own
    return finance and actor.role in transition.roles


def allowed_department_transitions(user: Any, target: Any) -> list[Any]:
    return [TRANSITIONS[v] for v in TRANSITIONS if v in DEPARTMENT_VERBS and can_department(user, v, target)]


def require_department(user: Any, verb: str, target: Any = None, **context: Any) -> None:
    """Raise :class:`Refused` (and log it) unless ``user`` may do ``verb`` to a department target."""
    if can_department(user, verb, target, **context):
        return
    if actor_of(user).user is None:
        message = "请先登录。"
    elif target is not None and not visible_department_targets(user).filter(pk=target.pk).exists():
        message = "无权查看该部门整体绩效目标。"
    elif verb == "create":
        message = "只有本部门的主管部门审核人员可以编制部门整体绩效目标。"
    else:
        message = "当前角色或目标状态不允许此操作。"
    raise refuse(user, verb, target, message)


def get_visible_department_target(user: Any, pk: int, queryset: QuerySet | None = None) -> Any:
    """The department target ``pk`` if ``user`` may read it; otherwise the attempt is logged and refused."""
    from jixiao.web.targets.models import DepartmentTarget

    qs = queryset if queryset is not None else DepartmentTarget.objects.all()
    target = visible_department_targets(user, qs).filter(pk=pk).first()
    if target is not None:
        return target
    existing = DepartmentTarget.objects.filter(pk=pk).first()
    if existing is None:
        from django.http import Http404

        raise Http404("部门整体绩效目标不存在。")
    raise refuse(user, "view", existing, "无权查看该部门整体绩效目标。")
