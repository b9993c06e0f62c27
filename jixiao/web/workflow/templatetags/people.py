"""People as the pages name them: 姓名 and where they work (单位, else 部门, else 地区), not login names.

Comments, history and lists say who acted; a reviewer reads "王芳（临淄区综合行政执法局机关）", not
"danwei". Someone without a name on file is shown by login name, so no one is anonymous.
"""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

VIA = {"web": "网页", "api": "API", "cli": "命令行", "test": "测试", "code": "系统"}


def display_name(user: Any) -> str:
    if user is None:
        return "系统"
    return user.get_full_name().strip() or user.get_username()


def workplace(user: Any) -> str:
    profile = getattr(user, "profile", None) if user is not None else None
    if profile is None:
        return ""
    place = profile.unit or profile.department or profile.region
    return str(place.name) if place is not None else ""


@register.filter
def person(user: Any) -> str:
    """``王芳（临淄区综合行政执法局机关）``: the name and where the person works."""
    where = workplace(user)
    return f"{display_name(user)}（{where}）" if where else display_name(user)


@register.filter
def via_label(via: str) -> str:
    """Where a change came from, in words: 网页, API, 命令行."""
    return VIA.get(via, via)
