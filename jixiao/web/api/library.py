"""``/api/library``: the indicator library (指标库) — search clusters, one cluster with its targets, suggestions
for a project (the ``jixiao recommend --format json`` shape) or a department's duty, and finance's curation.
Same policy as the pages: the public reads the published part, people signed in the whole library, finance
admins curate (audited, through the same action as the cluster page)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from jixiao.library import Cluster
from jixiao.web import policy
from jixiao.web.actions.library import cluster_brief, do_curate
from jixiao.web.api.auth import WRITE_AUTH, reader, writer
from jixiao.web.api.schemas import Problem
from jixiao.web.library import store
from jixiao.web.library.models import WHOLE, CurationFact
from jixiao.web.library.suggest import for_duty, for_project
from jixiao.web.library.values import targets_of

router = Router(tags=["指标库"])


class DistributionOut(Schema):
    unit: str
    count: int
    median: float
    q1: float
    q3: float
    minimum: float
    maximum: float


class ClusterOut(Schema):
    key: str
    name: str
    names: list[tuple[str, int]]  # printed names with how many rows use each
    level1: str | None
    level2: str | None
    categories: list[tuple[str, str, int]]  # (一级, 二级, rows): how it was filed
    direction: str
    units: list[tuple[str, int]]
    distribution: DistributionOut | None
    forms: list[tuple[str, int]]
    typical_value: str
    support: str
    rows: int
    projects: int
    duties: int
    regions: list[str]
    departments: list[str]
    years: list[int]
    examples: list[str]
    explanations: list[str]
    common: str | None
    disabled: bool
    notes: list[str]


class TargetOut(Schema):
    region: str
    year: int | None
    department: str
    filed_under: str
    kind: str
    name: str
    level1: str
    level2: str
    value: str
    number: float | None
    unit: str


class ClusterDetail(ClusterOut):
    targets: list[TargetOut]


class SuggestIn(Schema):
    name: str = Field("", max_length=300, description="项目名称，或部门职责（kind=department）")
    goal: str = Field("", max_length=4000, description="年度目标、资金用途")
    department: str | None = Field(None, max_length=300)
    category: str | None = Field(None, max_length=60)
    framework: Literal["2020", "2021"] | None = Field(None, description="按该年度指标体系给出二级指标")
    kind: Literal["project", "department"] = "project"
    top: int = Field(10, ge=1, le=50)


class SuggestionOut(Schema):
    level1: str | None
    level2: str | None
    name: str
    typical_value: str
    support: str
    score: float


class SuggestionsOut(Schema):
    suggestions: list[SuggestionOut]


class CurationIn(Schema):
    action: Literal["merge", "split", "mark", "disable", "enable", "annotate"]
    name: str = Field(max_length=300)
    other: str = Field("", max_length=300, description="merge: 另一指标的名称")
    text: str = Field("", max_length=2000, description="mark: 共性 或 个性；annotate: 备注")


class CurationOut(Schema):
    id: int
    action: str
    name: str
    other: str
    text: str
    created_by: str | None
    cluster: dict[str, Any] | None = None  # the cluster of ``name`` after the fact

    @staticmethod
    def resolve_created_by(obj: Any) -> str | None:
        user = obj.created_by if isinstance(obj, CurationFact) else obj.get("created_by")
        return user.get_username() if user is not None and not isinstance(user, str) else user


def _cluster(c: Cluster) -> dict[str, Any]:
    data = asdict(c)
    data["distribution"] = asdict(c.distribution) if c.distribution is not None else None
    return {**data, "typical_value": c.typical_value, "support": c.support}


def _public(request: HttpRequest) -> bool:
    return store.public_only(reader(request))


@router.get("/clusters", response=list[ClusterOut], summary="查找指标聚类（按名称包含；公众只见已公开部分）")
def search_clusters(request: HttpRequest, q: str = "", limit: int = 20) -> list[dict[str, Any]]:
    with store.opened(_public(request)) as library:
        return [_cluster(c) for c in library.search(q[:300], limit=max(1, min(limit, 200)))]


@router.get(
    "/clusters/{key}",
    response={200: ClusterDetail, 404: Problem},
    summary="一个指标聚类：归类、分布、地区、全部目标",
)
def get_cluster(request: HttpRequest, key: str) -> Any:
    with store.opened(_public(request)) as library:
        found = library.cluster_key(key)
        if found is None:
            return Status(404, {"detail": "指标库中没有该指标。"})
        return {
            **_cluster(library.cluster(found)),
            "targets": [asdict(t) for t in targets_of(library, found)],
        }


@router.post(
    "/suggestions",
    response=SuggestionsOut,
    summary="推荐指标及典型值（与 jixiao recommend --format json 相同）",
)
def suggestions(request: HttpRequest, body: SuggestIn) -> dict[str, Any]:
    with store.opened(_public(request)) as library:
        if body.kind == "department":
            found = for_duty(library, body.name, department=body.department, top=body.top)
        else:
            found = for_project(
                library,
                body.name,
                goal=body.goal,
                department=body.department,
                category=body.category,
                framework=body.framework,
                top=body.top,
            )
    out = []
    for s in found:
        row = s.to_dict()
        if body.framework and s.choice:
            row["level2"] = s.choice
        out.append(row)
    return {"suggestions": out}


@router.get("/curation", response={200: list[CurationOut], 403: Problem}, summary="整理记录（登录可见）")
def list_curation(request: HttpRequest) -> Any:
    user = reader(request)
    policy.require(user, "view", WHOLE)
    return list(CurationFact.objects.select_related("created_by").order_by("id"))


@router.post(
    "/curation",
    response={201: CurationOut, 400: Problem, 403: Problem},
    auth=WRITE_AUTH,
    summary="整理指标库（财政管理员）：合并、拆分、标记共性/个性、停用、启用、备注",
)
def curate(request: HttpRequest, body: CurationIn) -> Status:
    user = writer(request)
    fact = do_curate(acting_user=user, action=body.action, name=body.name, other=body.other, text=body.text)
    with store.opened() as library:
        fact.cluster = cluster_brief(library, fact.name)  # type: ignore[attr-defined]
    return Status(201, fact)
