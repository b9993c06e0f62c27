"""Backup and restore are exact (issue 17 §9). The restore drill: a served SQLite database (WAL mode) with
projects, people and audit rows is backed up with `jixiao backup`, changed, and restored with `jixiao restore`;
every table then holds the same rows as at the backup, timestamps to the microsecond included. A file of the
wrong kind is refused before the database is touched. On PostgreSQL (JIXIAO_DATABASE_URL) the same round trip
goes through pg_dump and pg_restore."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Two projects by a unit editor, the second saved again and submitted: users, profiles, projects,
# indicators, versions and audit rows with their microseconds.
POPULATE = """
from jixiao.web import setup_django; setup_django()
from django.core.management import call_command; call_command("migrate", verbosity=0)
from jixiao.web.actions.projects import do_create_project, do_save_project
from jixiao.web.actions.review import do_transition
from jixiao.web.organisations.models import Department, FiscalYear, Region, Role, Unit
from tests.web.conftest import make_user, sample_draft
region = Region.objects.create(name="临淄区", code="370305")
FiscalYear.objects.create(region=region, year=2024, framework="2021")
unit = Unit.objects.create(department=Department.objects.create(region=region, name="区教育局"), name="第一中学")
editor = make_user("editor", Role.UNIT_EDITOR, region, unit.department, unit)
do_create_project(acting_user=editor, unit=unit, year=2024, draft=sample_draft())
p = do_create_project(acting_user=editor, unit=unit, year=2024, draft=sample_draft(name="第二个项目"))
p = do_save_project(acting_user=editor, project=p, draft=sample_draft(name="第二个项目", goal="改过的目标"), expected_version=p.version)
do_transition(acting_user=editor, target=p, verb="submit")
"""

CHANGE = """
from jixiao.web import setup_django; setup_django()
from django.contrib.auth.models import User
from jixiao.web.actions.projects import do_create_project
from jixiao.web.organisations.models import Unit
from jixiao.web.targets.models import Project
from tests.web.conftest import sample_draft
editor = User.objects.get(username="editor")
do_create_project(acting_user=editor, unit=Unit.objects.get(), year=2024, draft=sample_draft(name="备份之后的项目"))
Project.objects.filter(name="第二个项目").update(goal="备份之后改的")
User.objects.filter(username="editor").update(first_name="改名")
"""


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIXIAO_DATA_DIR": str(data_dir)}
    env.pop("JIXIAO_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in rowid order, as SQLite stores it."""
    with sqlite3.connect(path) as db:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: db.execute(f'SELECT * FROM "{n}" ORDER BY rowid').fetchall() for n in names}


def test_the_restore_drill_on_sqlite(tmp_path):
    served = tmp_path / "data"
    done = run(served, "-c", POPULATE)
    assert done.returncode == 0, done.stderr
    database = served / "jixiao.sqlite3"
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    at_backup = tables(database)
    assert len(at_backup["audit_auditevent"]) >= 4 and len(at_backup["targets_project"]) == 2
    assert any("." in str(row[1]) for row in at_backup["audit_auditevent"])  # microseconds are there to lose

    out = tmp_path / "jixiao.backup"
    done = run(served, "-m", "jixiao.cli", "backup", str(out))
    assert done.returncode == 0, done.stderr
    assert run(served, "-m", "jixiao.cli", "backup", str(out)).returncode == 2  # never overwrites

    assert run(served, "-c", CHANGE).returncode == 0
    assert tables(database) != at_backup

    done = run(served, "-m", "jixiao.cli", "restore", str(out))
    assert done.returncode == 0, done.stderr
    assert tables(database) == at_backup


def test_a_file_of_the_wrong_kind_is_refused_and_nothing_changes(tmp_path):
    served = tmp_path / "data"
    assert run(served, "-c", POPULATE).returncode == 0
    before = tables(served / "jixiao.sqlite3")
    bogus = tmp_path / "dump.backup"
    bogus.write_bytes(b"PGDMP\x01\x0e\x00 not for SQLite")
    done = run(served, "-m", "jixiao.cli", "restore", str(bogus))
    assert done.returncode == 2 and "不是 SQLite 备份" in done.stderr
    assert tables(served / "jixiao.sqlite3") == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("JIXIAO_DATABASE_URL", "").startswith("postg"),
    reason="the PostgreSQL path: the lead runs it",
)
def test_the_round_trip_on_postgresql(tmp_path, world):
    from django.db import connection

    from jixiao.cli.backup import backup_database, restore_database
    from jixiao.web.audit import record

    record(world.finance, "save", world.region, message="备份之前")

    def rows() -> dict[str, list[tuple[object, ...]]]:
        with connection.cursor() as cursor:
            found = {}
            for name in connection.introspection.table_names(cursor):
                cursor.execute(f'SELECT * FROM "{name}" ORDER BY 1')
                found[name] = cursor.fetchall()
            return found

    at_backup = rows()
    out = tmp_path / "jixiao.backup"
    backup_database(connection.settings_dict, out)
    record(world.finance, "save", world.region, message="备份之后")
    world.region.name = "改名区"
    world.region.save()
    connection.close()
    restore_database(connection.settings_dict, out)
    assert rows() == at_backup
