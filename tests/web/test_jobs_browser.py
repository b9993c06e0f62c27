"""In a real browser: the finance admin asks for the disclosure of many projects; it is made in the
background while the job's page shows how far it has got, and the file downloads when it is done."""

from __future__ import annotations

import io
import re
import time

import pytest
from docx import Document as DocxDocument

from jixiao.web.actions.imports import do_import_document
from jixiao.web.jobs.worker import start_worker_thread, stop_worker_thread
from jixiao.web.publishing import document
from tests.web.documents import small_document
from tests.web.test_browser import Person, browser  # noqa: F401  (the shared browser fixture)

pytestmark = pytest.mark.browser

PROJECTS = 40


@pytest.fixture
def worker():
    """The worker thread ``jixiao serve`` runs, stopped before the test database goes."""
    yield start_worker_thread
    stop_worker_thread()


def test_a_long_export_runs_in_the_background_with_visible_progress_and_downloads(
    world,
    live_server,
    browser,  # noqa: F811
    worker,
    settings,
    monkeypatch,
    tmp_path,
):
    settings.JIXIAO_BACKGROUND_EXPORT_FROM = 30
    doc = small_document(n_projects=PROJECTS)
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    read = document.project_to_domain

    def slowly(project):  # a long export: each project takes a while to read
        time.sleep(0.08)
        return read(project)

    monkeypatch.setattr(document, "project_to_domain", slowly)

    admin = Person(browser, live_server.url, "fin_admin")
    page = admin.page
    page.click("#disclosure-link")
    page.select_option("#id_year", "2022")
    page.click("#selection button[type=submit]")
    page.wait_for_selector("tbody[data-department=区教育局]")
    page.select_option("#id_fmt", "docx")
    page.click("#download")
    page.wait_for_selector("#job[data-status=queued]")
    page.screenshot(path=str(tmp_path / "jobs-01-queued.png"), full_page=True)

    worker(interval=0.2)
    # One reading of the page while the job runs (the page reloads itself every second).
    seen = page.wait_for_function(
        """() => {
            const job = document.querySelector('#job[data-status=running]');
            const bar = job && job.querySelector('#job-progress');
            if (!bar || bar.value <= 0) return null;
            return [job.querySelector('#job-count').innerText, (job.querySelector('#job-message') || {}).innerText || ''];
        }""",
        timeout=15_000,
    ).json_value()
    done, total = map(int, re.match(r"(\d+) / (\d+)", seen[0]).groups())
    assert 0 < done <= total == PROJECTS + 2  # 40 projects, 1 department target, the drawing
    assert seen[1].startswith(("读取项目", "读取部门", "正在生成", "已生成"))
    page.screenshot(path=str(tmp_path / "jobs-02-running.png"), full_page=True)

    page.wait_for_selector("#job-download", timeout=30_000)
    assert page.inner_text("#job-status") == "已完成"
    page.screenshot(path=str(tmp_path / "jobs-03-done.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#job-download")
    path = tmp_path / "disclosure.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename == "临淄区2022年度预算绩效目标.docx"
    word = DocxDocument(io.BytesIO(path.read_bytes()))
    text = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert all(p.name in text for p in doc.projects)
    admin.close()
