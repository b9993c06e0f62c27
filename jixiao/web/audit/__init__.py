"""Audit rows written inside actions; see :mod:`jixiao.web.audit.models`."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit.context import current_origin


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
    return AuditEvent.objects.create(
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
