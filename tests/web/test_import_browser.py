"""In a real browser: the finance admin of 临淄区 uploads a 淄川区 disclosure and is warned before loading;
the preview names where each department goes and what the review engine found."""

from __future__ import annotations

from importlib import resources

import pytest

from jixiao.web.targets.models import Project
from tests.web.test_browser import Person, browser  # noqa: F401  (the shared browser fixture)

pytestmark = pytest.mark.browser


def test_a_disclosure_of_another_region_is_pointed_out_in_the_preview(world, live_server, browser, tmp_path):  # noqa: F811
    upload = tmp_path / "zichuan-2023.txt"
    upload.write_bytes((resources.files("jixiao") / "data" / "samples" / "zichuan-2023.txt").read_bytes())
    admin = Person(browser, live_server.url, "fin_admin")
    admin.go("/work/import/")
    page = admin.page
    page.set_input_files("#id_file", str(upload))
    page.click("form.card button[type=submit]")
    notice = page.wait_for_selector("#import-notices")
    assert "属于“淄川区”，与所选的行政区划“临淄区”不一致" in notice.inner_text()
    assert "新增“淄博市淄川区教育和体育局”" in page.inner_text("#import-placements")
    assert "审核引擎" in page.inner_text("#import-engine")
    assert page.is_visible("#confirm-import")
    admin.shot("import-01-other-region")
    page.click("text=取消")
    page.wait_for_selector("#id_file")
    assert not Project.objects.exists()
    admin.close()


def test_the_portal_finds_department_targets_and_withholds_garbled_text(
    world,
    live_server,
    browser,  # noqa: F811
    tmp_path,
):
    upload = tmp_path / "linzi-2022.txt"
    upload.write_bytes((resources.files("jixiao") / "data" / "samples" / "linzi-2022.txt").read_bytes())
    admin = Person(browser, live_server.url, "fin_admin")
    admin.go("/work/import/")
    admin.page.set_input_files("#id_file", str(upload))
    admin.page.click("form.card button[type=submit]")
    assert "（文档所载）" in admin.page.inner_text("#import-published")
    assert admin.page.locator("#preview mark.distrusted").count() > 0
    admin.page.click("#confirm-import")
    admin.page.wait_for_load_state()
    admin.close()

    public = Person(browser, live_server.url)
    public.go("/departments/?q=微信公众")
    page = public.page
    assert page.inner_text("#department-results mark.hit") == "微信公众"
    public.shot("portal-01-department-search")
    page.click("#department-results a")
    page.wait_for_selector("#department-pdf")
    assert page.locator(".withheld").count() > 0 and "负理临息公台" not in page.inner_text("main")
    assert "公开时间：2022年2月" in page.inner_text("#published")
    public.shot("portal-02-department-withheld")
    public.close()
