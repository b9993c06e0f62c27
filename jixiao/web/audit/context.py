"""Where the current change comes from (which request, which address, web/API/CLI), for audit rows.

The middleware sets it per request; the CLI sets it around its work. Actions never take a request
parameter, so the same action records the same facts whoever calls it.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Origin:
    via: str  # web | api | cli | test
    request_id: str = ""
    ip: str = ""
    path: str = ""
    method: str = ""


_DEFAULT = Origin(via="code")  # frozen, so sharing it as the default is safe
_current: ContextVar[Origin] = ContextVar("jixiao_origin", default=_DEFAULT)  # noqa: B039


def current_origin() -> Origin:
    return _current.get()


@contextlib.contextmanager
def origin(value: Origin) -> Iterator[Origin]:
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]
