"""公开文档: the finance admin ticks projects and department targets and downloads the document;
a finance reviewer may look; everyone else is refused and the refusal is on record."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import DepartmentTarget, Project
from tests.web.conftest import PASSWORD
from tests.web.documents import small_document

URL = "/work/disclosure/"


@pytest.fixture
def published(world):
    """The small disclosure loaded into the region for 2022 (two projects, one department target)."""
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    return world


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def download(client, **fields):
    projects = list(Project.objects.order_by("pk").values_list("pk", flat=True))
    targets = list(DepartmentTarget.objects.values_list("pk", flat=True))
    data = {"year": 2022, "state": "approved", "fmt": "docx", "preface": "auto", "project": projects,
            "target": targets, **fields}
    return client.post(URL, data)


def docx_text(content: bytes) -> str:
    doc = DocxDocument(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_finance_admin_sees_projects_grouped_by_department_with_state_and_funds(published, client):
    page = login(client, published.admin).get(URL).content.decode()
    assert 'data-department="区水利局"' in page and 'data-department="区教育局"' in page
    assert "农村饮水安全工程1" in page and "101.00" in page and "已公开" in page
    assert 'id="download"' in page and "区水利局" in page.split('id="targets"')[1]


def test_finance_admin_downloads_the_ticked_selection_as_docx(published, client):
    login(client, published.admin)
    first = Project.objects.order_by("pk").first()
    response = download(client, project=[first.pk], target=[])
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert first.name in text and "中小学校舍维修2" not in text
    event = AuditEvent.objects.get(verb="disclose")
    assert event.actor == published.admin and event.detail["projects"] == [first.pk]


@pytest.mark.parametrize("fmt,magic", [("xlsx", b"PK"), ("html", b"<!"), ("pdf", b"%PDF")])
def test_every_format_downloads(published, client, fmt, magic):
    response = download(login(client, published.admin), fmt=fmt)
    assert response.status_code == 200 and response.content.lstrip()[:4].startswith(magic)
    if fmt == "xlsx":
        sheets = load_workbook(io.BytesIO(response.content)).sheetnames
        assert len(sheets) > 1


def test_computed_preface_replaces_the_printed_one(published, client):
    login(client, published.admin)
    printed = docx_text(download(client, preface="auto").content)
    computed = docx_text(download(client, preface="computed").content)
    assert "本次公开项目2个。" in printed and "本次公开项目2个。" not in computed


def test_an_empty_selection_is_refused_with_a_message(published, client):
    response = download(login(client, published.admin), project=[], target=[])
    assert response.status_code == 200 and "请至少勾选一个项目" in response.content.decode()


def test_a_finance_admin_sees_only_its_own_region(published, client):
    page = login(client, published.other_finance).get(URL).content.decode()
    assert "淄川区" in page and "农村饮水安全工程1" not in page


def test_another_regions_projects_cannot_be_smuggled_in(published, client):
    do_import_document(acting_user=published.other_finance, region=published.other_region, year=2022,
                       document=small_document(sha="b" * 64))
    foreign = Project.objects.filter(region=published.other_region).first()
    response = download(login(client, published.admin), project=[foreign.pk], target=[])
    assert response.status_code == 200 and "attachment" not in response.get("Content-Disposition", "")


def test_finance_reviewer_may_look_but_not_download(published, client):
    login(client, published.finance)
    page = client.get(URL).content.decode()
    assert "农村饮水安全工程1" in page and 'id="download"' not in page and 'id="view-only"' in page
    assert download(client).status_code == 403
    assert AuditEvent.objects.filter(verb="disclose", ok=False, actor=published.finance).exists()


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_a"])
def test_other_roles_are_refused_and_logged(published, client, who):
    user = getattr(published, who)
    login(client, user)
    assert client.get(URL).status_code == 403
    assert download(client).status_code == 403
    assert AuditEvent.objects.filter(verb="view-disclosure", ok=False, actor=user).count() == 2


def test_anonymous_is_sent_to_login(published, client):
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize("who", ["public", "editor_a1", "editor_b1", "reviewer_a", "finance", "admin",
                                 "other_finance"])
def test_who_reaches_the_publishing_pages(world, client, who):
    pages = {URL: {"finance", "admin", "other_finance"}, "/work/template/": {"editor_a1", "editor_b1"}}
    if who != "public":
        login(client, getattr(world, who))
    for url, allowed in pages.items():
        expected = 200 if who in allowed else (302 if who == "public" else 403)
        assert client.get(url).status_code == expected, (who, url)
