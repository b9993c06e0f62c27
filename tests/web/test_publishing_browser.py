"""In a real browser: the finance admin downloads the DOCX disclosure; a unit uploads its filled template
with one bad cell (refused, the cell named), fixes it and loads it."""

from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument

from jixiao.web.actions.imports import do_import_document
from jixiao.web.targets.models import Project
from jixiao.web.workflow.states import State
from tests.web.documents import small_document
from tests.web.test_browser import Person, browser  # noqa: F401  (the shared browser fixture)
from tests.web.test_publishing_template import FIRST, bad_value, filled, school_project

pytestmark = pytest.mark.browser


def test_finance_downloads_a_disclosure_and_a_unit_loads_its_template(world, live_server, browser, tmp_path):  # noqa: F811
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)

    admin = Person(browser, live_server.url, "fin_admin")
    admin.page.click("#disclosure-link")
    page = admin.page
    page.select_option("#id_year", "2022")
    page.click("#selection button[type=submit]")
    page.wait_for_selector("tbody[data-department=区教育局]")
    page.uncheck("tbody[data-department=区教育局] .select-all")  # leave out one department's projects
    assert not page.is_checked(f"#project-{Project.objects.get(name=doc.projects[1].name).pk}")
    page.select_option("#id_fmt", "docx")
    admin.shot("publishing-01-disclosure")
    with page.expect_download() as info:
        page.click("#download")
    path = tmp_path / "disclosure.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename == "临淄区2022年度预算绩效目标.docx"
    word = DocxDocument(io.BytesIO(path.read_bytes()))
    text = "\n".join([p.text for p in word.paragraphs] + [c.text for t in word.tables for r in t.rows for c in r.cells])
    assert doc.projects[0].name in text and doc.projects[1].name not in text and "区水利局" in text
    admin.close()

    editor = Person(browser, live_server.url, "editor_a1")
    editor.page.click("#template-link")
    page = editor.page
    with page.expect_download() as info:
        page.click("#download-template")
    assert info.value.suggested_filename.endswith(".xlsx")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(filled(school_project(), edit=bad_value))
    page.set_input_files("#id_file", str(bad))
    page.click("#upload-template")
    errors = page.wait_for_selector("#template-errors")
    assert f"项目1!F{FIRST}" in errors.inner_text() and "的数字中有字母 O" in errors.inner_text()
    assert page.query_selector("#confirm-template") is None
    editor.shot("publishing-02-template-refused")
    assert not Project.objects.filter(unit=world.unit_a1).exists()

    good = tmp_path / "good.xlsx"
    good.write_bytes(filled(school_project()))
    page.set_input_files("#id_file", str(good))
    page.click("#upload-template")
    page.wait_for_selector("#template-preview")
    editor.shot("publishing-03-template-preview")
    page.click("#confirm-template")
    page.wait_for_selector("#work-list")
    assert "已导入填报模板" in page.inner_text(".messages")
    project = Project.objects.get(unit=world.unit_a1)
    assert (project.name, project.state, project.year) == ("实验室设备更新", State.DRAFT, 2024)
    editor.close()
