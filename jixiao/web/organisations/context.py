"""Template context: the signed-in person's role, so every page can show who is acting."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.policy import actor_of


def actor(request: HttpRequest) -> dict[str, Any]:
    return {"actor": actor_of(request.user)}
