"""The import preview says what the load will do before anything is stored: another region's or year's
document, where each department goes, the review engine's findings, the 公开时间; the load keeps the date
and flags the text the reader garbled."""

from __future__ import annotations

from importlib import resources

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.audit.models import AuditEvent
from jixiao.web.portal.models import DistrustedText, DocumentDate
from jixiao.web.targets.models import ImportBatch, Project


def login(client, user):
    """Signed in as ``user`` (the session alone: these tests are not about signing in)."""
    client.force_login(user)
    return client


def sample(name: str) -> SimpleUploadedFile:
    data = (resources.files("jixiao") / "data" / "samples" / name).read_bytes()
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_a_zichuan_disclosure_chosen_for_linzi_and_another_year_is_pointed_out(world, client):
    login(client, world.admin)
    page = client.post(
        "/work/import/", {"region": world.region.pk, "year": "2024", "file": sample("zichuan-2023.txt")}
    ).content.decode()
    assert "属于“淄川区”，与所选的行政区划“临淄区”不一致" in page
    assert "文档的预算年度是 2023 年，与所选的 2024 年度不一致" in page
    assert not Project.objects.exists()


def test_the_right_region_and_year_bring_no_notice(world, client):
    login(client, world.other_finance)
    page = client.post(
        "/work/import/", {"region": world.other_region.pk, "year": "", "file": sample("zichuan-2023.txt")}
    ).content.decode()
    assert "import-notices" not in page and "确认导入" in page


def test_the_preview_places_departments_and_shows_the_engines_findings(world, client):
    login(client, world.other_finance)
    page = client.post(
        "/work/import/", {"region": world.other_region.pk, "year": "", "file": sample("zichuan-2023.txt")}
    ).content.decode()
    # 区民政局 is registered in 淄川区: the document's 淄博市淄川区民政局 and 淄川区民政局 are that one.
    assert "淄博市淄川区民政局、淄川区民政局" in page and "已登记的“区民政局”" in page
    assert "新增“淄博市淄川区教育和体育局”" in page and "新增 6 个" in page
    assert "审核引擎（错误" in page and 'class="finding error"' in page


def test_the_documents_own_date_is_the_portals_and_an_entered_one_is_said_to_be_entered(world, client):
    login(client, world.admin)
    page = client.post(
        "/work/import/",
        {
            "region": world.region.pk,
            "year": "",
            "file": sample("linzi-2022.txt"),
            "published_on": "2022-03-01",
        },
    ).content.decode()
    assert "<b>2022年2月</b>（文档所载）" in page  # 二〇二二年二月 under the title wins over the entry
    client.post("/work/import/", {"confirm": "1"})
    batch = ImportBatch.objects.get()
    assert batch.document_date.label == "2022年2月"
    project = Project.objects.filter(import_batch=batch).first()
    assert "公开时间：2022年2月" in client.get(f"/p/{project.pk}/").content.decode()

    page = client.post(
        "/work/import/",
        {
            "region": world.region.pk,
            "year": "",
            "file": sample("zichuan-2023.txt"),
            "published_on": "2023-02-15",
        },
    ).content.decode()
    assert "<b>2023年2月15日（导入时登记）</b>" in page or "2023年2月15日" in page
    client.post("/work/import/", {"confirm": "1"})
    dated = DocumentDate.objects.get(batch__source_name="zichuan-2023.txt")
    assert (dated.label, dated.stated) == ("2023年2月15日（导入时登记）", False)


def test_the_load_flags_garbled_cells_and_says_so_on_record(world, client):
    login(client, world.admin)
    client.post("/work/import/", {"region": world.region.pk, "year": "", "file": sample("linzi-2022.txt")})
    client.post("/work/import/", {"confirm": "1"})
    flagged = DistrustedText.objects.filter(region=world.region)
    assert flagged.filter(kind="department_row", reason="字符重复").exists()
    assert flagged.filter(original__startswith="负理临息公台").exists()
    assert AuditEvent.objects.get(verb="import").detail["distrusted"] == flagged.count()


def test_the_preview_marks_the_cells_the_load_will_flag(world, client):
    login(client, world.admin)
    page = client.post(
        "/work/import/", {"region": world.region.pk, "year": "", "file": sample("linzi-2022.txt")}
    ).content.decode()
    shown = page.count('<mark class="distrusted"')
    assert "读取存疑的文字" in page and "中共临淄区委办公室 · 年度绩效目标第" in page
    client.post("/work/import/", {"confirm": "1"})
    assert DistrustedText.objects.count() == shown > 0


def test_reviewers_see_the_garbled_cells_marked_on_the_department_page(world, client):
    login(client, world.admin)
    client.post("/work/import/", {"region": world.region.pk, "year": "", "file": sample("linzi-2022.txt")})
    client.post("/work/import/", {"confirm": "1"})
    from jixiao.web.targets.models import DepartmentTarget

    target = DepartmentTarget.objects.get(department__name="中共临淄区委办公室")
    login(client, world.finance)
    page = client.get(f"/work/departments/{target.pk}/").content.decode()
    assert 'id="distrusted-card"' in page and '<mark class="distrusted"' in page and "负理临息公台" in page
    flagged_rows = DistrustedText.objects.filter(kind="department_row").values_list("object_id", flat=True)
    clean = DepartmentTarget.objects.exclude(rows__in=list(flagged_rows)).first()
    assert 'id="distrusted-card"' not in client.get(f"/work/departments/{clean.pk}/").content.decode()
