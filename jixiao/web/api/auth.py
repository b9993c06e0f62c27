"""API authentication: a bearer token (``Authorization: Bearer jx_…``) or the browser's session.

Reads work without credentials and show what the public may see; writes need a token or a session
(sessions with the CSRF token, as for the pages).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from jixiao.web.api.errors import CsrfRefused
from jixiao.web.organisations.models import ApiToken


def user_for_token(token: str) -> Any:
    found = ApiToken.objects.select_related("user").filter(digest=ApiToken.hash(token), revoked=False).first()
    return found.user if found and found.user.is_active else None


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return user_for_token(token)


class Session(SessionAuth):
    """The browser's session. Someone not signed in is asked to sign in (401) before any CSRF check; a
    signed-in write without the CSRF token is refused in Chinese (403)."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise CsrfRefused()
        return request.COOKIES.get(self.param_name)


WRITE_AUTH = [BearerToken(), Session()]


def reader(request: HttpRequest) -> Any:
    """The person behind a read request: the token's user, the session's user, or the public (``None``)."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError()
        return user
    return request.user if request.user.is_authenticated else None


def writer(request: HttpRequest) -> Any:
    """The authenticated user of a write request (ninja has already checked it)."""
    return request.auth
