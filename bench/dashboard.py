"""The finance pages of issue 16 §5 at scale: the dashboard, the queue as XLSX, the deadlines page, and a
batch approval, with N projects loaded (half under review), on SQLite or PostgreSQL.

Run:  .venv/bin/python bench/dashboard.py [--projects 5000] [--requests 10] [--batch 100]

The data set is bench/web.py's (built through the import action). Requests go through Django's full stack in
process, so the figures are the server's own time; the batch is timed as the action runs it (each item its
own transaction and audit row).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import configure, load, timed  # noqa: E402  (bench/web.py: the shared data set)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--batch", type=int, default=100, help="projects approved in one batch")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args()
    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="jixiao-bench-"))
    configure(args.database_url, data_dir)
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.actions.batch import Chosen, do_batch
    from jixiao.web.actions.deadlines import do_set_deadline
    from jixiao.web.organisations.models import Region
    from jixiao.web.targets.models import Project
    from jixiao.web.workflow.states import Awaiting

    settings.ALLOWED_HOSTS = ["*"]
    load(args.projects)
    region = Region.objects.get(name="基准区")
    admin, finance_user = User.objects.get(username="bench_admin"), User.objects.get(username="bench_finance")
    for round_ in ("submit", "finance_review"):
        do_set_deadline(
            acting_user=admin,
            region=region,
            year=2024,
            kind="project",
            round=round_,
            due_date=dt.date(2024, 6, 30),
        )
    finance = Client()
    finance.force_login(finance_user)
    waiting = Project.objects.filter(region=region, awaiting=Awaiting.FINANCE).count()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"jixiao finance pages bench · {engine} · {Project.objects.count()} projects · {waiting} awaiting finance"
    )
    print(f"{'request':<34}{'median ms':>10}{'p95 ms':>10}  status  queries")
    for label, path in (
        ("dashboard (finance, 2024)", "/work/dashboard/?year=2024"),
        ("work page with due list", "/work/"),
        ("deadlines page", "/work/deadlines/"),
        ("queue as XLSX (all to do)", "/work/?format=xlsx"),
    ):
        median, p95, status = timed(finance, path, args.requests)
        with CaptureQueriesContext(connection) as queries:
            response = finance.get(path)
        extra = f"  {len(response.content) / 1024:.0f} KiB" if path.endswith("xlsx") else ""
        print(f"{label:<34}{median:>10.1f}{p95:>10.1f}  {status:>6}  {len(queries):>7}{extra}")
    chosen = [
        Chosen(pk, version)
        for pk, version in Project.objects.filter(region=region, awaiting=Awaiting.FINANCE)
        .order_by("id")
        .values_list("id", "version")[: args.batch]
    ]
    start = time.perf_counter()
    batch = do_batch(
        acting_user=finance_user, rows=Project.objects.all(), action="pass", chosen=chosen, grade="良"
    )
    seconds = time.perf_counter() - start
    print(
        f"batch approval of {len(chosen)}: {seconds:.2f} s ({seconds / max(len(chosen), 1) * 1000:.1f} ms per item), "
        f"{len(batch.done)} done, {len(batch.failed)} not"
    )


if __name__ == "__main__":
    main()
