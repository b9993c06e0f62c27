"""The portal: department targets searched, filtered and paged with the matched rows highlighted; project
results list the matched indicators; 一级/二级 merged; a PDF per project and department; distrusted text
withheld until the finance admin corrects it."""

from __future__ import annotations

import io

import pytest

from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.demo import sample_documents
from jixiao.web.portal import views
from jixiao.web.portal.distrust import WITHHELD
from jixiao.web.portal.models import DistrustedText
from jixiao.web.targets.models import DepartmentTarget, DepartmentTargetRow, Project
from tests.web.documents import small_document


def login(client, user):
    """Signed in as ``user`` (the session alone: these tests are not about signing in)."""
    client.force_login(user)
    return client


@pytest.fixture
def linzi(world):
    from importlib import resources

    from jixiao.web.actions.imports import stated_date_of

    doc = next(d for d in sample_documents() if d.source.name == "linzi-2022.txt")
    data = (resources.files("jixiao") / "data" / "samples" / "linzi-2022.txt").read_bytes()
    published = stated_date_of(data, "linzi-2022.txt")
    return do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=doc, published=published
    )


def test_department_targets_are_found_by_a_rows_words_with_the_row_highlighted(client, linzi):
    page = client.get("/departments/", {"q": "微信公众"}).content.decode()
    assert "共 1 个部门整体绩效目标" in page
    assert '<mark class="hit">微信公众</mark>' in page and "中共临淄区委办公室" in page
    assert "共 0 个" in client.get("/departments/", {"q": "没有这个词"}).content.decode()


def test_department_targets_are_filtered_by_region_year_and_department_and_paged(
    world, client, linzi, monkeypatch
):
    monkeypatch.setattr(views, "PAGE_SIZE", 4)
    first = client.get("/departments/", {"region": world.region.pk, "year": 2022}).content.decode()
    assert "共 10 个部门整体绩效目标" in first and "第 1 / 3 页" in first and "page=2" in first
    last = client.get("/departments/", {"region": world.region.pk, "year": 2022, "page": 3}).content.decode()
    assert last.count('class="card"><a href="/departments/') == 2
    assert "共 0 个" in client.get("/departments/", {"year": 2021}).content.decode()
    assert "共 0 个" in client.get("/departments/", {"region": world.other_region.pk}).content.decode()
    target = DepartmentTarget.objects.get(department__name="临淄区商务局")
    one = client.get(
        "/departments/", {"region": world.region.pk, "department": target.department_id}
    ).content.decode()
    assert "共 1 个" in one and "临淄区商务局" in one


def test_project_results_list_the_matched_indicators(world, client):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    page = client.get("/", {"q": "水质"}).content.decode()
    assert 'class="matched"' in page and '<mark class="hit">水质</mark>' in page


def test_the_project_page_merges_level_cells_and_tells_the_documents_date(world, client, linzi):
    project = Project.objects.filter(import_batch=linzi).first()
    page = client.get(f"/p/{project.pk}/").content.decode()
    first_level1 = project.live_indicators()[0].level1
    same = sum(1 for i in project.live_indicators() if i.level1 == first_level1)
    assert f'<td rowspan="{same}">{first_level1}</td>' in page
    assert page.count("<td rowspan=") < 2 * len(project.live_indicators())
    assert "公开时间：2022年2月" in page


def test_a_pdf_per_project_and_per_department(client, linzi):
    import pdfplumber

    project = Project.objects.filter(import_batch=linzi).first()
    response = client.get(f"/p/{project.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert project.name[:6] in text.replace(" ", "").replace("\n", "")
    target = DepartmentTarget.objects.get(department__name="中共临淄区委办公室")
    response = client.get(f"/departments/{target.pk}/pdf/")
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace(" ", "").replace("\n", "")
    assert "中共临淄区委办公室" in text and "负理临息" not in text
    assert text.count("〔") >= 1  # the withheld note (a narrow cell's lines come out interleaved)
    assert client.get("/p/999999/pdf/").status_code == 404


def test_distrusted_text_is_withheld_until_the_admin_corrects_it(world, client, linzi):
    target = DepartmentTarget.objects.get(department__name="中共临淄区委办公室")
    item = DistrustedText.objects.get(original__startswith="负理临息公台")
    public = client.get(f"/departments/{target.pk}/").content.decode()
    assert "负理临息公台" not in public and WITHHELD in public and 'class="withheld"' in public

    login(client, world.finance)  # a reviewer sees it marked, and cannot correct it
    listing = client.get("/work/distrusted/").content.decode()
    assert '<mark class="distrusted"' in listing and "负理临息公台" in listing and "保存更正" not in listing
    client.post(f"/work/distrusted/{item.pk}/", {"text": "负责运营临淄信息微信公众平台"})
    assert DistrustedText.objects.get(pk=item.pk).state == "open"

    login(client, world.admin)
    client.post(
        f"/work/distrusted/{item.pk}/", {"text": "负责运营临淄信息微信公众平台，编发《临淄信息》《信息特刊》"}
    )
    row = DepartmentTargetRow.objects.get(pk=item.object_id)
    assert row.duty == "负责运营临淄信息微信公众平台，编发《临淄信息》《信息特刊》"
    assert DistrustedText.objects.get(pk=item.pk).state == "corrected"
    event = AuditEvent.objects.get(verb="correct-text")
    assert event.detail["before"].startswith("负理临息公台") and event.actor == world.admin
    client.logout()
    assert "编发《临淄信息》《信息特刊》" in client.get(f"/departments/{target.pk}/").content.decode()


def test_confirming_the_text_as_read_publishes_it_and_an_empty_correction_is_refused(world, client, linzi):
    item = DistrustedText.objects.filter(reason="字符重复").first()
    login(client, world.admin)
    response = client.post(f"/work/distrusted/{item.pk}/", {"text": "  "}, follow=True)
    assert "不能为空" in response.content.decode() and DistrustedText.objects.get(pk=item.pk).state == "open"
    client.post(f"/work/distrusted/{item.pk}/", {"confirm": "1"})
    assert DistrustedText.objects.get(pk=item.pk).state == "confirmed"
    assert AuditEvent.objects.filter(verb="confirm-text").count() == 1


def test_text_replaced_since_it_was_flagged_is_public(client, linzi):
    item = DistrustedText.objects.get(original__startswith="负理临息公台")
    DepartmentTargetRow.objects.filter(pk=item.object_id).update(duty="负责运营临淄信息微信公众平台")
    target = DepartmentTargetRow.objects.get(pk=item.object_id).target
    page = client.get(f"/departments/{target.pk}/").content.decode()
    assert "负责运营临淄信息微信公众平台" in page


def test_a_server_without_a_chinese_font_says_so_instead_of_a_pdf(client, linzi, monkeypatch):
    from jixiao.publish import formats
    from jixiao.publish.pdf import MissingFontError

    def no_font(*args, **kwargs):
        raise MissingFontError("no CJK font")

    monkeypatch.setattr(formats, "render", no_font)
    project = Project.objects.filter(import_batch=linzi).first()
    response = client.get(f"/p/{project.pk}/pdf/")
    assert response.status_code == 503 and "未安装中文字体" in response.content.decode()


@pytest.mark.parametrize("page", ["/", "/departments/"])
def test_the_region_filter_offers_every_region_the_chosen_one_selected(world, client, page):
    from jixiao.web.organisations.models import Region

    Region.objects.create(name="<东>区")
    html = client.get(page, {"region": world.other_region.pk}).content.decode()
    options = html.split('name="region">', 1)[1].split("</select>", 1)[0]
    assert options.count("<option") == Region.objects.count() + 1  # and 全部
    assert f'<option value="{world.other_region.pk}" selected>淄川区</option>' in options
    assert f'<option value="{world.region.pk}">临淄区</option>' in options
    assert "&lt;东&gt;区" in options and "<东>" not in options
