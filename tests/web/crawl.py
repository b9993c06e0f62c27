"""Every page of the site as a URL to fetch: each pattern of the URL map (the back office and the API
aside), its ``<int:pk>`` filled with a row of the kind it shows, its ``<str:fmt>`` with ``fmt``.

A pattern whose kind is not known here is fetched with the pk of no row (its 404 page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

MISSING = 2**31 - 1  # the pk of a row that does not exist, where there is none of a kind

# URL name prefix → the model whose row fills <int:pk> (longest prefix wins).
KINDS = {
    "portal-project": "targets.Project",
    "portal-department": "targets.DepartmentTarget",
    "work-project": "targets.Project",
    "work-transition": "targets.Project",
    "work-comment": "targets.Project",
    "work-archive": "targets.Project",
    "work-copy": "targets.Project",
    "work-department": "targets.DepartmentTarget",
    "work-monitoring-round": "monitoring.MonitoringRound",
    "work-monitoring-open": "monitoring.MonitoringRound",
    "work-monitoring-close": "monitoring.MonitoringRound",
    "work-monitoring-publish": "monitoring.MonitoringRound",
    "work-monitoring-upload": "monitoring.MonitoringRound",
    "work-monitoring": "monitoring.MonitoringRecord",
    "work-selfeval-round": "selfeval.SelfEvalRound",
    "work-selfeval-close": "selfeval.SelfEvalRound",
    "work-selfeval-publish": "selfeval.SelfEvalRound",
    "work-selfeval-upload": "selfeval.SelfEvalRound",
    "work-selfeval": "selfeval.SelfEvaluation",
    "work-rectification": "selfeval.Rectification",
}


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern) not in ("api/", "admin/"):
                yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.name or ""


def _kind(name: str) -> str | None:
    matches = [prefix for prefix in KINDS if name.startswith(prefix)]
    return KINDS[max(matches, key=len)] if matches else None


def page_urls(fmt: str = "xlsx", pick: Any = None) -> list[tuple[str, str]]:
    """(name, path) of every page; ``pick(model)`` gives the row for a model's ``<int:pk>`` (the first
    row by default)."""
    from django.apps import apps

    urls = []
    for pattern, name in _patterns(get_resolver()):
        path = "/" + pattern.replace("<str:fmt>", fmt)
        if "<int:pk>" in pattern:
            kind = _kind(name)
            model = apps.get_model(kind) if kind else None
            row = None if model is None else pick(model) if pick else model.objects.order_by("pk").first()
            path = path.replace("<int:pk>", str(row.pk if row is not None else MISSING))
        urls.append((name, path))
    return urls
