"""``/api/department-targets``: department targets (部门整体绩效目标) with their strategic and annual rows —
list, read, create, save, and the review endpoints every reviewed kind has (:mod:`jixiao.web.api.review`)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.web import policy
from jixiao.web.actions.departments import do_create_department_target, do_save_department_target
from jixiao.web.api import review
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.lists import BoundedPage, PlaceFilter, in_place
from jixiao.web.api.schemas import (
    DepartmentTargetCreate,
    DepartmentTargetIn,
    DepartmentTargetOut,
    DepartmentTargetSummary,
    DepartmentTargetUpdate,
    Problem,
)
from jixiao.web.organisations.models import Department
from jixiao.web.targets.department_draft import DepartmentDraft, DepartmentRowDraft
from jixiao.web.targets.models import DepartmentTarget

router = Router(tags=["部门整体目标"])
TARGETS = DepartmentTarget.objects.select_related("department")


def _draft(body: DepartmentTargetIn) -> DepartmentDraft:
    return DepartmentDraft(
        strategic_goal=body.strategic_goal,
        rows=[
            DepartmentRowDraft(**{**r.dict(exclude={"reference"}), "reference": r.reference.dict()})
            for r in body.rows
        ],
    )


def _target(request: HttpRequest, pk: int, user: Any = None) -> DepartmentTarget:
    user = user if user is not None else reader(request)
    return policy.get_visible(user, TARGETS, pk)  # type: ignore[no-any-return]


@router.get("", response=list[DepartmentTargetSummary], summary="部门整体绩效目标列表（按权限可见）")
@paginate(LimitOffsetPagination)
def list_department_targets(request: HttpRequest, filters: Query[PlaceFilter]) -> Any:
    qs = in_place(TARGETS.filter(archived=False).visible_to(reader(request)), filters)
    return BoundedPage(qs.order_by("-year", "id"))


@router.get(
    "/{target_id}",
    response=DepartmentTargetOut,
    summary="部门整体绩效目标详情（战略目标、战略指标、年度指标）",
)
def get_department_target(request: HttpRequest, target_id: int) -> DepartmentTarget:
    return _target(request, target_id)


@router.post(
    "",
    response={201: DepartmentTargetOut, 403: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="新建部门整体绩效目标草稿（主管部门审核人员）",
)
def create_department_target(request: HttpRequest, body: DepartmentTargetCreate) -> Status:
    user = writer(request)
    department = Department.objects.filter(pk=policy.actor_of(user).department_id).first()
    if department is None:
        raise policy.refuse(user, "create", None, "只有本部门的主管部门审核人员可以编制部门整体绩效目标。")
    target = do_create_department_target(
        acting_user=user, department=department, year=body.year, draft=_draft(body)
    )
    return Status(201, _target(request, target.pk, user))


@router.put(
    "/{target_id}",
    response={200: DepartmentTargetOut, 403: Problem, 409: Problem, 422: Problem, 400: Problem},
    auth=WRITE_AUTH,
    summary="保存部门整体绩效目标草稿（带版本号，防止覆盖他人修改）",
)
def update_department_target(
    request: HttpRequest, target_id: int, body: DepartmentTargetUpdate
) -> DepartmentTarget:
    user = writer(request)
    target = _target(request, target_id, user)
    do_save_department_target(
        acting_user=user, target=target, draft=_draft(body), expected_version=body.version
    )
    return _target(request, target_id, user)


MOVES = "报送（submit）、财政退回或批复（return、approve）、公开（publish）、调整（adjust）"
review.add_review_routes(router, TARGETS, "target_id", DepartmentTargetOut, "部门整体目标", MOVES)
