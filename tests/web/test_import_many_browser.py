"""In a real browser: 淄川's finance admin chooses three files at once on the import page; one background
job reads them while its page shows 读取 i/n, lists the broken file's error, and loads the good ones on one
click."""

from __future__ import annotations

from importlib import resources

import pytest

from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import Project
from tests.web.test_browser import Person, browser  # noqa: F401  (the shared browser fixture)
from tests.web.test_jobs_browser import worker  # noqa: F401  (the worker thread of jixiao serve)

pytestmark = pytest.mark.browser


def test_three_files_are_read_in_one_job_and_the_good_ones_load_on_one_click(
    world,
    live_server,
    browser,  # noqa: F811
    worker,  # noqa: F811
    tmp_path,
):
    samples = resources.files("jixiao") / "data" / "samples"
    paths = []
    for name in ("zichuan-2023.txt", "linzi-2022.txt"):
        paths.append(tmp_path / name)
        paths[-1].write_bytes((samples / name).read_bytes())
    broken = tmp_path / "损坏的表格.xlsx"
    broken.write_bytes(b"not a workbook at all")
    paths.insert(1, broken)

    admin = Person(browser, live_server.url, "other_finance")
    page = admin.page
    admin.go("/work/import/")
    page.click("#import-many-link")
    page.set_input_files("#id_files", [str(p) for p in paths])
    page.click("#import-many button[type=submit]")
    page.wait_for_selector("#job[data-status=queued]")
    worker(interval=0.2)

    page.wait_for_selector("#job[data-status=done]", timeout=30_000)
    assert page.inner_text("#job-count").startswith("3 / 3")
    rows = page.inner_text("#job-results")
    assert "无法读取该文档" in rows and rows.count("读取成功") == 2
    assert not Project.objects.exists()

    page.click("#import-many-load")
    page.wait_for_selector("#job-outcome", timeout=30_000)
    assert page.inner_text("#job-count").startswith("2 / 2")
    assert Project.objects.filter(region=world.other_region).count() > 8
    assert AuditEvent.objects.filter(verb="import").count() == 2
    admin.close()
