"""The audit log cannot be rewritten: the database itself refuses UPDATE and DELETE of audit rows, through the
ORM, through raw SQL and in bulk, on SQLite and on PostgreSQL alike; appending still works."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from jixiao.web.audit import record
from jixiao.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(world) -> AuditEvent:
    return record(world.finance, "save", world.region, message="原始记录")


def refused(change) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        change()


def test_a_row_cannot_be_changed_through_the_orm(row):
    row.message = "改写"
    refused(row.save)
    refused(lambda: AuditEvent.objects.filter(pk=row.pk).update(verb="approve"))
    assert AuditEvent.objects.get(pk=row.pk).message == "原始记录"


def test_a_row_cannot_be_deleted_one_by_one_or_in_bulk(row):
    refused(row.delete)
    refused(AuditEvent.objects.all().delete)
    assert AuditEvent.objects.filter(pk=row.pk).exists()


def test_raw_sql_is_refused_too(row):
    def raw(sql: str):
        def run() -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql, [row.pk])

        return run

    refused(raw("UPDATE audit_auditevent SET ok = NOT ok WHERE id = %s"))
    refused(raw("DELETE FROM audit_auditevent WHERE id = %s"))
    assert AuditEvent.objects.filter(pk=row.pk, ok=True).count() == 1


def test_appending_still_works(row, world):
    record(world.finance, "save", world.region, message="第二条")
    assert AuditEvent.objects.count() == 2
