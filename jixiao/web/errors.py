"""The error pages — 400, 403, 404, 500 and a failed CSRF check — in Chinese and in the site's layout.

Django's own pages are English and bare. A :class:`BadParameter` raised by a view (a malformed query or
form parameter) becomes a 400 naming the parameter; other refusals show their message only when it is
written for people (:class:`~jixiao.web.policy.Refused`), never an exception's English text.
"""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.template.response import TemplateResponse

from jixiao.web.audit.context import current_origin
from jixiao.web.policy import Refused

CSRF_FAILED = "页面已过期或请求来源无法确认，请返回上一页刷新后重试。"


class BadParameter(SuspiciousOperation):
    """A parameter that is not what the page takes; Django answers 400 and the message is shown."""


def _page(request: HttpRequest, template: str, status: int, message: str = "") -> HttpResponse:
    response = TemplateResponse(request, template, {"message": message}, status=status)
    return response.render()


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = str(exception) if isinstance(exception, BadParameter) else ""
    return _page(request, "400.html", 400, message)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = str(exception) if isinstance(exception, Refused) else ""
    return _page(request, "403.html", 403, message)


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _api_answer(status: int, detail: str) -> HttpResponse:
    """The shape of every API refusal (:mod:`jixiao.web.api.errors`), for what never reached the API."""
    return JsonResponse(
        {"detail": detail, "problems": {}}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _api(request):
        return _api_answer(404, "没有这个 API 地址，请查看 /api/docs。")
    return _page(request, "404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _page(request, "403.html", 403, CSRF_FAILED)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: no session, no database, which may be what failed."""
    if _api(request):
        return _api_answer(500, f"服务器内部错误，请稍后重试（请求编号 {current_origin().request_id}）。")
    body = loader.get_template("500.html").render({"request_id": current_origin().request_id})
    return HttpResponse(body, status=500)
