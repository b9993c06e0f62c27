"""The indicator table partitioned by year (migration targets 0013) against the plain table (targets 0012), on
PostgreSQL: the plans, planning and execution times of the indicator reads the pages and the API make, with
and without the project's year in the filter, and what the rebuild itself costs.

Run:  createdb -h 127.0.0.1 -U postgres jixiao_bench_parts
      .venv/bin/python bench/pg_partitions.py \\
          --database-url postgresql://postgres@127.0.0.1:5432/jixiao_bench_parts \\
          [--years 2020-2025] [--projects 1000] [--runs 30]

Each year missing from the database is generated (``jixiao generate --format json --year Y --seed Y``, kept
in $TMPDIR/jixiao-bench-year-Y-N) and loaded by ``jixiao.web.bulk.bulk_import`` into one region. Then the
table is taken to the plain layout (``migrate targets 0012``) and to the partitioned one (``migrate targets
0013``), each rebuild timed, the table analysed, and every query run ``--runs`` times under ``EXPLAIN
(ANALYZE, FORMAT JSON)``; printed are the medians (first run dropped: it warms the cache) and the tables the
plan read; then the pages reading one project's indicators are requested ``--requests`` times each (in
process, Django's whole stack). The project and the list page are of the last year. The database is left
partitioned. It must not be ``test`` or ``test_test``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Query = tuple[str, list[Any]]


def year_folder(year: int, size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"jixiao-bench-year-{year}-{size}"
    if not (folder / "done").exists():
        jixiao = [sys.executable, "-m", "jixiao.cli", "generate", "--format", "json", "--year", str(year)]
        subprocess.run([*jixiao, "--seed", str(year), "--projects", str(size), "-o", str(folder)], check=True)
        (folder / "done").touch()
    return folder / "targets"


def load(years: list[int], size: int) -> None:
    """Generate and bulk-load each year of ``years`` the database does not hold yet."""
    from django.contrib.auth.models import User

    from jixiao.cli.export import read_inputs
    from jixiao.web.bulk import Item, bulk_import
    from jixiao.web.organisations.models import Profile, Region, Role
    from jixiao.web.targets.models import Project

    region, _ = Region.objects.get_or_create(name="模拟市", code="990000")
    admin = User.objects.filter(username="bench_admin").first()
    if admin is None:
        admin = User.objects.create_user("bench_admin", password=None)
        Profile.objects.create(user=admin, role=Role.FINANCE_ADMIN, region=region)
    for year in years:
        if Project.objects.filter(year=year).exists():
            continue
        paths = sorted(year_folder(year, size).glob("*.json"))
        items = [Item(doc, str(p), year) for p in paths for doc in read_inputs(p)]
        started = time.perf_counter()
        loaded = bulk_import(admin, region, items)
        print(f"loaded {year}: {loaded.projects} projects, {time.perf_counter() - started:.1f} s", flush=True)


def sample(newest: int) -> Any:
    """The project measured: the middle one of the newest year."""
    from jixiao.web.targets.models import Project

    of_year = Project.objects.filter(year=newest).order_by("id")
    return of_year[of_year.count() // 2]


def queries(newest: int) -> list[tuple[str, Query]]:
    """(what, SQL with parameters) of each measured read, built by the ORM as the pages build them."""
    from django.db.models import QuerySet

    from jixiao.web.targets.models import Indicator, Project

    def sql(qs: QuerySet[Any]) -> Query:
        text, params = qs.query.sql_with_params()
        return text, list(params)

    project = sample(newest)
    page = list(Project.objects.filter(state="published", archived=False, year=newest).order_by("-id")[:20])
    ids, years = [p.pk for p in page], sorted({p.year for p in page})
    one = Indicator.objects.filter(project_id__in=[project.pk])
    return [
        ("one project, as prefetched (ordering joins project, department)", sql(one)),
        ("one project, as prefetched, with its year", sql(one.filter(year=project.year))),
        ("one project, ordered by position", sql(one.order_by("position", "id"))),
        (
            "one project by position, with its year",
            sql(one.filter(year=project.year).order_by("position", "id")),
        ),
        (
            "a list page's 20 projects (portal)",
            sql(Indicator.objects.filter(archived=False, project_id__in=ids)),
        ),
        (
            "a list page's 20 projects, with their years",
            sql(Indicator.objects.filter(archived=False, project_id__in=ids, year__in=years)),
        ),
        (
            "one indicator by id (edit, comment)",
            ("SELECT * FROM targets_indicator WHERE id = %s", [one[0].pk]),
        ),
        (
            "a year's rows counted, by the project's year",
            (
                "SELECT count(*) FROM targets_indicator i JOIN targets_project p ON p.id = i.project_id "
                "WHERE p.year = %s",
                [newest],
            ),
        ),
        (
            "a year's rows counted, by the row's year",
            ("SELECT count(*) FROM targets_indicator WHERE year = %s", [newest]),
        ),
    ]


def relations(node: dict[str, Any]) -> list[str]:
    own = [node["Relation Name"]] if "Relation Name" in node else []
    return own + [r for child in node.get("Plans", []) for r in relations(child)]


def explain(query: Query, runs: int) -> tuple[float, float, list[str]]:
    """Median planning and execution ms of ``query`` and the indicator tables its plan reads."""
    from django.db import connection

    planning, execution, read = [], [], []
    with connection.cursor() as cursor:
        for n in range(runs + 1):
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query[0], query[1])
            raw = cursor.fetchone()[0]
            plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]
            if n:  # the first run warms the cache
                planning.append(plan["Planning Time"])
                execution.append(plan["Execution Time"])
            read = [r for r in relations(plan["Plan"]) if r.startswith("targets_indicator")]
    return statistics.median(planning), statistics.median(execution), read


def tables_read(read: list[str]) -> str:
    if len(read) == 1:
        return read[0].removeprefix("targets_indicator").lstrip("_") or "plain table"
    return f"{len(read)} partitions"


def pages(layout: str, newest: int, requests: int) -> dict[str, str]:
    """Median and p95 ms of the pages that read one project's indicators, through Django's whole stack."""
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    client, pk = Client(), sample(newest).pk
    rows = {}
    for path in (f"/p/{pk}/", f"/api/projects/{pk}", "/?q=满意度"):
        client.get(path)  # warm
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            assert client.get(path).status_code == 200, path
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        rows[path] = f"| `{path}` | {layout} | {statistics.median(samples):.1f} | {p95:.1f} |"
    return rows


def measure(
    layout: str, migration: str, newest: int, options: Any, migrate: Callable[[str], float]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each query's and each page's table row in ``layout``, reached by migrating to ``migration``."""
    from django.db import connection

    seconds = migrate(migration)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE targets_indicator")
    print(f"{layout}: migrate targets {migration} took {seconds:.1f} s", flush=True)
    rows = {}
    for what, query in queries(newest):
        planning, execution, read = explain(query, options.runs)
        rows[what] = f"| {what} | {layout} | {tables_read(read)} | {planning:.3f} | {execution:.3f} |"
    return rows, pages(layout, newest, options.requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--years", default="2020-2025", help="FIRST-LAST")
    parser.add_argument("--projects", type=int, default=1000, help="projects a year")
    parser.add_argument("--runs", type=int, default=30, help="EXPLAIN runs of each query")
    parser.add_argument("--requests", type=int, default=30, help="requests of each page")
    options = parser.parse_args()
    if options.database_url.rsplit("/", 1)[1] in ("test", "test_test"):
        sys.exit("refusing the test databases: create one for the bench")
    os.environ["JIXIAO_DATABASE_URL"] = options.database_url
    first, last = (int(y) for y in options.years.split("-"))

    from jixiao.web import setup_django

    setup_django()
    from django.core.management import call_command
    from django.db import connection

    def migrate(target: str) -> float:
        started = time.perf_counter()
        call_command("migrate", "targets", target, verbosity=0)
        return time.perf_counter() - started

    call_command("migrate", verbosity=0)
    load(list(range(first, last + 1)), options.projects)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(DISTINCT project_id), count(DISTINCT year) FROM targets_indicator"
        )
        rows, projects, years = cursor.fetchone()
    print(f"{rows} indicator rows, {projects} projects, {years} years; load average {os.getloadavg()[0]:.1f}")
    plain, plain_pages = measure("plain", "0012", last, options, migrate)
    partitioned, partitioned_pages = measure("partitioned", "0013", last, options, migrate)
    print("| query | layout | read | planning ms | execution ms |\n|---|---|---|---:|---:|")
    for what in plain:
        print(plain[what] + "\n" + partitioned[what])
    print("| page | layout | p50 ms | p95 ms |\n|---|---|---:|---:|")
    for path in plain_pages:
        print(plain_pages[path] + "\n" + partitioned_pages[path])
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
