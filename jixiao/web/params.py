"""Query and form parameters read as what they must be — a whole number in range, one of a few
choices — or refused with a 400 that names the parameter in Chinese (:class:`~jixiao.web.errors.BadParameter`).

A malformed parameter is the caller's mistake, never a server error: ``int('abc')``, a framework the
forms do not know or an id past the database's integers would otherwise answer 500.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from django.http import HttpRequest, HttpResponse

from jixiao.web.errors import BadParameter

ID_MAX = 2**63 - 1  # the largest primary key SQLite and PostgreSQL's bigint hold
YEARS = (2000, 2100)
MAX_ROWS = 500  # rows one editing grid holds (a project has a few dozen indicators)


def int_param(
    params: Mapping[str, str], name: str, default: int | None = None, *, low: int = 0, high: int = ID_MAX
) -> int | None:
    """The whole number ``params[name]`` (``default`` when absent or blank), between ``low`` and ``high``."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise BadParameter(f"参数 {name} 应为整数，而不是“{raw[:20]}”。")
    value = int(raw)
    if not low <= value <= high:
        raise BadParameter(f"参数 {name} 应在 {low} 至 {high} 之间，而不是 {raw[:20]}。")
    return value


def year_param(params: Mapping[str, str], name: str = "year", default: int | None = None) -> int | None:
    """A budget year (2000–2100)."""
    return int_param(params, name, default, low=YEARS[0], high=YEARS[1])


def id_param(params: Mapping[str, str], name: str) -> int | None:
    """A row's id; absent or blank is ``None``."""
    return int_param(params, name, low=1)


def choice_param(params: Mapping[str, str], name: str, choices: Iterable[str], default: str) -> str:
    """One of ``choices`` (``default`` when absent or blank)."""
    raw = (params.get(name) or "").strip()
    allowed = list(choices)
    if not raw:
        return default
    if raw not in allowed:
        raise BadParameter(f"参数 {name} 应为 {'、'.join(allowed)} 之一，而不是“{raw[:20]}”。")
    return raw


class RefuseNulParameters:
    """Refuse a query string holding a NUL character with a 400: no parameter of ours may hold one, and
    PostgreSQL cannot even compare text with it (it would answer 500 from any search or filter)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in v for v in values):
                raise BadParameter(f"参数 {name.replace(chr(0), '')[:20]} 含有空字符（NUL），无法使用。")
        return self.get_response(request)
