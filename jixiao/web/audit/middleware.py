"""Marks every request with an id and its origin so that audit rows say which request made a change."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from jixiao.web.audit.context import Origin, new_request_id, origin


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request.headers.get("X-Request-Id", "")[:32] or new_request_id()
        via = "api" if request.path.startswith("/api/") else "web"
        ip = request.META.get("REMOTE_ADDR", "")
        with origin(
            Origin(
                via=via, request_id=request_id, ip=ip, path=request.path[:300], method=request.method or ""
            )
        ):
            response = self.get_response(request)
        response["X-Request-Id"] = request_id
        return response
