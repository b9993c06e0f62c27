"""批量导入: several files chosen at once start one background job that reads each in the isolated reader,
reports 读取 i/n：文件名 per file and lists each file's result; a file the reader refuses never stops the
others; loading is the admin's choice (ticked on the form, or one click on the job's page afterwards) and
goes through the same audited import as a single file; only the region's finance admin may do it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.web.audit.models import AuditEvent
from jixiao.web.jobs.models import Job, Kind, Status
from jixiao.web.jobs.worker import run_pending
from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD
from tests.web.test_import_preview import sample


def three_files() -> list[SimpleUploadedFile]:
    broken = SimpleUploadedFile(
        "损坏的表格.xlsx", b"not a workbook at all", content_type="application/octet-stream"
    )
    return [sample("zichuan-2023.txt"), broken, sample("linzi-2022.txt")]


def start(client, world, capture, *, load: bool) -> Job:
    """Post the three files as 淄川's finance admin; the queued job."""
    client.login(username=world.other_finance.username, password=PASSWORD)
    form = {"region": world.other_region.pk, "year": "", "files": three_files()}
    if load:
        form["load"] = "on"
    with capture(execute=True):
        response = client.post("/work/import/many/", form)
    job = Job.objects.get(kind=Kind.IMPORT_MANY, params__load=load)
    assert response.status_code == 302 and response["Location"] == f"/work/jobs/{job.pk}/"
    return job


def test_many_files_are_read_by_one_job_and_loaded_only_after_the_admin_confirms(
    world, client, django_capture_on_commit_callbacks
):
    job = start(client, world, django_capture_on_commit_callbacks, load=False)
    assert job.title == "批量读取公开文档 3 个（淄川区）"
    run_pending()

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.DONE, 3, 3)
    assert job.message == "共 3 个文件：读取成功 2 个，失败 1 个。"
    results = {r["name"]: r for r in job.params["results"]}
    assert results["zichuan-2023.txt"]["ok"] and results["zichuan-2023.txt"]["projects"] == 8
    assert results["linzi-2022.txt"]["ok"] and results["linzi-2022.txt"]["year"] == 2022
    assert not results["损坏的表格.xlsx"]["ok"] and results["损坏的表格.xlsx"]["error"].startswith(
        "无法读取该文档"
    )
    assert not Project.objects.exists() and not AuditEvent.objects.filter(verb="import").exists()
    page = client.get(f"/work/jobs/{job.pk}/").content.decode()
    assert results["损坏的表格.xlsx"]["error"] in page and "审核引擎错误" in page
    assert 'id="import-many-load"' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/work/import/many/{job.pk}/load/")
    loading = Job.objects.get(kind=Kind.IMPORT_MANY, params__load=True)
    assert response["Location"] == f"/work/jobs/{loading.pk}/"
    assert [f["name"] for f in loading.params["files"]] == ["zichuan-2023.txt", "linzi-2022.txt"]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/work/import/many/{job.pk}/load/")  # a second click starts nothing more
    assert again["Location"] == response["Location"] and Job.objects.count() == 2
    assert 'id="import-many-load"' not in client.get(f"/work/jobs/{job.pk}/").content.decode()
    run_pending()

    loading.refresh_from_db()
    assert (loading.status, loading.done, loading.total) == (Status.DONE, 2, 2)
    assert Project.objects.filter(region=world.other_region, year=2023).count() == 8
    assert Project.objects.filter(region=world.other_region, year=2022).exists()
    assert AuditEvent.objects.filter(verb="import", actor=world.other_finance).count() == 2
    page = client.get(f"/work/jobs/{loading.pk}/").content.decode()
    assert "已导入 8 个项目" in page and 'id="job-outcome"' in page and 'id="import-many-load"' not in page


def test_ticking_load_after_reading_loads_the_good_files_in_the_same_job(
    world, client, django_capture_on_commit_callbacks
):
    job = start(client, world, django_capture_on_commit_callbacks, load=True)
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.DONE, 3, 3)
    assert job.message == "共 3 个文件：导入成功 2 个，失败 1 个。"
    assert [r["ok"] for r in job.params["results"]] == [True, False, True]
    assert AuditEvent.objects.filter(verb="import", actor=world.other_finance).count() == 2


@pytest.mark.parametrize("who", ["finance", "editor_a1"])
def test_only_a_finance_admin_may_import_many(world, client, who):
    client.login(username=getattr(world, who).username, password=PASSWORD)
    assert client.get("/work/import/many/").status_code == 403
    response = client.post("/work/import/many/", {"region": world.region.pk, "files": three_files()})
    assert response.status_code == 403 and not Job.objects.exists()


def test_another_person_cannot_load_a_reading_job(world, client, django_capture_on_commit_callbacks):
    job = start(client, world, django_capture_on_commit_callbacks, load=False)
    run_pending()
    client.logout()
    client.login(username=world.admin.username, password=PASSWORD)
    assert client.post(f"/work/import/many/{job.pk}/load/").status_code in (403, 404)
    assert Job.objects.count() == 1 and not Project.objects.exists()


def test_choosing_no_file_says_so(world, client):
    client.login(username=world.admin.username, password=PASSWORD)
    page = client.post("/work/import/many/", {"region": world.region.pk}).content.decode()
    assert "请选择要导入的文件或文件夹。" in page and not Job.objects.exists()


def test_a_folders_files_join_the_chosen_ones(world, client, django_capture_on_commit_callbacks):
    client.login(username=world.other_finance.username, password=PASSWORD)
    zichuan, broken, linzi = three_files()
    form = {"region": world.other_region.pk, "files": [zichuan], "folder": [broken, linzi]}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/work/import/many/", form)
    job = Job.objects.get(kind=Kind.IMPORT_MANY)
    assert [f["name"] for f in job.params["files"]] == [
        "zichuan-2023.txt",
        "损坏的表格.xlsx",
        "linzi-2022.txt",
    ]


def test_more_files_than_a_request_may_carry_are_refused_in_words(world, client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    client.login(username=world.other_finance.username, password=PASSWORD)
    page = client.post("/work/import/many/", {"region": world.other_region.pk, "files": three_files()})
    assert "一次最多选择 2 个文件，请分批导入。" in page.content.decode() and not Job.objects.exists()
