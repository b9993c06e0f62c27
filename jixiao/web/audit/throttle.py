"""The login throttle's authentication backend: django-axes' check for every sign-in that comes with a
request (the login page, the back office). A sign-in without one — Django's test client ``login``, a
script calling ``authenticate`` — has no address to throttle and goes straight to the password check."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class LoginThrottle(AxesStandaloneBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_ip(request: Any) -> str:
    """The address a lockout counts: behind the HTTPS proxy (``JIXIAO_PROXIES`` of them, 1 in secure mode) the
    address the nearest proxy saw, the entry it appended to ``X-Forwarded-For``; else ``REMOTE_ADDR``. Without
    this every person behind the proxy would share the proxy's address, and one guesser would lock all out."""
    from django.conf import settings

    proxies = settings.JIXIAO_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))
