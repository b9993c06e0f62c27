"""``/api/projects``: projects (项目支出绩效目标) and their indicators — list, read, create, save, and the
review endpoints every reviewed kind has (:mod:`jixiao.web.api.review`)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.web import policy
from jixiao.web.actions.projects import do_create_project, do_save_project
from jixiao.web.api import review
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.lists import BoundedPage, PlaceFilter, in_place
from jixiao.web.api.schemas import (
    IndicatorOut,
    Problem,
    ProjectCreate,
    ProjectIn,
    ProjectOut,
    ProjectSummary,
    ProjectUpdate,
)
from jixiao.web.organisations.models import Unit
from jixiao.web.targets.draft import FUND_FIELDS, TEXT_FIELDS, IndicatorDraft, ProjectDraft
from jixiao.web.targets.models import Project, prefetch_indicators
from jixiao.web.targets.search import keyword

router = Router(tags=["项目"])
PROJECTS = Project.objects.select_related("department", "unit")
WITH_INDICATORS = PROJECTS.prefetch_related("indicators")


def _draft(body: ProjectIn) -> ProjectDraft:
    return ProjectDraft(
        **{name: getattr(body, name) for name in (*TEXT_FIELDS, *FUND_FIELDS, "is_new")},
        spending_plan={s.period: s.amount for s in body.spending_plan},
        indicators=[IndicatorDraft(**i.dict()) for i in body.indicators],
    )


def _project(request: HttpRequest, pk: int, user: Any = None) -> Project:
    user = user if user is not None else reader(request)
    project = policy.get_visible(user, PROJECTS, pk)
    prefetch_indicators([project])
    return project


class ProjectFilter(PlaceFilter):
    state: str | None = None
    fund_type: str | None = None
    q: str | None = None  # keyword in project and indicator names


@router.get("", response=list[ProjectSummary], summary="项目列表（按权限可见）")
@paginate(LimitOffsetPagination)
def list_projects(request: HttpRequest, filters: Query[ProjectFilter]) -> Any:
    qs = in_place(PROJECTS.filter(archived=False).visible_to(reader(request)), filters)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.fund_type:
        qs = qs.filter(fund_type=filters.fund_type)
    if filters.q:
        qs = keyword(qs, filters.q)
    return BoundedPage(qs.order_by("-year", "-id"))


@router.get("/{project_id}", response=ProjectOut, summary="项目详情与指标")
def get_project(request: HttpRequest, project_id: int) -> Project:
    return _project(request, project_id)


@router.get("/{project_id}/indicators", response=list[IndicatorOut], summary="项目指标")
def list_indicators(request: HttpRequest, project_id: int) -> list[Any]:
    return _project(request, project_id).live_indicators()


@router.post(
    "",
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
    return Status(201, _project(request, project.pk, user))


@router.put(
    "/{project_id}",
    response={200: ProjectOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    tags=["编制"],
    summary="保存项目草稿（带版本号，防止覆盖他人修改）",
)
def update_project(request: HttpRequest, project_id: int, body: ProjectUpdate) -> Project:
    user = writer(request)
    project = _project(request, project_id, user)
    do_save_project(acting_user=user, project=project, draft=_draft(body), expected_version=body.version)
    return _project(request, project_id, user)


MOVES = "报送（submit）、主管部门通过或退回（dept_pass、dept_return）、财政退回或批复（return、approve）、公开（publish）、调整（adjust）"
review.add_review_routes(router, WITH_INDICATORS, "project_id", ProjectOut, "项目", MOVES)
