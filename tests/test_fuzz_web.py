# ruff: noqa: F811  (the web fixtures are imported by name: pytest sees them as redefined arguments)
"""Crafted files through the web (issue 17): uploaded to the template page by a unit editor and to the import
page by a finance admin, each is a form error — read in a child process under memory and time limits
(:mod:`jixiao.web.isolated`) — the server's own memory stays where it was, and the next request is served."""

from __future__ import annotations

import resource

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.isolated import Refused, run_isolated
from tests.fuzz_corpus import crafted_files
from tests.web.conftest import (  # noqa: F401 (fixtures)
    PASSWORD,
    draft_project,
    fast_password_hasher,
    opened,
    world,
)

CASES = [
    "far-cell.xlsx",
    "full-sheet-merge.xlsx",
    "hyperlink-over-sheet.xlsx",
    "zip-bomb.xlsx",
    "laughs-sheet.xlsx",
    "grid-span.docx",
    "zip-bomb.docx",
    "spans.html",
    "flipped-0.pdf",
    "truncated.xlsx",
    "pdf-named.xlsx",
]
FILES = {name: data for name, data in crafted_files() if name in CASES}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_each_crafted_file_is_a_form_error_on_both_pages_and_the_server_stays_small(world, client) -> None:
    before = _peak_mb()
    client.login(username=world.editor_a1.username, password=PASSWORD)
    for name in CASES:
        page = client.post("/work/template/", {"file": SimpleUploadedFile(name, FILES[name])})
        assert page.status_code == 200, name
        assert client.get("/work/template/").status_code == 200
    client.logout()
    client.login(username=world.admin.username, password=PASSWORD)
    for name in CASES:
        page = client.post(
            "/work/import/",
            {"region": world.region.pk, "year": "2024", "file": SimpleUploadedFile(name, FILES[name])},
        )
        assert page.status_code == 200, name
        errors = page.context["form"].errors
        assert "file" in errors, name
        assert errors["file"][0].startswith("无法读取该文档："), errors
        assert client.get("/work/import/").status_code == 200
    assert _peak_mb() - before < 300, f"the server grew from {before:.0f} MB to {_peak_mb():.0f} MB"


def test_a_template_page_error_names_what_is_wrong(world, client) -> None:
    client.login(username=world.editor_a1.username, password=PASSWORD)
    page = client.post("/work/template/", {"file": SimpleUploadedFile("x.xlsx", FILES["zip-bomb.xlsx"])})
    assert "压缩比超出上限" in page.content.decode()


def test_a_child_past_its_memory_limit_is_a_refusal_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.ingest import read_document

    monkeypatch.setenv("JIXIAO_UPLOAD_MEMORY", str(60 * 1024 * 1024))
    data = ("项目名称\t路灯\n" * 200_000).encode()
    with pytest.raises(Refused, match="内存"):
        run_isolated(read_document, data, "big.txt")


def test_the_import_page_accepts_what_its_label_says(world, client) -> None:
    client.login(username=world.admin.username, password=PASSWORD)
    page = client.get("/work/import/").content.decode()
    assert "公开文档（.txt / .md / .pdf / .docx / .xlsx / .html）" in page
    assert 'accept=".txt,.md,.markdown,.text,.tsv,.pdf,.docx,.xlsx,.xlsm,.html,.htm"' in page


def test_both_pages_read_in_the_limited_child(world, client, monkeypatch: pytest.MonkeyPatch) -> None:
    # With the child's memory cut below what it already has, both pages say so: they read only there.
    monkeypatch.setenv("JIXIAO_UPLOAD_MEMORY", str(10 * 1024 * 1024))
    big = ("项目名称\t路灯\n" * 200_000).encode()
    client.login(username=world.admin.username, password=PASSWORD)
    page = client.post(
        "/work/import/", {"region": world.region.pk, "file": SimpleUploadedFile("big.txt", big)}
    )
    assert "内存" in page.context["form"].errors["file"][0]
    client.logout()
    client.login(username=world.editor_a1.username, password=PASSWORD)
    page = client.post("/work/template/", {"file": SimpleUploadedFile("t.xlsx", FILES["far-cell.xlsx"])})
    assert "内存" in page.content.decode()


def test_a_crafted_file_uploaded_as_a_monitoring_table_is_refused_whole(
    world, opened, client, monkeypatch
) -> None:
    client.login(username=world.editor_a1.username, password=PASSWORD)
    url = f"/work/monitoring/rounds/{opened.pk}/upload/"
    for name in ("full-sheet-merge.xlsx", "zip-bomb.xlsx", "flipped-0.pdf"):
        page = client.post(url, {"file": SimpleUploadedFile(name, FILES[name]), "next": "/work/monitoring/"})
        assert page.status_code == 422 and "整个文件未读入" in page.content.decode(), name
    monkeypatch.setenv("JIXIAO_UPLOAD_MEMORY", str(10 * 1024 * 1024))  # read only in the limited child
    page = client.post(url, {"file": SimpleUploadedFile("t.xlsx", FILES["far-cell.xlsx"]), "next": "/work/"})
    assert page.status_code == 422 and "内存" in page.content.decode()
    assert client.get("/work/monitoring/").status_code == 200
