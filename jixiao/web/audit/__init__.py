"""Audit rows written inside actions; see :mod:`jixiao.web.audit.models`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from jixiao.web.audit.context import current_origin

# While a bulk import runs, the rows record() builds wait here and are inserted together (deferred()).
_DEFERRED: ContextVar[list[Any] | None] = ContextVar("jixiao_audit_deferred", default=None)


@contextmanager
def deferred() -> Iterator[list[Any]]:
    """Audit rows of the block kept and written by one bulk insert when it ends without an error, with the
    content :func:`record` gives each (a bulk import: many actions, no statement per row). Use it inside the
    block's ``transaction.atomic`` so the rows commit with the change."""
    from jixiao.web.audit.models import AuditEvent

    rows: list[Any] = []
    token = _DEFERRED.set(rows)
    try:
        yield rows
    finally:
        _DEFERRED.reset(token)
    AuditEvent.objects.bulk_create(rows, batch_size=1000)


def record(
    actor: Any,
    verb: str,
    target: Any,
    *,
    message: str = "",
    detail: dict[str, Any] | None = None,
    ok: bool = True,
    project: Any = None,
) -> Any:
    """Write one audit row for ``verb`` on ``target`` by ``actor``, with the current request's origin.

    Call it inside the action's ``transaction.atomic`` block so the row commits with the change.
    """
    from jixiao.web.audit.models import AuditEvent

    here = current_origin()
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        actor=user,
        actor_label=user.get_username() if user else "匿名",
        verb=verb,
        ok=ok,
        target_type=type(target).__name__ if target is not None else "",
        target_id=getattr(target, "pk", None),
        project=project,
        message=message[:500],
        detail=detail or {},
        via=here.via,
        request_id=here.request_id,
        ip=here.ip,
        path=here.path,
    )
    if (waiting := _DEFERRED.get()) is not None:
        waiting.append(event)
    else:
        event.save(force_insert=True)
    return event
