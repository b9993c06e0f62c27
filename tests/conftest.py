"""Suite-wide settings."""

from hypothesis import settings

# Property tests check behaviour, not speed (speed is measured in bench/): no per-example deadline, which a
# loaded CI machine would otherwise trip at random.
settings.register_profile("jixiao", deadline=None)
settings.load_profile("jixiao")


def _flush_past_the_audit_guard() -> None:
    """Tests that commit (live servers, migrations) are cleaned by Django's flush, which on SQLite empties
    tables with DELETE; the audit table refuses DELETE (jixiao.web.audit.guard), so the test flush lifts its
    triggers for that one statement list and puts them back. The application has no such path."""
    import django.db.backends.sqlite3.base  # noqa: F401  (first: importing operations alone is circular)
    from django.db.backends.sqlite3.operations import DatabaseOperations

    original = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):  # type: ignore[no-untyped-def]
        from jixiao.web.audit.guard import SQLITE_INSTALL, SQLITE_REMOVE, TABLE

        statements = original(
            self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        return [*SQLITE_REMOVE, *statements, *SQLITE_INSTALL] if TABLE in tables else statements

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]


_flush_past_the_audit_guard()
