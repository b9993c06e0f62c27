"""What the list endpoints share: the place filters every kind is listed by, and lazy shaping of a page."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

_ID = {"ge": 0, "le": 2**63 - 1}  # beyond a bigint the database errs instead of finding nothing


class PlaceFilter(Schema):
    """Where and when: a region, a budget year, a department."""

    region: int | None = Field(None, **_ID)
    year: int | None = Field(None, ge=0, le=9999)
    department: int | None = Field(None, **_ID)


def in_place(qs: QuerySet, filters: PlaceFilter) -> QuerySet:
    """``qs`` narrowed to the region, year and department the filters name."""
    for name in ("region", "year", "department"):
        if (value := getattr(filters, name)) is not None:
            qs = qs.filter(**{f"{name}_id" if name != "year" else name: value})
    return qs


class LazyPage:
    """A queryset that the paginator slices first and only then shapes into dicts."""

    def __init__(self, qs: QuerySet, shape: Callable[[Any], dict[str, Any]]) -> None:
        self.qs = qs
        self.shape = shape

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[dict[str, Any]]:
        if (item.stop or 0) > 2**62:  # an OFFSET beyond a bigint is the database's error, not an empty page
            return []
        return [self.shape(x) for x in self.qs[item]]


def reviewed(thing: Any) -> dict[str, Any]:
    """The review state every reviewed kind lists: its place, state, turn, round, grade and version."""
    return {
        "id": thing.pk,
        "region_id": thing.region_id,
        "year": thing.year,
        "department_id": thing.department_id,
        "department": thing.department.name,
        "state": thing.state,
        "state_label": thing.get_state_display(),
        "awaiting": thing.awaiting,
        "round": thing.round,
        "grade": thing.grade,
        "version": thing.version,
    }
