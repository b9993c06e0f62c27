"""The targets stored in the web database as documents to review, one per region and budget year.

``jixiao check --db`` sets Django up and hands these to the review engine, which never imports Django.
Only projects are stored in reviewable form here.
"""

from __future__ import annotations

from collections import defaultdict

from jixiao.domain import Document, Project, Source
from jixiao.web.targets.models import Project as StoredProject
from jixiao.web.targets.snapshot import to_domain


def stored_documents() -> list[Document]:
    groups: dict[tuple[str, int], list[Project]] = defaultdict(list)
    query = StoredProject.objects.select_related("region", "department", "unit").order_by(
        "region", "year", "pk"
    )
    for stored in query:
        groups[(str(stored.region), stored.year)].append(to_domain(stored))
    return [
        Document(
            Source(f"db:{region}:{year}", ""),
            title=f"{region} {year}年 数据库中的绩效目标",
            year=year,
            projects=tuple(projects),
        )
        for (region, year), projects in sorted(groups.items())
    ]
