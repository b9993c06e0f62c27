"""Portal search, list pages and project page on PostgreSQL at a province's size, without and with pg_trgm.

Run:  .venv/bin/python bench/pg_search.py [--projects 100000] [--requests 30]
      [--database-url postgresql://postgres@127.0.0.1:5432/jixiao_bench_pg]
      .venv/bin/python bench/pg_search.py --existing --with-indexes-only \
          --database-url postgresql://postgres@127.0.0.1:5432/jixiao_1m    # a year loaded by load --bulk

The data is a generated year (``jixiao generate``'s regions: learned indicator names, values and amounts)
loaded once per database through the import action, one region's disclosure at a time; a second run with a
larger ``--projects`` adds the missing regions. Every page is timed twice in one database: inside a
transaction that drops the trigram indexes (rolled back afterwards, so the data and indexes stay) — the search
as it was — and with them. Requests go through Django's whole stack in process, so the figures are the
server's own time. The database must not be ``test`` or ``test_test``; it is created if missing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from math import nan
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import configure, timed  # noqa: E402  (bench/web.py: settings, migrate, one timed path)

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/jixiao_bench_pg"
TRIGRAM_INDEXES = ("project_search_trgm", "department_target_search_trgm")
# Words of the generated year: a common and a rare term of 3+ characters, a common and a rare one of two
# characters (no trigram to look up), and one character.
TERMS = ("满意度", "非物质文化遗产", "培训", "菜篮", "水")


def load(total: int, seed: int = 1, year: int = 2024) -> tuple[float, int]:
    """Load the generated year's regions not yet loaded; (seconds, projects loaded now)."""
    from django.contrib.auth.models import User

    from jixiao.generate import generate_year, load_stats
    from jixiao.web.actions.imports import do_import_document
    from jixiao.web.organisations.models import Profile, Region, Role
    from jixiao.web.targets.models import ImportBatch

    admin = User.objects.filter(username="bench_admin").first() or User.objects.create_user(
        "bench_admin", password="x"
    )
    loaded = set(ImportBatch.objects.values_list("sha256", flat=True))
    start, count = time.perf_counter(), 0
    for generated in generate_year(load_stats(), total, seed, year):
        doc = generated.targets
        if doc.source.sha256 in loaded:
            continue
        region, _ = Region.objects.get_or_create(name=generated.name)
        Profile.objects.update_or_create(user=admin, defaults={"role": Role.FINANCE_ADMIN, "region": region})
        admin = User.objects.get(pk=admin.pk)  # its profile read afresh: the admin of this region
        do_import_document(acting_user=admin, region=region, year=year, document=doc)
        count += len(doc.projects)
        print(f"  loaded {generated.name}: {len(doc.projects)} projects", file=sys.stderr, flush=True)
    return time.perf_counter() - start, count


def replicate(total: int) -> tuple[float, int]:
    """Copy the loaded year server-side (earlier years, same names and indicators) up to ``total`` projects.

    The import action loads ~30 projects/s on this machine (one region's registry and audit at a time), so a
    province over years is the loaded year copied in SQL: project ids shifted by a multiple of the largest id,
    their indicators with them, ``year`` one less per copy.
    """
    from django.db import connection, transaction

    from jixiao.web.targets import partitions
    from jixiao.web.targets.models import Indicator, Project

    start = time.perf_counter()
    base = Project.objects.filter(year=2024)
    have, size = Project.objects.count(), base.count()
    if have >= total or not size:
        return 0.0, 0
    top = base.order_by("-id").values_list("id", flat=True)[0]
    step = 10 ** len(str(top))
    copies = range(have // size, -(-total // size))
    # each copied year gets its partition of the indicator table (targets 0013), as an operator would add it
    years = {p.year for p in partitions.partitions()}
    for year in sorted({2024 - copy for copy in copies} - years):
        partitions.add_year(year)
    pcols = ", ".join(f.column for f in Project._meta.concrete_fields if f.column not in ("id", "year"))
    icols = [
        f.column for f in Indicator._meta.concrete_fields if f.column not in ("id", "project_id", "year")
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for copy in copies:
            shift = copy * step
            cursor.execute(
                f"INSERT INTO targets_project (id, year, {pcols}) "
                f"SELECT id + %s, year - %s, {pcols} FROM targets_project WHERE id < %s",
                [shift, copy, step],
            )
            cursor.execute(
                f"INSERT INTO targets_indicator (project_id, year, {', '.join(icols)}) "
                f"SELECT i.project_id + %s, i.year - %s, {', '.join('i.' + c for c in icols)} "
                "FROM targets_indicator i WHERE i.project_id < %s",
                [shift, copy, step],
            )
            print(f"  copied the year as {2024 - copy}", file=sys.stderr, flush=True)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('targets_project', 'id'), max(id)) FROM targets_project"
        )
    return time.perf_counter() - start, Project.objects.count() - have


def matches(term: str) -> int:
    from jixiao.web.targets.models import Project

    return Project.objects.filter(state="published", search_text__icontains=term).count()


def cases(sample: Any) -> list[tuple[str, str]]:
    searches = [(f"portal search q={t} ({len(t)} chars)", f"/?q={quote(t)}") for t in TERMS]
    return [
        ("portal list /", "/"),
        ("portal list, page 400", "/?page=400"),
        *searches,
        (f"portal search q={TERMS[0]} + region", f"/?region={sample.region_id}&q={quote(TERMS[0])}"),
        ("portal project page", f"/p/{sample.pk}/"),
        ("portal departments list", "/departments/"),
        *((f"portal departments q={t} ({len(t)} chars)", f"/departments/?q={quote(t)}") for t in TERMS),
        ("API /api/projects", "/api/projects?limit=50"),
        (f"API /api/projects?q={TERMS[1]}", f"/api/projects?q={quote(TERMS[1])}"),
        ("API project detail", f"/api/projects/{sample.pk}"),
    ]


def measure(client: Any, paths: list[tuple[str, str]], requests: int) -> dict[str, tuple[float, float, int]]:
    return {label: timed(client, path, requests) for label, path in paths}


def without_trigrams(client: Any, paths: list[tuple[str, str]], requests: int) -> dict[str, Any]:
    """The same pages with the trigram indexes dropped inside a transaction that is then rolled back."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            for name in TRIGRAM_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        figures = measure(client, paths, requests)
        transaction.set_rollback(True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=100000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--base", type=int, default=2000, help="projects loaded through the import action")
    parser.add_argument("--load-only", action="store_true", help="load the year and stop")
    parser.add_argument(
        "--existing",
        action="store_true",
        help="measure the database as it is (e.g. a year loaded by jixiao load --bulk): no load, no copy, "
        "no migration",
    )
    parser.add_argument(
        "--with-indexes-only", action="store_true", help="skip the pass without the trigram index"
    )
    args = parser.parse_args()
    if args.database_url.rstrip("/").rsplit("/", 1)[-1] in ("test", "test_test"):
        parser.error("refusing the databases test and test_test")
    if args.existing:
        os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-bench-")
        os.environ["JIXIAO_DATABASE_URL"] = args.database_url
        from jixiao.web import setup_django

        setup_django()
    else:
        configure(args.database_url, Path(tempfile.mkdtemp(prefix="jixiao-bench-")))
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from jixiao.web.targets.models import Indicator, Project

    settings.ALLOWED_HOSTS = ["*"]
    seconds, loaded = (0.0, 0) if args.existing else load(min(args.projects, args.base))
    copied_seconds, copied = (0.0, 0) if args.existing else replicate(args.projects)
    if not args.existing:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    total, indicators = Project.objects.count(), Indicator.objects.count()
    print(
        f"jixiao PostgreSQL search bench · {total} projects · {indicators} indicators · {args.requests} requests"
    )
    if loaded:
        print(
            f"load: {loaded} projects in {seconds:.1f} s through the import action ({loaded / seconds:.0f}/s)"
        )
    if copied:
        print(f"copied: {copied} projects of earlier years in {copied_seconds:.1f} s (SQL INSERT … SELECT)")
    if args.load_only:
        return
    for term in TERMS:
        print(f"  {term!r} matches {matches(term)} published projects")
    published = Project.objects.filter(state="published").order_by("id")
    sample = published[published.count() // 2]
    paths = cases(sample)
    client = Client()
    before = {} if args.with_indexes_only else without_trigrams(client, paths, args.requests)
    after = measure(client, paths, args.requests)
    print(f"{'request':<40}{'no trgm p50':>12}{'p95':>9}{'trgm p50':>10}{'p95':>9}  status")
    for label, _ in paths:
        (b50, b95, _s), (a50, a95, status) = before.get(label, (nan, nan, 0)), after[label]
        print(f"{label:<40}{b50:>12.1f}{b95:>9.1f}{a50:>10.1f}{a95:>9.1f}  {status}")
    worst = max(p95 for _m, p95, _s in after.values())
    print(
        f"worst p95 with trigram indexes: {worst:.1f} ms (aims: lists and search < 200 ms, project page < 100 ms)"
    )


if __name__ == "__main__":
    main()
