"""What the endpoints of the two reporting kinds (``/api/monitoring``, ``/api/selfeval``) share: the region a
round is opened in, a round's records listed and filtered, and a record saved from what the unit sends.
:mod:`jixiao.web.api.monitoring` and :mod:`jixiao.web.api.selfeval` keep their rounds' moves and summaries,
finance's 复核 and the results on top."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from jixiao.web import policy
from jixiao.web.api.auth import reader, writer
from jixiao.web.api.lists import BoundedPage, PlaceFilter, in_place
from jixiao.web.monitoring.draft import RecordDraft
from jixiao.web.organisations.models import Region


def visible(request: HttpRequest, rows: Any, pk: int, user: Any = None) -> Any:
    """Row ``pk`` if the caller (``user``, else whoever reads) may see it; refused and logged otherwise."""
    return policy.get_visible(user if user is not None else reader(request), rows, pk)


def round_region(user: Any, region_id: int | None, what: str) -> Region:
    """The region a round is opened in: the one named, else the caller's own; refused when there is none."""
    region_id = region_id if region_id is not None else policy.actor_of(user).region_id
    region = Region.objects.filter(pk=region_id).first()
    if region is None:
        raise policy.refuse(user, "create", None, f"只有本地区的财政管理员可以发起{what}。")
    return region


class RoundRecordFilter(PlaceFilter):
    """A round's records: by round and state, besides the place (each kind adds its result)."""

    round: int | None = None
    state: str | None = None


def listed(
    request: HttpRequest, rows: Any, filters: Any, round_field: str, columns: dict[str, str]
) -> BoundedPage:
    """The records the caller may see, narrowed by the filters (``columns``: a kind's filter → its column),
    by round, department and name."""
    qs = in_place(rows.filter(archived=False).visible_to(reader(request)), filters)
    if filters.round is not None:
        qs = qs.filter(**{f"{round_field}_id": filters.round})
    for name, column in {"state": "state", **columns}.items():
        if (value := getattr(filters, name)) is not None:
            qs = qs.filter(**{column: value})
    return BoundedPage(qs.order_by(f"{round_field}_id", "department__name", "name", "id"))


def save_sent(
    request: HttpRequest,
    rows: Any,
    record_id: int,
    body: Any,
    amounts: tuple[str, ...],
    indicator: Callable[..., Any],
    save: Callable[..., Any],
) -> Any:
    """Save what the unit sends (``body``: version, goal_result, the kind's ``amounts`` and its indicators,
    each an ``indicator`` draft) through the kind's ``save`` action; the record as saved."""
    user = writer(request)
    draft = RecordDraft(
        goal_result=body.goal_result,
        **{k: getattr(body, k) for k in amounts},
        indicators=[indicator(**a.dict()) for a in body.indicators],
    )
    save(
        acting_user=user,
        target=visible(request, rows, record_id, user),
        draft=draft,
        expected_version=body.version,
    )
    return visible(request, rows, record_id, user)
