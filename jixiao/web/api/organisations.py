"""``/api/regions`` and ``/api/departments``: where targets belong."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from jixiao.web.api.schemas import DepartmentOut, RegionOut
from jixiao.web.organisations.models import Department, Region

router = Router(tags=["组织"])


@router.get("/regions", response=list[RegionOut], summary="地区列表")
def list_regions(request: HttpRequest) -> QuerySet:
    return Region.objects.order_by("name")


class DepartmentFilter(Schema):
    region: int | None = None


@router.get("/departments", response=list[DepartmentOut], summary="主管部门列表")
@paginate(LimitOffsetPagination)
def list_departments(request: HttpRequest, filters: Query[DepartmentFilter]) -> QuerySet:
    qs = Department.objects.order_by("region_id", "name", "id")
    return qs.filter(region_id=filters.region) if filters.region is not None else qs
