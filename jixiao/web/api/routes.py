"""API endpoints: regions, departments, projects, indicators, comments, transitions, imports, tokens.

Each endpoint asks :mod:`jixiao.web.policy` what the caller may see and calls the same action as the
page does, so the API cannot do what the pages may not.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, File, Form, NinjaAPI, Query, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.domain.serialize import value_to_json
from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid, StaleEdit
from jixiao.web.actions.departments import do_create_department_target, do_save_department_target
from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_create_project, do_save_project
from jixiao.web.actions.review import do_comment, do_transition
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.schemas import (
    CommentIn,
    CommentOut,
    DepartmentOut,
    DepartmentTargetCreate,
    DepartmentTargetIn,
    DepartmentTargetOut,
    DepartmentTargetSummary,
    DepartmentTargetUpdate,
    ImportOut,
    IndicatorOut,
    Problem,
    ProjectCreate,
    ProjectIn,
    ProjectOut,
    ProjectSummary,
    ProjectUpdate,
    RegionOut,
    TokenOut,
    TransitionIn,
)
from jixiao.web.organisations.models import ApiToken, Department, Region, Unit
from jixiao.web.targets.convert import value_of
from jixiao.web.targets.department_draft import DepartmentDraft, DepartmentRowDraft
from jixiao.web.targets.draft import FUND_FIELDS, TEXT_FIELDS, IndicatorDraft, ProjectDraft
from jixiao.web.targets.models import DepartmentTarget, Project

api = NinjaAPI(
    title="jixiao 绩效 API",
    version="1",
    description="预算绩效目标: 地区、部门、项目、指标、审核流转、意见、导入。读取无需登录（仅见已公开）；"
    "写入需 Bearer 令牌或登录会话。",
    urls_namespace="api",
)

PROJECTS = Project.objects.select_related("department", "unit")


@api.exception_handler(policy.Refused)
def refused(request: HttpRequest, exc: policy.Refused) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(StaleEdit)
def stale(request: HttpRequest, exc: StaleEdit) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(Invalid)
def invalid(request: HttpRequest, exc: Invalid) -> Any:
    return api.create_response(request, {"detail": str(exc), "problems": exc.problems}, status=422)


@api.exception_handler(ActionError)
def action_error(request: HttpRequest, exc: ActionError) -> Any:
    return api.create_response(request, {"detail": str(exc)}, status=400)


def _summary(p: Project) -> dict[str, Any]:
    return {
        "id": p.pk,
        "region_id": p.region_id,
        "year": p.year,
        "department_id": p.department_id,
        "department": p.department.name,
        "unit": p.unit.name if p.unit else None,
        "code": p.code,
        "name": p.name,
        "fund_type": p.fund_type,
        "funds_total": float(p.funds_total) if p.funds_total is not None else None,
        "state": p.state,
        "state_label": p.get_state_display(),
        "awaiting": p.awaiting,
        "round": p.round,
        "grade": p.grade,
        "version": p.version,
    }


def _indicator(i: Any) -> dict[str, Any]:
    return {
        "id": i.pk,
        "position": i.position,
        "level1": i.level1,
        "level2": i.level2,
        "name": i.name,
        "description": i.description,
        "scoring": i.scoring,
        "basis": i.basis,
        "value": value_to_json(value_of(i)),
    }


def _detail(p: Project) -> dict[str, Any]:
    return {
        **_summary(p),
        **{name: getattr(p, name) for name in TEXT_FIELDS},
        **{name: float(v) if (v := getattr(p, name)) is not None else None for name in FUND_FIELDS},
        "is_new": p.is_new,
        "spending_plan": p.spending_plan,
        "indicators": [_indicator(i) for i in p.live_indicators()],
    }


def _draft(body: ProjectIn) -> ProjectDraft:
    return ProjectDraft(
        **{name: getattr(body, name) for name in (*TEXT_FIELDS, *FUND_FIELDS, "is_new")},
        spending_plan={s.period: s.amount for s in body.spending_plan},
        indicators=[IndicatorDraft(**i.dict()) for i in body.indicators],
    )


def _project(request: HttpRequest, pk: int, user: Any = None) -> Project:
    user = user if user is not None else reader(request)
    return policy.get_visible(user, PROJECTS.prefetch_related("indicators"), pk)


@api.get("/regions", response=list[RegionOut], tags=["组织"], summary="地区列表")
def list_regions(request: HttpRequest) -> QuerySet:
    return Region.objects.order_by("name")


class DepartmentFilter(Schema):
    region: int | None = None


@api.get("/departments", response=list[DepartmentOut], tags=["组织"], summary="主管部门列表")
@paginate(LimitOffsetPagination)
def list_departments(request: HttpRequest, filters: Query[DepartmentFilter]) -> QuerySet:
    qs = Department.objects.order_by("region_id", "name", "id")
    return qs.filter(region_id=filters.region) if filters.region is not None else qs


class ProjectFilter(Schema):
    region: int | None = None
    year: int | None = None
    department: int | None = None
    state: str | None = None
    fund_type: str | None = None
    q: str | None = None  # keyword in project and indicator names


@api.get("/projects", response=list[ProjectSummary], tags=["项目"], summary="项目列表（按权限可见）")
@paginate(LimitOffsetPagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> list[dict[str, Any]]:
    qs = PROJECTS.filter(archived=False).visible_to(reader(request))
    for name in ("region", "year", "department"):
        if (value := getattr(filters, name)) is not None:
            qs = qs.filter(**{f"{name}_id" if name != "year" else name: value})
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.fund_type:
        qs = qs.filter(fund_type=filters.fund_type)
    if filters.q:
        qs = qs.filter(search_text__icontains=filters.q)
    return _LazySummaries(qs.order_by("-year", "-id"))  # type: ignore[return-value]


class _LazySummaries:
    """A queryset that the paginator slices first and only then turns into dicts."""

    def __init__(self, qs: QuerySet, shape: Any = None) -> None:
        self.qs = qs
        self.shape = shape or _summary

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        if (item.stop or 0) > 2**62:  # an OFFSET beyond a bigint is the database's error, not an empty page
            return []
        return [self.shape(p) for p in self.qs[item]]


@api.get("/projects/{project_id}", response=ProjectOut, tags=["项目"], summary="项目详情与指标")
def get_project(request: HttpRequest, project_id: int) -> dict[str, Any]:
    return _detail(_project(request, project_id))


@api.get("/projects/{project_id}/indicators", response=list[IndicatorOut], tags=["项目"], summary="项目指标")
def list_indicators(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    return [_indicator(i) for i in _project(request, project_id).live_indicators()]


@api.post(
    "/projects",
    response={201: ProjectOut, 403: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["编制"],
    summary="新建项目草稿（单位填报）",
)
def create_project(request: HttpRequest, body: ProjectCreate) -> Status:
    user = writer(request)
    unit = Unit.objects.select_related("department").filter(pk=policy.actor_of(user).unit_id).first()
    if unit is None:
        raise policy.refuse(user, "create", None, "只有本单位的单位填报人员可以新建项目。")
    project = do_create_project(acting_user=user, unit=unit, year=body.year, draft=_draft(body))
    return Status(201, _detail(_project(request, project.pk, user)))


@api.put(
    "/projects/{project_id}",
    response={200: ProjectOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["编制"],
    summary="保存项目草稿（带版本号，防止覆盖他人修改）",
)
def update_project(request: HttpRequest, project_id: int, body: ProjectUpdate) -> dict[str, Any]:
    user = writer(request)
    project = _project(request, project_id, user)
    do_save_project(acting_user=user, project=project, draft=_draft(body), expected_version=body.version)
    return _detail(_project(request, project_id, user))


@api.post(
    "/projects/{project_id}/transitions",
    response={200: ProjectOut, 403: Problem, 409: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["审核"],
    summary="流转：报送、审核通过、退回、批复、公开、调整",
)
def transition(request: HttpRequest, project_id: int, body: TransitionIn) -> dict[str, Any]:
    user = writer(request)
    project = _project(request, project_id, user)
    if body.verb not in policy.transitions_of(Project.KIND):
        raise ActionError(f"未知操作：{body.verb}")
    do_transition(
        acting_user=user,
        target=project,
        verb=body.verb,
        grade=body.grade,
        opinion=body.opinion,
        expected_version=body.version,
    )
    return _detail(_project(request, project_id, user))


@api.get("/projects/{project_id}/comments", response=list[CommentOut], tags=["审核"], summary="审核意见")
def list_comments(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    user = reader(request)
    project = _project(request, project_id, user)
    if user is None:
        return []  # review opinions are internal; the public sees the published targets only
    return [
        {
            "id": c.pk,
            "indicator_id": c.item_id,
            "author": c.author.get_username(),
            "round": c.round,
            "text": c.text,
            "created_at": c.created_at,
        }
        for c in project.comments.filter(archived=False).select_related("author")
    ]


@api.post(
    "/projects/{project_id}/comments",
    response={201: CommentOut, 403: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["审核"],
    summary="对项目或单个指标提出意见",
)
def add_comment(request: HttpRequest, project_id: int, body: CommentIn) -> Status:
    user = writer(request)
    project = _project(request, project_id, user)
    indicator = None
    if body.indicator_id is not None:
        indicator = project.indicators.filter(pk=body.indicator_id).first()
        if indicator is None:
            raise ActionError("该指标不属于此项目。")
    c = do_comment(acting_user=user, target=project, text=body.text, item=indicator)
    return Status(
        201,
        {
            "id": c.pk,
            "indicator_id": c.item_id,
            "author": user.get_username(),
            "round": c.round,
            "text": c.text,
            "created_at": c.created_at,
        },
    )


# 部门整体绩效目标: read with rows; the department's reviewer creates and saves drafts (version-checked).
DEPARTMENT_TARGETS = DepartmentTarget.objects.select_related("department")


def _department_summary(t: DepartmentTarget) -> dict[str, Any]:
    return {
        "id": t.pk,
        "region_id": t.region_id,
        "year": t.year,
        "department_id": t.department_id,
        "department": t.department.name,
        "state": t.state,
        "state_label": t.get_state_display(),
        "round": t.round,
        "grade": t.grade,
        "version": t.version,
    }


def _department_row(r: Any) -> dict[str, Any]:
    fields = ("id", "table", "position", "no", "duty_no", "duty_area", "duty", "duty_goal", "name")
    more = ("explanation", "reference", "note", "activity", "budget_project", "office")
    return {
        **{f: getattr(r, "pk" if f == "id" else f) for f in (*fields, *more)},
        "value": value_to_json(value_of(r)),
    }


def _department_detail(t: DepartmentTarget) -> dict[str, Any]:
    rows = [_department_row(r) for r in t.rows.filter(archived=False).order_by("position", "id")]
    return {
        **_department_summary(t),
        "strategic_goal": t.strategic_goal,
        "strategic": [r for r in rows if r["table"] == "strategic"],
        "annual": [r for r in rows if r["table"] == "annual"],
    }


def _department_draft(body: DepartmentTargetIn) -> DepartmentDraft:
    return DepartmentDraft(
        strategic_goal=body.strategic_goal,
        rows=[
            DepartmentRowDraft(**{**r.dict(exclude={"reference"}), "reference": r.reference.dict()})
            for r in body.rows
        ],
    )


def _department_target(request: HttpRequest, pk: int, user: Any = None) -> DepartmentTarget:
    user = user if user is not None else reader(request)
    return policy.get_visible(user, DEPARTMENT_TARGETS, pk)


_ID = {"ge": 0, "le": 2**63 - 1}  # beyond a bigint the database errs instead of finding nothing


class DepartmentTargetFilter(Schema):
    region: int | None = Field(None, **_ID)
    year: int | None = Field(None, ge=0, le=9999)
    department: int | None = Field(None, **_ID)


@api.get(
    "/department-targets",
    response=list[DepartmentTargetSummary],
    tags=["部门整体目标"],
    summary="部门整体绩效目标列表（按权限可见）",
)
@paginate(LimitOffsetPagination)
def list_department_targets(
    request: HttpRequest, filters: Query[DepartmentTargetFilter]
) -> list[dict[str, Any]]:
    qs = DEPARTMENT_TARGETS.filter(archived=False).visible_to(reader(request))
    for name in ("region", "year", "department"):
        if (value := getattr(filters, name)) is not None:
            qs = qs.filter(**{f"{name}_id" if name != "year" else name: value})
    return _LazySummaries(qs.order_by("-year", "id"), _department_summary)  # type: ignore[return-value]


@api.get(
    "/department-targets/{target_id}",
    response=DepartmentTargetOut,
    tags=["部门整体目标"],
    summary="部门整体绩效目标详情（战略目标、战略指标、年度指标）",
)
def get_department_target(request: HttpRequest, target_id: int) -> dict[str, Any]:
    return _department_detail(_department_target(request, target_id))


@api.post(
    "/department-targets",
    response={201: DepartmentTargetOut, 403: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["部门整体目标"],
    summary="新建部门整体绩效目标草稿（主管部门审核人员）",
)
def create_department_target(request: HttpRequest, body: DepartmentTargetCreate) -> Status:
    user = writer(request)
    department = Department.objects.filter(pk=policy.actor_of(user).department_id).first()
    if department is None:
        raise policy.refuse(user, "create", None, "只有本部门的主管部门审核人员可以编制部门整体绩效目标。")
    target = do_create_department_target(
        acting_user=user, department=department, year=body.year, draft=_department_draft(body)
    )
    return Status(201, _department_detail(_department_target(request, target.pk, user)))


@api.put(
    "/department-targets/{target_id}",
    response={200: DepartmentTargetOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["部门整体目标"],
    summary="保存部门整体绩效目标草稿（带版本号，防止覆盖他人修改）",
)
def update_department_target(
    request: HttpRequest, target_id: int, body: DepartmentTargetUpdate
) -> dict[str, Any]:
    user = writer(request)
    target = _department_target(request, target_id, user)
    do_save_department_target(
        acting_user=user, target=target, draft=_department_draft(body), expected_version=body.version
    )
    return _department_detail(_department_target(request, target_id, user))


@api.post(
    "/department-targets/{target_id}/transitions",
    response={200: DepartmentTargetOut, 403: Problem, 409: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["部门整体目标"],
    summary="部门整体目标流转：报送（submit）、退回（return）、批复（approve）、公开（publish）、调整（adjust）",
)
def department_transition(request: HttpRequest, target_id: int, body: TransitionIn) -> dict[str, Any]:
    user = writer(request)
    target = _department_target(request, target_id, user)
    if body.verb not in policy.transitions_of(DepartmentTarget.KIND):
        raise ActionError(f"未知操作：{body.verb}")
    do_transition(
        acting_user=user,
        target=target,
        verb=body.verb,
        grade=body.grade,
        opinion=body.opinion,
        expected_version=body.version,
    )
    return _department_detail(_department_target(request, target_id, user))


@api.post(
    "/imports",
    response={201: ImportOut, 403: Problem, 400: Problem, 404: Problem},
    auth=WRITE_AUTH,
    tags=["导入"],
    summary="导入公开文档（财政管理员）",
)
def import_document(
    request: HttpRequest, region: Form[int], file: File[UploadedFile], year: Form[int | None] = None
) -> Status:
    from jixiao.web.targets.import_views import read_upload

    user = writer(request)
    found = Region.objects.filter(pk=region).first()
    if found is None:
        raise Http404("地区不存在。")
    policy.require(user, "import", found)
    document = read_upload(file.read(), file.name or "upload.txt")
    target_year = year or document.year
    if not target_year or not 2000 <= target_year <= 2100:
        raise ActionError("请提供有效的预算年度。")
    batch = do_import_document(acting_user=user, region=found, year=target_year, document=document)
    return Status(201, batch)


@api.post(
    "/tokens",
    response={201: TokenOut},
    auth=WRITE_AUTH,
    tags=["认证"],
    summary="为当前用户签发 API 令牌（仅显示一次）",
)
def issue_token(request: HttpRequest, name: Form[str] = "") -> Status:
    # NUL cannot be stored in PostgreSQL text; a token's label loses it rather than failing.
    row, token = ApiToken.issue(writer(request), name=name.replace("\x00", "")[:100])
    return Status(201, {"token": token, "name": row.name})
