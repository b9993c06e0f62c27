"""The audit table is append-only in the database itself, not only by convention.

Triggers refuse every UPDATE and DELETE of ``audit_auditevent``, whoever sends it: the application, the admin,
a shell or a script. Installed by the audit app's migration 0002; one statement per list item, so no SQL
splitting is needed. PostgreSQL's TRUNCATE (a whole-table reset, which only the owner may run) is not a row
change and is left to the database's own permissions.
"""

from __future__ import annotations

TABLE = "audit_auditevent"

SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{op.lower()} BEFORE {op} ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '审计记录只能追加, 不能修改或删除 (audit log is append-only: {op} refused)'); END"
    for op in ("UPDATE", "DELETE")
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{op}" for op in ("update", "delete")]

POSTGRESQL_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录只能追加, 不能修改或删除 (audit log is append-only: % refused)', TG_OP;
END
$$ LANGUAGE plpgsql""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()",
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
]

INSTALL = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRESQL_INSTALL}
REMOVE = {"sqlite": SQLITE_REMOVE, "postgresql": POSTGRESQL_REMOVE}
