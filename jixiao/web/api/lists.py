"""What the list endpoints share: the place filters every kind is listed by, and a page the database can take."""

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


class BoundedPage:
    """A queryset for the paginator to slice; an OFFSET beyond a bigint is an empty page, not a database error.

    The rows go out as they are: the endpoint's output schema reads each one."""

    def __init__(self, qs: QuerySet) -> None:
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Any]:
        if (item.stop or 0) > 2**62:
            return []
        return list(self.qs[item])
