"""Wrong passwords and lockouts are audit rows too, beside django-axes' own access records, so the audit log
alone tells who was locked out, from where, and after how many attempts."""

from __future__ import annotations

from typing import Any

from jixiao.web.audit import record


class Anonymous:
    is_authenticated = False


def login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    name = str(credentials.get("username", ""))[:150]
    record(
        Anonymous(), "login-failed", None, message=f"登录失败: {name}", detail={"username": name}, ok=False
    )


def locked_out(
    sender: Any, request: Any = None, username: str = "", ip_address: str = "", **kwargs: Any
) -> None:
    name = str(username or "")[:150]
    record(
        Anonymous(),
        "login-locked-out",
        None,
        message=f"登录已锁定: {name} ({ip_address})",
        detail={"username": name, "ip": ip_address},
        ok=False,
    )
