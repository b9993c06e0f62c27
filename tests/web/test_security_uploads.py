"""Uploads (issue 17 §7): each page has its own size limit, set in the settings; a file whose content is not
what its extension says is refused before any reader opens it; previewed uploads kept in uploads/ are removed
once the preview has expired. Each refusal is a form error in Chinese, never a 500."""

from __future__ import annotations

import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.uploads import content_problem, sweep_expired_uploads, uploads_dir

pytestmark = pytest.mark.django_db

TEXT = "临淄区2024年项目支出绩效目标\n项目名称：校园安全设施改造项目\n".encode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", TEXT),
        ("a.docx", TEXT),
        ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ("a.txt", b"%PDF-1.7\n%binary"),
        ("a.md", b"PK\x03\x04" + b"\x00" * 64),
        ("a.html", b"<html>\x00\x01\x02\x00</html>"),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(name, data):
    assert content_problem(data, name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("a.docx", b"PK\x03\x04rest"),
        ("a.txt", TEXT),
        ("a.txt", "\ufeff项目".encode("utf-16")),
        ("a.html", "<html><td>产出指标</td></html>".encode()),
    ],
)
def test_content_that_agrees_passes(name, data):
    assert content_problem(data, name) is None


def post_import(client, world, name: str, data: bytes):
    client.force_login(world.admin)
    upload = SimpleUploadedFile(name, data)
    return client.post("/work/import/", {"region": world.region.pk, "year": 2024, "file": upload})


def test_the_import_page_refuses_a_file_over_its_limit(client, world, settings):
    settings.JIXIAO_UPLOAD_LIMITS = {**settings.JIXIAO_UPLOAD_LIMITS, "import": 1024}
    response = post_import(client, world, "big.txt", TEXT * 40)
    assert response.status_code == 200
    assert "上传的公开文档“big.txt”过大" in response.content.decode()
    assert "jixiao_import" not in client.session


def test_the_import_page_refuses_a_pdf_that_is_not_one(client, world):
    response = post_import(client, world, "disclosure.pdf", TEXT)
    assert response.status_code == 200
    assert "内容却不是 PDF" in response.content.decode()
    assert "jixiao_import" not in client.session


def test_the_template_page_has_its_own_limit(client, world, settings):
    settings.JIXIAO_UPLOAD_LIMITS = {**settings.JIXIAO_UPLOAD_LIMITS, "template": 100}
    client.force_login(world.editor_a1)
    upload = SimpleUploadedFile("filled.xlsx", b"PK\x03\x04" + b"\x00" * 200)
    response = client.post("/work/template/", {"file": upload})
    assert response.status_code == 200 and "上传的填报模板“filled.xlsx”过大" in response.content.decode()


def test_expired_previews_are_removed_and_fresh_ones_kept(settings):
    settings.JIXIAO_PREVIEW_HOURS = 24
    old, fresh = uploads_dir() / "old-h11.bin", uploads_dir() / "fresh-h11.bin"
    old.write_bytes(b"x")
    fresh.write_bytes(b"y")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    try:
        assert sweep_expired_uploads() >= 1
        assert not old.exists() and fresh.exists()
    finally:
        fresh.unlink(missing_ok=True)


def test_a_new_upload_sweeps_expired_previews(client, world):
    old = uploads_dir() / "old-h11-upload.bin"
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 30 * 3600,) * 2)
    post_import(
        client, world, "disclosure.pdf", TEXT
    )  # refused, but the sweep runs only for a file it accepts
    assert old.exists()
    post_import(client, world, "disclosure.txt", TEXT)
    assert not old.exists()
