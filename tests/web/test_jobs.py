"""后台任务: a disclosure of many items is made by a background job whose page shows its progress and then
its file; only the person who started a job sees it or downloads it; a job that cannot finish says why in
Chinese; a library rebuild runs the same way."""

from __future__ import annotations

import pytest
from django.db import transaction

from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.jobs.models import Job, Kind, Status
from jixiao.web.jobs.progress import Reporter, latest
from jixiao.web.jobs.start import start_job
from jixiao.web.jobs.worker import run_pending
from jixiao.web.organisations.models import Profile, Role
from jixiao.web.targets.models import Project
from tests.web.conftest import PASSWORD
from tests.web.documents import small_document
from tests.web.test_publishing_disclosure import docx_text, download, login


@pytest.fixture
def many(world, settings, django_capture_on_commit_callbacks):
    """Five projects and one department target loaded for 2022; more than two items go to the background."""
    settings.JIXIAO_BACKGROUND_EXPORT_FROM = 2
    doc = small_document(n_projects=5)
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    return world


def start_export(client, user, capture):
    """Post the disclosure form as ``user`` with everything ticked; the job (queued on commit)."""
    with capture(execute=True):
        response = download(login(client, user))
    assert response.status_code == 302
    return Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1])), response


def test_a_large_disclosure_is_made_in_the_background_with_progress_and_a_download(
    many, client, django_capture_on_commit_callbacks
):
    job, response = start_export(client, many.admin, django_capture_on_commit_callbacks)
    assert response["Location"] == f"/work/jobs/{job.pk}/"
    assert (job.kind, job.status, job.owner) == (Kind.DISCLOSURE, Status.QUEUED, many.admin)
    waiting = client.get(response["Location"])
    assert waiting["Refresh"] == "1" and "等待开始" in waiting.content.decode()
    assert "所选内容较多，公开文档将在后台生成" in waiting.content.decode()
    assert not AuditEvent.objects.filter(verb="disclose").exists()  # nothing made yet

    run_pending()

    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.DONE, 7, 7)  # 5 projects, 1 target, the drawing
    assert job.filename == "临淄区2022年度预算绩效目标.docx"
    page = client.get(f"/work/jobs/{job.pk}/")
    assert not page.has_header("Refresh") and "已完成" in page.content.decode()
    assert f"/work/jobs/{job.pk}/download/" in page.content.decode()
    file = client.get(f"/work/jobs/{job.pk}/download/")
    assert "attachment" in file["Content-Disposition"]
    text = docx_text(file.content)
    assert all(p.name in text for p in Project.objects.all())
    assert AuditEvent.objects.filter(verb="disclose", actor=many.admin).count() == 1
    assert job.title in client.get("/work/jobs/").content.decode()


def test_a_small_disclosure_still_downloads_at_once(many, client, settings):
    settings.JIXIAO_BACKGROUND_EXPORT_FROM = 30
    response = download(login(client, many.admin))
    assert response.status_code == 200 and not Job.objects.exists()


@pytest.mark.parametrize("who", ["finance", "other_finance", "editor_a1"])
def test_only_the_person_who_started_a_job_sees_it_or_its_file(
    many, client, django_capture_on_commit_callbacks, who
):
    job, _ = start_export(client, many.admin, django_capture_on_commit_callbacks)
    run_pending()
    client.logout()
    login(client, getattr(many, who))
    assert client.get(f"/work/jobs/{job.pk}/").status_code == 403
    assert client.get(f"/work/jobs/{job.pk}/download/").status_code == 403
    assert job.title not in client.get("/work/jobs/").content.decode()
    assert AuditEvent.objects.filter(verb="view", ok=False, actor=getattr(many, who)).count() == 2


def test_signed_out_people_are_sent_to_log_in_and_a_missing_job_is_404(many, client):
    assert client.get("/work/jobs/1/").status_code == 302
    login(client, many.admin)
    assert client.get("/work/jobs/999/").status_code == 404


def test_a_job_whose_owner_lost_the_right_fails_with_a_chinese_reason(
    many, client, django_capture_on_commit_callbacks
):
    job, _ = start_export(client, many.admin, django_capture_on_commit_callbacks)
    Profile.objects.filter(user=many.admin).update(role=Role.FINANCE_REVIEWER)
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.error, job.result) == (Status.FAILED, "您已无权下载该地区的公开文档。", None)
    page = client.get(f"/work/jobs/{job.pk}/").content.decode()
    assert "失败" in page and "您已无权下载该地区的公开文档。" in page
    assert client.get(f"/work/jobs/{job.pk}/download/").status_code == 302  # nothing to download


def test_an_unexpected_error_fails_the_job_not_the_worker(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    from jixiao.web.jobs import work

    def broken(job, report):
        raise RuntimeError("disk full")

    monkeypatch.setitem(work.WORK, Kind.LIBRARY, broken)
    with django_capture_on_commit_callbacks(execute=True):
        first = start_job(acting_user=world.admin, kind=Kind.LIBRARY, params={})
        second = start_job(acting_user=world.admin, kind=Kind.LIBRARY, params={})
    run_pending()
    for job in (first, second):
        job.refresh_from_db()
        assert (
            job.status == Status.FAILED and job.error.startswith("任务意外中止") and "disk" not in job.error
        )


def test_a_library_rebuild_runs_as_a_job_for_the_finance_admin_only(
    many, client, django_capture_on_commit_callbacks
):
    login(client, many.editor_a1)
    assert client.post("/work/jobs/library-rebuild/").status_code == 403
    client.logout()
    login(client, many.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/work/jobs/library-rebuild/")
    job = Job.objects.get(kind=Kind.LIBRARY)
    assert response["Location"] == f"/work/jobs/{job.pk}/"
    run_pending()
    job.refresh_from_db()
    assert job.status == Status.DONE and job.message.startswith("指标库已重建：项目 5 个，部门整体目标 1 个")
    assert "重建指标库" in client.get(f"/work/jobs/{job.pk}/").content.decode()


def test_progress_inside_a_transaction_is_heard_by_this_process_until_it_commits(world):
    job = Job.objects.create(owner=world.admin, kind=Kind.LIBRARY, title="重建指标库")
    report = Reporter(job.pk, every=0)
    report(1, 4, "第一步")
    assert Job.objects.values_list("done", "total", "message").get(pk=job.pk) == (1, 4, "第一步")
    with transaction.atomic():
        report(3, 4, "第三步")
        assert Job.objects.values_list("done", flat=True).get(pk=job.pk) == 1  # the row is not touched
    stored = Job.objects.get(pk=job.pk)
    assert (latest(stored).done, stored.message) == (3, "第三步")
    report.forget()
    assert latest(Job.objects.get(pk=job.pk)).done == 1


def preview(client, world):
    """The import page's preview of the 淄川 sample (8 projects) for its own region, as the finance admin."""
    from tests.web.test_import_preview import sample

    client.login(username=world.other_finance.username, password=PASSWORD)
    page = client.post(
        "/work/import/", {"region": world.other_region.pk, "year": "", "file": sample("zichuan-2023.txt")}
    )
    assert "确认导入" in page.content.decode()


def test_a_large_document_is_loaded_by_a_job_after_its_preview(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.JIXIAO_BACKGROUND_IMPORT_FROM = 5
    preview(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/work/import/", {"confirm": "1"})
    job = Job.objects.get(kind=Kind.IMPORT)
    assert response["Location"] == f"/work/jobs/{job.pk}/" and not Project.objects.exists()
    assert job.title == "导入公开文档 zichuan-2023.txt（淄川区 2023 年度，项目 8 个）"
    run_pending()
    job.refresh_from_db()
    assert job.status == Status.DONE and job.message.startswith("已导入 8 个项目")
    assert Project.objects.filter(region=world.other_region).count() == 8
    page = client.get(f"/work/jobs/{job.pk}/").content.decode()
    assert 'id="job-outcome" href="/work/?view=all"' in page


def test_a_small_document_still_loads_at_once(world, client, settings):
    settings.JIXIAO_BACKGROUND_IMPORT_FROM = 100
    preview(client, world)
    client.post("/work/import/", {"confirm": "1"})
    assert Project.objects.count() == 8 and not Job.objects.exists()


def test_an_import_job_whose_upload_is_gone_fails_in_words(
    world, client, settings, django_capture_on_commit_callbacks
):
    from jixiao.web.targets.import_views import _upload_path

    settings.JIXIAO_BACKGROUND_IMPORT_FROM = 5
    preview(client, world)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/work/import/", {"confirm": "1"})
    job = Job.objects.get(kind=Kind.IMPORT)
    _upload_path(job.params["sha"]).unlink()
    run_pending()
    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, "上传的文件已失效，请重新上传。")
    assert not Project.objects.exists()


def test_the_work_area_links_to_jobs_and_curators_see_the_rebuild_button(world, client):
    client.login(username=world.admin.username, password=PASSWORD)
    assert 'id="nav-jobs"' in client.get("/work/").content.decode()
    assert 'id="library-rebuild"' in client.get("/work/library/").content.decode()
    client.logout()
    client.login(username=world.editor_a1.username, password=PASSWORD)
    assert 'id="library-rebuild"' not in client.get("/work/library/").content.decode()


def test_a_busy_database_skips_a_progress_report_and_the_work_goes_on(world, monkeypatch):
    from django.db import OperationalError
    from django.db.models import QuerySet

    job = Job.objects.create(owner=world.admin, kind=Kind.LIBRARY, title="重建指标库")
    report = Reporter(job.pk, every=0)

    def busy(self, **fields):
        raise OperationalError("database table is locked")

    monkeypatch.setattr(QuerySet, "update", busy)
    report(2, 4, "第二步")  # no exception
    monkeypatch.undo()
    assert latest(Job.objects.get(pk=job.pk)).done == 2  # heard in this process all the same
    report.forget()


def test_a_job_waits_out_a_busy_database_to_record_how_it_ended(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError
    from django.db.models import QuerySet

    from jixiao.web.jobs import tasks

    update = QuerySet.update
    calls = {"n": 0}

    def busy_twice(self, **fields):
        calls["n"] += 1
        if "finished" in fields and calls["n"] < 10 and calls.setdefault("busy", 0) < 2:
            calls["busy"] += 1
            raise OperationalError("database table is locked")
        return update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", busy_twice)
    monkeypatch.setattr(tasks.time, "sleep", lambda seconds: None)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(acting_user=world.admin, kind=Kind.LIBRARY, params={})
    run_pending()
    job.refresh_from_db()
    assert calls["busy"] == 2 and job.status == Status.DONE and job.finished is not None


def test_the_worker_thread_survives_an_unexpected_database_error(monkeypatch):
    from django.db import OperationalError
    from django_tasks_db.management.commands.db_worker import Worker

    from jixiao.web.jobs.worker import start_worker_thread

    calls = []

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("disk I/O error")
        self.running = False  # the second run ends as a stopped worker does

    monkeypatch.setattr(Worker, "run", flaky)
    thread = start_worker_thread(interval=0)
    thread.join(timeout=5)
    assert len(calls) == 2 and not thread.is_alive()


def test_a_busy_database_asks_the_progress_page_to_come_back(many, client, monkeypatch):
    """The job's own writes can hold SQLite's lock past a reader's wait; the self-reloading page must reload
    rather than stop at a 500 (the session is read before the view: the guard is outside the login check)."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    login(client, many.admin)

    def locked(self):
        raise OperationalError("database table is locked")

    monkeypatch.setattr(SessionStore, "load", locked)
    response = client.get("/work/jobs/1/")
    assert response.status_code == 503 and response["Refresh"] == "1"
    assert "稍后自动刷新" in response.content.decode()
