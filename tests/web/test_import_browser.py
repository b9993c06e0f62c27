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
