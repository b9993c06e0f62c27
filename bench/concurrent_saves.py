"""Concurrent saves against a real server (issue 17 §10): gunicorn with several workers on loopback, on
SQLite or PostgreSQL, and 20 clients saving projects through the API at the same time.

Run:  .venv/bin/python bench/concurrent_saves.py [--clients 20] [--saves 10] [--workers 4]
      .venv/bin/python bench/concurrent_saves.py --database-url postgresql://postgres@127.0.0.1:5432/jixiao_conc

Each client is a unit editor with its own API token. Clients share a few projects (same-project saves, which
must race) and each has one of its own (different-project saves); every save reads the project, then PUTs it
back with the version read and a goal naming the client and the save, so each accepted save is recognisable.
The loop is bounded (clients × saves requests, a timeout each) and only 127.0.0.1 is contacted.

Prints: accepted saves, stale-rejected (409), lost updates (must be 0), 5xx (must be 0), other answers, and
audit rows of accepted saves vs accepted saves (equal). A lost update is an accepted save whose new version
another accepted save of the same project also claims, a project whose versions moved other than once per
accepted save, or a project whose stored goal is not that of its last accepted save.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.web import configure  # noqa: E402

BODY: dict[str, Any] = {
    "name": "校园安全设施改造项目",
    "category": "特定目标类项目",
    "fund_type": "一般公共预算",
    "funds_total": "120",
    "funds_fiscal": "100",
    "funds_other": "20",
    "purpose": "更新监控与消防设施",
    "goal": "完成全部教学楼安全设施改造，师生安全事故零发生。",
    "indicators": [
        {"level2": "数量指标", "name": "改造教学楼数量", "value": "≥6栋", "basis": "计划标准"},
        {"level2": "经济成本指标", "name": "单栋改造成本", "value": "≤20万元", "basis": "行业标准"},
        {"level2": "服务对象满意度指标", "name": "师生满意度", "value": "≥95%", "basis": "历史标准"},
    ],
}


def make_world(clients: int) -> list[str]:
    """A region, a unit and one editor with an API token per client; the tokens."""
    from django.contrib.auth.models import User

    from jixiao.web.organisations.models import ApiToken, Department, FiscalYear, Profile, Region, Role, Unit

    region = Region.objects.create(name="临淄区", code="370305")
    FiscalYear.objects.create(region=region, year=2024, framework="2021")
    department = Department.objects.create(region=region, name="区教育局", code="301")
    unit = Unit.objects.create(department=department, name="第一中学", code="301001")
    tokens = []
    for n in range(clients):
        user = User.objects.create_user(f"editor{n}", password="concurrent-bench-2026")
        Profile.objects.create(
            user=user, role=Role.UNIT_EDITOR, region=region, department=department, unit=unit
        )
        tokens.append(ApiToken.issue(user, "bench")[1])
    return tokens


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, port: int, log: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "jixiao.web.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, env=os.environ.copy(), stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/projects", timeout=2).read()
            return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")


class Client:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as err:
            return err.code, None


def run_clients(
    base: str, tokens: list[str], shared: list[int], own: list[int], saves: int
) -> dict[str, Any]:
    outcomes: Counter[str] = Counter()
    accepted: list[tuple[int, int, str]] = []  # project, new version, goal
    lock = threading.Lock()

    def work(n: int) -> None:
        client = Client(base, tokens[n])
        for i in range(saves):
            # even saves race on a shared project, odd ones go to the client's own
            pk = shared[(n + i) % len(shared)] if i % 2 == 0 else own[n]
            status, current = client.call("GET", f"/api/projects/{pk}")
            if status != 200:
                with lock:
                    outcomes["5xx" if status >= 500 else f"read {status}"] += 1
                continue
            goal = f"客户端{n}第{i}次保存"
            status, saved = client.call(
                "PUT", f"/api/projects/{pk}", {**BODY, "goal": goal, "version": current["version"]}
            )
            with lock:
                if status == 200:
                    outcomes["accepted"] += 1
                    accepted.append((pk, saved["version"], goal))
                elif status == 409:
                    outcomes["stale"] += 1
                elif status >= 500:
                    outcomes["5xx"] += 1
                else:
                    outcomes[f"other {status}"] += 1

    started = time.monotonic()
    with ThreadPoolExecutor(len(tokens)) as pool:
        list(pool.map(work, range(len(tokens))))
    return {"outcomes": outcomes, "accepted": accepted, "seconds": time.monotonic() - started}


def lost_updates(accepted: list[tuple[int, int, str]], initial: dict[int, int]) -> int:
    from jixiao.web.targets.models import Project

    lost = 0
    for pk, start in initial.items():
        mine = sorted((v, goal) for p, v, goal in accepted if p == pk)
        versions = [v for v, _ in mine]
        lost += len(versions) - len(set(versions))
        project = Project.objects.get(pk=pk)
        if project.version - start != len(mine) or (mine and project.goal != mine[-1][1]):
            lost += 1
    return lost


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--saves", type=int, default=10, help="saves per client")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--shared", type=int, default=3, help="projects all clients save")
    parser.add_argument("--database-url")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-concurrent-"))
    configure(args.database_url, data_dir)
    from django.db import connection

    from jixiao.web.audit.models import AuditEvent
    from jixiao.web.targets.models import Project

    tokens = make_world(args.clients)
    port = free_port()
    server = start_gunicorn(args.workers, port, data_dir / "gunicorn.log")
    base = f"http://127.0.0.1:{port}"
    try:
        creator = Client(base, tokens[0])
        made = []
        for n in range(args.shared + args.clients):
            status, project = creator.call(
                "POST", "/api/projects", {**BODY, "name": f"项目{n}", "year": 2024}
            )
            assert status == 201, status
            made.append(project["id"])
        shared, own = made[: args.shared], made[args.shared :]
        initial = {pk: Project.objects.get(pk=pk).version for pk in made}
        audit_before = AuditEvent.objects.filter(verb="edit", ok=True).count()
        result = run_clients(base, tokens, shared, own, args.saves)
    finally:
        server.terminate()
        server.wait(timeout=30)
    connection.close()
    outcomes, accepted = result["outcomes"], result["accepted"]
    audit_rows = AuditEvent.objects.filter(verb="edit", ok=True, target_type="Project").count() - audit_before
    database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    print(
        f"database: {database}; gunicorn workers: {args.workers}; clients: {args.clients}; saves per client: {args.saves}"
    )
    print(f"  shared projects: {len(shared)}; own projects: {len(own)}; seconds: {result['seconds']:.1f}")
    print(f"  accepted saves: {outcomes['accepted']}")
    print(f"  stale-rejected (409): {outcomes['stale']}")
    print(f"  lost updates: {lost_updates(accepted, initial)} (must be 0)")
    print(f"  5xx: {outcomes['5xx']} (must be 0)")
    others = {k: v for k, v in outcomes.items() if k not in ("accepted", "stale", "5xx")}
    print(f"  other answers: {others or 0}")
    print(f"  audit rows of accepted saves: {audit_rows} (accepted: {outcomes['accepted']}, must be equal)")


if __name__ == "__main__":
    main()
