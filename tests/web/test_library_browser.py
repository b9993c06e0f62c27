"""The library in a real browser (issue 14): a unit editor types a project name, sees suggestions with
typical values, adds two with one click each (changing one value) and saves; finance merges two clusters
and marks one 共性, and the next suggestion reflects it; the public sees the cluster across regions and
years. Screenshots go to /tmp/library-*.png."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jixiao.domain import parse_target_value
from jixiao.web.actions.imports import do_import_document
from jixiao.web.targets.models import Project
from tests.web.documents import small_document
from tests.web.test_browser import Person, browser  # noqa: F401  (the module-scoped browser fixture)

pytestmark = pytest.mark.browser


def shot(person: Person, name: str) -> None:
    person.page.screenshot(path=str(Path("/tmp") / f"library-{name}.png"), full_page=True)


def renamed(doc, old: str, new: str, value: str):
    """``doc`` whose indicator ``old`` is called ``new`` with target ``value`` (another region's wording)."""
    projects = tuple(
        dataclasses.replace(
            p,
            indicators=tuple(
                dataclasses.replace(i, name=new, value=parse_target_value(value)) if i.name == old else i
                for i in p.indicators
            ),
        )
        for p in doc.projects
    )
    return dataclasses.replace(doc, projects=projects, year=2023)


def test_suggest_add_save_then_curate_and_see_it_reflected(world, live_server, browser):  # noqa: F811
    do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document(n_projects=10)
    )
    other = renamed(small_document("b" * 64, n_projects=3), "水质达标率", "水质合格率", "≥95%")
    do_import_document(acting_user=world.other_finance, region=world.other_region, year=2023, document=other)

    editor = Person(browser, live_server.url, "editor_a1")
    page = editor.page
    editor.go("/work/projects/new/?year=2024")
    page.fill("#id_name", "农村饮水安全工程")
    first = page.wait_for_selector("#library-suggestions li.suggestion")
    panel = page.inner_text("#library-suggestions")
    assert "水质达标率 ≥98%" in panel and "中位数 98%，10 个项目，1 个地区" in panel
    assert "服务对象满意度指标" in panel and "群众满意度 ≥90%" in panel
    assert first is not None
    shot(editor, "01-suggestions")

    page.click("#library-suggestions button.add-suggestion[data-name='水质达标率']")
    page.wait_for_selector("#id_ind-1-name")
    page.click("#library-suggestions button.add-suggestion[data-name='群众满意度']")
    page.wait_for_selector("#id_ind-2-name")
    assert (
        page.input_value("#id_ind-1-name") == "水质达标率" and page.input_value("#id_ind-1-value") == "≥98%"
    )
    assert page.input_value("#id_ind-1-level2") == "社会效益指标"
    assert page.input_value("#id_ind-2-level2") == "服务对象满意度指标"
    page.fill("#id_ind-2-value", "≥85%")  # the value stays the editor's to change
    standing = page.wait_for_selector("#id_ind-2-value-check .value-standing:has-text('第 0 百分位')")
    assert (
        "同类指标“群众满意度”13 个目标中" in standing.inner_text() and "中位数 90%" in standing.inner_text()
    )
    page.check("#id_ind-0-remove")  # the empty first row is not wanted
    page.fill("#id_goal", "保障农村居民饮水安全，水质达标。")
    page.fill("#id_funds_total", "100")
    page.fill("#id_funds_fiscal", "100")
    page.fill("#id_funds_other", "0")
    shot(editor, "02-added")
    page.click("#save")
    page.wait_for_selector("#state")
    project = Project.objects.get(name="农村饮水安全工程")
    saved = [(i.level2, i.name, i.value_raw) for i in project.live_indicators()]
    assert saved == [("社会效益指标", "水质达标率", "≥98%"), ("服务对象满意度指标", "群众满意度", "≥85%")]
    shot(editor, "03-review-page")

    finance = Person(browser, live_server.url, "fin_admin")
    fpage = finance.page
    finance.go("/work/library/?q=水质")
    fpage.click("#clusters a:has-text('水质达标率')")
    fpage.wait_for_selector("#curation")
    fpage.fill("#curate-merge input[name=other]", "水质合格率")
    fpage.click("#curate-merge button[type=submit]")
    fpage.wait_for_selector("#cluster-names td.name:has-text('水质合格率')")
    fpage.select_option("#curate-mark select[name=text]", "共性")
    fpage.click("#curate-mark button[type=submit]")
    fpage.wait_for_selector("#cluster-mark")
    history = fpage.inner_text("#curation-history")
    assert "合并“水质达标率”与“水质合格率”" in history and "标记为共性“水质达标率”" in history
    assert "临淄区、淄川区" in fpage.inner_text("#cluster-summary")
    shot(finance, "04-curated-cluster")

    editor.go("/work/projects/new/?year=2024")
    page.fill("#id_name", "农村饮水安全工程")
    item = page.wait_for_selector("#library-suggestions li.suggestion:has(button[data-name='水质达标率'])")
    text = item.inner_text()
    assert "13 个项目，2 个地区" in text and "共性" in text
    shot(editor, "05-next-suggestion")

    public = Person(browser, live_server.url)
    public.go("/library/?q=水质")
    public.page.click("#clusters a:has-text('水质达标率')")
    public.page.wait_for_selector("#library-chart")
    assert public.page.locator("#library-chart circle.dot").count() == 13
    shot(public, "06-portal-chart")
    for person in (editor, finance, public):
        person.close()
