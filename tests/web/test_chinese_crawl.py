"""No English on any page: every page of the demo, anonymously and as each role, and every API refusal,
read as a person sees it (text, titles, placeholders, button words), holds no English word outside an
allow-list of codes, units and names (PDF, XLSX, API …) and the words of the imported documents themselves.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import pytest
from django.test import Client

from tests.web.crawl import page_urls

# Codes, formats, product and standard names a Chinese page may show as they are.
ALLOWED = {
    "jixiao", "pdf", "xlsx", "docx", "csv", "txt", "md", "html", "json", "api", "excel", "word", "bearer",
    "jx", "csrf", "csrftoken", "yyyy", "mm", "dd", "http", "https", "id", "uuid", "openapi", "docs",
    "ok", "vs", "no", "kb", "mb", "gb", "xfd", "utf", "authorization", "get", "post", "put", "patch", "delete",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z]+")


class _Visible(HTMLParser):
    """The text a person reads: text outside script and style, and the titles, placeholders and labels."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.parts.append(value)
            if name == "value" and tag == "input" and ("type", "submit") in attrs and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def sample_words() -> set[str]:
    """The ASCII words of the bundled samples: data a page shows as it was published."""
    folder = resources.files("jixiao") / "data" / "samples"
    text = " ".join(
        (folder / f).read_text(encoding="utf-8")
        for f in ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")
    )
    return {w.lower() for w in WORD.findall(text)}


def english_words(text: str, allowed: set[str]) -> set[str]:
    return {w for w in WORD.findall(text) if w.lower() not in allowed}


@pytest.fixture
def demo(db: Any, fast_password_hasher: None) -> list[Any]:
    from jixiao.web.demo import load_demo, sample_documents

    return load_demo(sample_documents())


def _pick(user: Any) -> Any:
    def pick(model: Any) -> Any:
        rows = model.objects.order_by("pk")
        if hasattr(rows, "visible_to"):
            rows = rows.visible_to(user)
        return rows.first() or model.objects.order_by("pk").first()

    return pick


def test_no_page_shows_an_english_word(demo: list[Any]) -> None:
    from django.contrib.auth.models import User

    allowed = ALLOWED | sample_words() | {a.username for a in demo}
    found: dict[str, set[str]] = {}
    for username in [None, *(a.username for a in demo)]:
        user = User.objects.get(username=username) if username else None
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for name, path in page_urls(fmt="xlsx", pick=_pick(user)):
            response = client.get(path)
            if "text/html" not in response.get("Content-Type", ""):
                continue
            words = english_words(visible_text(response.content.decode()), allowed)
            if words:
                found.setdefault(f"{name} {path}", set()).update(words)
    assert not found, "\n".join(f"{k}: {sorted(v)[:15]}" for k, v in sorted(found.items()))


def test_no_api_refusal_has_an_english_word(world: Any, client: Any) -> None:
    from jixiao.web.organisations.models import ApiToken

    _, token = ApiToken.issue(world.editor_a1)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    answers = [
        client.post("/api/projects", {}, content_type="application/json"),
        client.post("/api/projects", "{not json", content_type="application/json", **bearer),
        client.post(
            "/api/projects",
            {"year": "x", "funds_total": [], "indicators": [{}]},
            content_type="application/json",
            **bearer,
        ),
        client.get("/api/projects?limit=-5&offset=abc"),
        client.get("/api/projects/abc"),
        client.get("/api/projects/999999"),
        client.get("/api/nowhere"),
        client.get("/api/projects", HTTP_AUTHORIZATION="Basic abc"),
        client.delete("/api/projects", **bearer),
    ]
    for response in answers:
        assert 400 <= response.status_code < 500
        body = response.json()
        detail = body["detail"]
        for place in sorted(
            body["problems"], key=len, reverse=True
        ):  # a field's path is the API's own name for it, as in its schema
            detail = detail.replace(place, "")
        text = " ".join([detail, *body["problems"].values()])
        assert not english_words(text, ALLOWED), (response.status_code, body)
