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
