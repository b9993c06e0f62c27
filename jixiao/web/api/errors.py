"""Every API refusal in Chinese and in one shape: ``{"detail": "…", "problems": {"位置": "…"}}``.

django-ninja answers in English ("Unauthorized", "CSRF check Failed", "Not Found") and passes pydantic's
errors through ("Field required" at ``["body", "body", "year"]``). Here each becomes one Chinese sentence,
and a validation error names each field by its readable path (``year``, ``indicators.0.value``) with what
is wrong with it. A missing login is a 401 before any CSRF check, so an anonymous write is told to sign in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from jixiao.web import policy
from jixiao.web.actions import ActionError, Invalid, StaleEdit

LOGIN_NEEDED = "需要登录：请在请求头提供有效的 API 令牌（Authorization: Bearer jx_…），或先登录网站。"
CSRF_FAILED = "CSRF 校验未通过：使用登录会话写入时，请在请求头 X-CSRFToken 中提供页面的 csrftoken。"
INVALID = "请求数据有误"
STATUS_WORDS = {
    400: "请求有误。",
    401: LOGIN_NEEDED,
    403: "无权执行此操作。",
    404: "未找到，或无权查看。",
    405: "不支持此请求方法。",
    409: "内容已被他人修改，请刷新后重试。",
    413: "请求内容过大。",
    415: "不支持此内容类型，请以 JSON 发送。",
    429: "请求过于频繁，请稍后再试。",
}
# django-ninja's own English refusals, in Chinese.
NINJA_WORDS = {"Cannot parse request body": "请求体无法解析，应为有效的 JSON。"}
# pydantic's error types → what is wrong, in Chinese ({…}: the error's context).
PYDANTIC_WORDS = {
    "missing": "必填",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "不能超过 {max_length} 个字符",
    "too_short": "至少 {min_length} 项",
    "too_long": "不能超过 {max_length} 项",
    "list_type": "应为列表",
    "dict_type": "应为对象",
    "model_type": "应为对象",
    "model_attributes_type": "应为对象",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间",
    "datetime_from_date_parsing": "应为日期时间",
    "datetime_type": "应为日期时间",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "enum": "应为以下之一：{expected}",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "uuid_parsing": "应为 UUID",
    "extra_forbidden": "不接受此字段",
    "finite_number": "应为有限的数字",
}
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def where(loc: list[Any] | tuple[Any, ...]) -> str:
    """A readable field path: ``["body", "body", "year"]`` → ``year``; the request part and the handler's
    argument name (``body``, ``payload``, ``filters``…) left out."""
    parts = [str(p) for p in loc]
    while parts and parts[0] in _SOURCES:
        parts.pop(0)
    if (
        len(parts) > 1
        and not parts[0].isdigit()
        and parts[0] in ("body", "payload", "data", "filters", "params")
    ):
        parts.pop(0)
    return ".".join(parts) or "请求"


def problem(error: dict[str, Any]) -> str:
    """What is wrong in Chinese: the type's words, else a validator's own Chinese message, else 格式不正确."""
    words = PYDANTIC_WORDS.get(str(error.get("type", "")))
    if words:
        try:
            return words.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            return words.split("{")[0].rstrip("：") or "格式不正确"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return message if _has_chinese(message) else "格式不正确"


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    problems: dict[str, str] = {}
    for error in errors:
        problems.setdefault(where(error.get("loc") or ()), problem(error))
    listed = "；".join(f"{k} {v}" for k, v in list(problems.items())[:5])
    return {"detail": f"{INVALID}：{listed}。", "problems": problems}


class WrongMethodAnswer:
    """Middleware: the API's 405 (django-ninja answers it in English, as text) in the one shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        json = response.get("Content-Type", "").startswith("application/json")
        if response.status_code == 405 and request.path.startswith("/api/") and not json:
            allowed = response.get("Allow", "")
            answer = JsonResponse(
                {"detail": f"不支持此请求方法（可用：{allowed}）。", "problems": {}},
                status=405,
                json_dumps_params={"ensure_ascii": False},
            )
            answer["Allow"] = allowed
            return answer
        return response


class CsrfRefused(HttpError):
    """A signed-in session wrote without the CSRF token."""

    def __init__(self) -> None:
        super().__init__(403, CSRF_FAILED)


def install(api: NinjaAPI) -> None:
    """Answer every refusal of ``api`` in the one Chinese shape."""

    def answer(request: HttpRequest, status: int, detail: str, problems: Any = None) -> HttpResponse:
        return api.create_response(request, {"detail": detail, "problems": problems or {}}, status=status)

    @api.exception_handler(ValidationError)
    def invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_body(list(exc.errors)), status=422)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return answer(request, 401, LOGIN_NEEDED)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        text = str(exc)
        detail = (
            text
            if _has_chinese(text)
            else NINJA_WORDS.get(text) or STATUS_WORDS.get(exc.status_code, "请求有误。")
        )
        return answer(request, exc.status_code, detail)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        text = str(exc)
        return answer(request, 404, text if _has_chinese(text) else STATUS_WORDS[404])

    @api.exception_handler(policy.Refused)
    def refused(request: HttpRequest, exc: policy.Refused) -> HttpResponse:
        return answer(request, 403, str(exc) or STATUS_WORDS[403])

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        return answer(request, 409, str(exc))

    @api.exception_handler(Invalid)
    def invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
        return answer(request, 422, str(exc), exc.problems)

    @api.exception_handler(ActionError)
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return answer(request, 400, str(exc))
