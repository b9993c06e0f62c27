"""The targets stored in the web database as documents to review, one per region and budget year.

Only projects are stored in reviewable form here; the Django set-up happens on first use, so the rest of
the review engine never imports Django.
"""

from __future__ import annotations

from collections import defaultdict

from jixiao.domain import Document, Project, Source


def stored_documents() -> list[Document]:
    from jixiao.web.serve import setup_django

    setup_django()
    from jixiao.web.targets.models import Project as StoredProject
    from jixiao.web.targets.snapshot import to_domain

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
