"""Page and API latency (median and p95) with 20,000 projects loaded, on SQLite or PostgreSQL.

Run:  .venv/bin/python bench/web.py [--projects 20000] [--requests 40]
      .venv/bin/python bench/web.py --database-url postgresql://postgres@127.0.0.1:5432/jixiao_bench

The data set is built once per database through the import action (its bulk path), as 20 disclosures of
1,000 projects with 8 indicators each across 40 departments, half of them then moved back to review states
so the work pages have queues. Requests go through Django's full stack in process (middleware, sessions,
templates, serialisation) without a network, so the figures are the server's own time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def configure(database_url: str | None, data_dir: Path) -> None:
    os.environ["JIXIAO_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["JIXIAO_DATABASE_URL"] = database_url
        _create_postgres_database(database_url)
    else:
        os.environ.pop("JIXIAO_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _create_postgres_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
            conn.execute(f'create database "{name}"')


def synthetic_document(batch: int, size: int) -> Any:
    from jixiao.domain import Document, Funds, Indicator, Project, Source, SpendingPoint, parse_target_value
    from jixiao.domain.taxonomy import Level2, level1_of

    kinds = [
        (Level2.QUANTITY, "受益人数", "≥{n}人"),
        (Level2.QUALITY, "验收合格率", "≥95%"),
        (Level2.TIMELINESS, "完成时间", "10月底前"),
        (Level2.COST, "项目成本", "≤{n}万元"),
        (Level2.SOCIAL_BENEFIT, "群众生活改善", "显著"),
        (Level2.ECONOMIC_BENEFIT, "带动增收", "≥{n}万元"),
        (Level2.SUSTAINABILITY, "长效机制", "持续"),
        (Level2.SATISFACTION, "服务对象满意度", "≥90%"),
    ]
    projects = []
    for i in range(size):
        n = batch * size + i
        dept = n % 40
        projects.append(
            Project(
                name=f"第{n}号民生保障项目",
                code=f"3703{n:08d}",
                category="特定目标类项目",
                department=f"区第{dept}局",
                department_code=f"{300 + dept}",
                unit=f"区第{dept}局第{n % 7}中心",
                fund_type=("一般公共预算", "政府性基金预算")[n % 2],
                funds=Funds(100.0 + n % 900, 100.0 + n % 900, 0.0),
                purpose="保障民生",
                spending_plan=(SpendingPoint("6月底", 50.0), SpendingPoint("12月底", 100.0)),
                goal="按期完成建设任务，群众满意度稳步提升。",
                indicators=tuple(
                    Indicator(
                        level1=level1_of(l2),
                        level2=l2,
                        name=f"{name}{n % 13}",
                        value=parse_target_value(value.format(n=10 + n % 500)),
                    )
                    for l2, name, value in kinds
                ),
            )
        )
    return Document(source=Source(f"bench-{batch}.txt", f"{batch:064d}"), year=2024, projects=tuple(projects))


def load(total: int) -> float:
    from django.contrib.auth.models import User

    from jixiao.web.actions.imports import do_import_document
    from jixiao.web.organisations.models import Department, Profile, Region, Role, Unit
    from jixiao.web.targets.models import Project
    from jixiao.web.workflow.states import Awaiting, State

    region, _ = Region.objects.get_or_create(name="基准区")
    have = Project.objects.filter(region=region).count()
    if have >= total:
        return 0.0
    admin = User.objects.filter(username="bench_admin").first() or User.objects.create_user(
        "bench_admin", password="x"
    )
    Profile.objects.get_or_create(user=admin, defaults={"role": Role.FINANCE_ADMIN, "region": region})
    start = time.perf_counter()
    size = 1000
    for batch in range(have // size, total // size):
        do_import_document(
            acting_user=admin, region=region, year=2024, document=synthetic_document(batch, size)
        )
    seconds = time.perf_counter() - start
    # A share of the projects under review, so that queues and work pages have real content.
    ids = list(Project.objects.filter(region=region).order_by("id").values_list("id", flat=True)[::2])
    Project.objects.filter(id__in=ids[: len(ids) // 2]).update(
        state=State.SUBMITTED, awaiting=Awaiting.FINANCE, round=1
    )
    dept = Department.objects.filter(region=region).order_by("name").first()
    unit = Unit.objects.filter(department=dept).order_by("name").first()
    for name, role, d, u in (
        ("bench_finance", Role.FINANCE_REVIEWER, None, None),
        ("bench_editor", Role.UNIT_EDITOR, dept, unit),
    ):
        user = User.objects.filter(username=name).first() or User.objects.create_user(name, password="x")
        Profile.objects.get_or_create(
            user=user, defaults={"role": role, "region": region, "department": d, "unit": u}
        )
    return seconds


def timed(client: Any, path: str, n: int) -> tuple[float, float, int]:
    client.get(path)  # warm caches and connections
    samples = []
    status = 0
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        status = response.status_code
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))], status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--database-url", default=None, help="postgresql://… (default: SQLite in a temp dir)")
    parser.add_argument("--data-dir", default=None, help="keep the SQLite database here between runs")
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="jixiao-bench-"))
    configure(args.database_url, data_dir)
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from jixiao.web.targets.models import Project

    settings.ALLOWED_HOSTS = ["*"]
    load_seconds = load(args.projects)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    published = Project.objects.filter(state="published").order_by("id")
    sample = published[published.count() // 2]
    under_review = Project.objects.filter(state="submitted").order_by("-id").first()
    public, finance, editor = Client(), Client(), Client()
    finance.force_login(User.objects.get(username="bench_finance"))
    editor.force_login(User.objects.get(username="bench_editor"))
    print(
        f"jixiao web bench · {engine} · {Project.objects.count()} projects · "
        f"{sample.indicators.count()} indicators per project · {args.requests} requests each"
    )
    if load_seconds:
        rate = args.projects / load_seconds
        print(f"load: {load_seconds:.1f} s through the import action ({rate:.0f} projects/s)")
    cases = [
        ("portal list /", public, "/"),
        ("portal list, page 400", public, "/?page=400"),
        ("portal keyword search", public, "/?q=%E6%BB%A1%E6%84%8F%E5%BA%A67"),
        (
            "portal filter dept+fund",
            public,
            f"/?region={sample.region_id}&department={sample.department_id}"
            "&fund_type=%E4%B8%80%E8%88%AC%E5%85%AC%E5%85%B1%E9%A2%84%E7%AE%97",
        ),
        ("portal project page", public, f"/p/{sample.pk}/"),
        ("work list (finance, to do)", finance, "/work/"),
        ("work list (finance, all)", finance, "/work/?view=all&page=100"),
        ("work project (finance)", finance, f"/work/projects/{under_review.pk}/"),
        ("work list (unit editor)", editor, "/work/?view=all"),
        ("API /api/projects", public, "/api/projects?limit=50"),
        ("API /api/projects offset", public, "/api/projects?limit=50&offset=9000"),
        ("API /api/projects?q=", public, "/api/projects?q=%E6%BB%A1%E6%84%8F%E5%BA%A67"),
        ("API project detail", public, f"/api/projects/{sample.pk}"),
        ("API as finance", finance, "/api/projects?state=submitted&limit=50"),
    ]
    print(f"{'request':<30}{'median ms':>10}{'p95 ms':>10}  status")
    worst = 0.0
    for label, client, path in cases:
        median, p95, status = timed(client, path, args.requests)
        worst = max(worst, p95)
        print(f"{label:<30}{median:>10.1f}{p95:>10.1f}  {status}")
    print(f"worst p95: {worst:.1f} ms (aim < 200 ms)")
    if not args.data_dir and not args.database_url:
        print(f"(SQLite data in {data_dir}; pass --data-dir to keep and reuse it)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
