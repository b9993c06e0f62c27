"""Every unhandled exception of a request is logged with the request's id, so the id a person reports (the
X-Request-Id header, the 500 page) finds the traceback in logs/errors.log and on stderr."""

from __future__ import annotations

import logging
from typing import Any

from jixiao.web.audit.context import current_origin

logger = logging.getLogger("jixiao.errors")


class RequestIdFilter(logging.Filter):
    """Gives each record the current request's id ('-' outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_origin().request_id or "-"
        return True


def log_unhandled(sender: Any, request: Any = None, **kwargs: Any) -> None:
    """``got_request_exception`` receiver: called inside the except block, so exc_info is the exception."""
    path = getattr(request, "path", "?")
    method = getattr(request, "method", "?")
    logger.error("unhandled exception: %s %s", method, path, exc_info=True)
