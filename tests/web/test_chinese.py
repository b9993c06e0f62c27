"""The system speaks Simplified Chinese to everyone: the back office whatever the browser asks, and the
error pages in the site's own layout."""

from __future__ import annotations

from typing import Any


def test_admin_answers_in_chinese_to_an_english_browser(world: Any, client: Any) -> None:
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    text = page.content.decode()
    assert page.status_code == 200
    assert "用户名" in text and "Username" not in text
