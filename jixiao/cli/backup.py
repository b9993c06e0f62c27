"""``jixiao backup OUT`` and ``jixiao restore IN``: an exact copy of the database, taken while it is served.

SQLite (served in WAL mode) is copied page by page through its online backup API, so a copy taken during
writes is one consistent state and every value, timestamps to the microsecond included, comes back as it was.
PostgreSQL goes through ``pg_dump --format=custom``; a restore turns the file into SQL with ``pg_restore --clean``
and runs it with ``psql`` in one transaction (the partitioned indicator table dropped first). A restore
replaces the whole database: stop the server (and ``db_worker``) first. The file says which kind it is, and a
restore refuses a file of the other kind or a damaged one before touching the database.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from jixiao.cli.errors import fail

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


def backup(
    out: Annotated[
        Path, typer.Argument(help="备份文件 (SQLite 数据库文件或 pg_dump 自定义格式)", show_default=False)
    ],
) -> None:
    """备份数据库到文件, 运行中也可 (back up the database to OUT, safe while the server runs)."""
    settings_dict = database_settings()
    if out.exists():
        fail(f"{out} 已存在, 不覆盖", f"{out} exists; not overwritten")
    backup_database(settings_dict, out)
    typer.echo(f"已备份 / backed up: {out} ({out.stat().st_size} 字节 / bytes)")


def restore(
    source: Annotated[Path, typer.Argument(help="jixiao backup 写出的备份文件", show_default=False)],
) -> None:
    """用备份文件替换整个数据库; 先停止网站 (replace the whole database with a backup; stop the server first)."""
    settings_dict = database_settings()
    restore_database(settings_dict, source)
    typer.echo(f"已恢复 / restored from {source}")


def database_settings() -> dict[str, Any]:
    from jixiao.web import setup_django

    setup_django()
    from django.db import connection

    return dict(connection.settings_dict)


def backup_database(settings_dict: dict[str, Any], out: Path) -> None:
    """Write the database of ``settings_dict`` to ``out`` (a new file)."""
    if is_sqlite(settings_dict):
        partial = out.with_name(out.name + ".partial")
        source, target = connect_sqlite(settings_dict), sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        partial.replace(out)
    else:
        run_pg(["pg_dump", "--format=custom", "--no-owner", f"--file={out}"], settings_dict)


def restore_database(settings_dict: dict[str, Any], source: Path) -> None:
    """Replace the database of ``settings_dict`` by the backup in ``source``; refuse a file of the wrong kind."""
    try:
        with source.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as err:
        fail(f"无法读取 {source}: {err.strerror}", f"cannot read {source}: {err.strerror}")
    if is_sqlite(settings_dict):
        if not head.startswith(SQLITE_MAGIC):
            fail(f"{source} 不是 SQLite 备份", f"{source} is not a SQLite backup")
        backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = backup_file.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                fail(f"{source} 已损坏: {check}", f"{source} is damaged: {check}")
            target = connect_sqlite(settings_dict)
            try:
                backup_file.backup(target)
            finally:
                target.close()
        finally:
            backup_file.close()
    else:
        if not head.startswith(PGDUMP_MAGIC):
            fail(f"{source} 不是 pg_dump 自定义格式的备份", f"{source} is not a pg_dump custom-format backup")
        restore_postgresql(settings_dict, source)


# pg_restore --clean cannot drop a partition's primary key or indexes (they belong to the partitioned
# table's), so the partitioned tables (the indicator table, targets 0013) go first, partitions and all.
DROP_PARTITIONED = """DO $$ DECLARE t regclass; BEGIN
    FOR t IN SELECT partrelid::regclass FROM pg_partitioned_table LOOP
        EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', t);
    END LOOP;
END $$"""


def restore_postgresql(settings_dict: dict[str, Any], source: Path) -> None:
    """The backup turned into SQL by pg_restore (which refuses a damaged file before anything is touched),
    then run by psql in one transaction after dropping the partitioned tables: all of it, or nothing."""
    with tempfile.TemporaryDirectory(prefix="jixiao-restore-") as folder:
        script = Path(folder) / "restore.sql"
        run_pg(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--file={script}", str(source)],
            settings_dict,
            database=False,
        )
        run_pg(
            ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1"]
            + ["--command", DROP_PARTITIONED, f"--file={script}"],
            settings_dict,
        )


def is_sqlite(settings_dict: dict[str, Any]) -> bool:
    return "sqlite" in settings_dict["ENGINE"]


def connect_sqlite(settings_dict: dict[str, Any]) -> sqlite3.Connection:
    name = str(settings_dict["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"), timeout=20)


def run_pg(command: list[str], settings_dict: dict[str, Any], *, database: bool = True) -> None:
    """Run a PostgreSQL client for the database of ``settings_dict`` (or, ``database=False``, for none: a
    pg_restore writing a script); its own error on failure."""
    env = {**os.environ, "PGPASSWORD": str(settings_dict.get("PASSWORD") or "")}
    target = [f"--dbname={settings_dict['NAME']}"] if database else []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database and settings_dict.get(key):
            target.append(f"{option}={settings_dict[key]}")
    try:
        done = subprocess.run([*command, *target], env=env, capture_output=True, text=True)
    except FileNotFoundError:
        fail(
            f"找不到 {command[0]}, 请安装 PostgreSQL 客户端",
            f"{command[0]} not found; install the PostgreSQL client",
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        fail(f"{command[0]} 失败: {last}", f"{command[0]} failed: {last}")
