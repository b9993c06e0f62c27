"""The library on the pages: suggestions on the compile pages (added to the grid by the grid's own row
endpoint), a value's standing as it is typed and on the review page with the comparison rule's evidence,
finance's curation page, and the researchers' portal page with its chart and CSV."""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.projects import do_create_project
from jixiao.web.audit.models import AuditEvent
from jixiao.web.library import store
from jixiao.web.library.models import CurationFact
from jixiao.web.targets.draft import IndicatorDraft
from tests.web.conftest import PASSWORD, approve, sample_draft
from tests.web.documents import small_document


def client_for(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def imported(world, n=10):
    do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document(n_projects=n)
    )


def test_the_compile_page_asks_for_suggestions_and_the_panel_offers_rows_per_level2(world, client):
    imported(world)
    c = client_for(client, world.editor_a1)
    page = c.get("/work/projects/new/?year=2024").content.decode()
    assert 'id="library-suggestions"' in page and "/work/library/suggest/?framework=2021" in page
    panel = c.get(
        "/work/library/suggest/", {"name": "农村饮水安全工程", "framework": "2021", "department": "区水利局"}
    )
    html = panel.content.decode()
    assert "经济成本指标" in html and "服务对象满意度指标" in html
    assert "水质达标率" in html and "≥98%" in html and "中位数 98%，10 个项目，1 个地区" in html
    assert 'hx-include="#id_ind-TOTAL_FORMS"' in html
    quiet = c.get("/work/library/suggest/", {"name": "", "framework": "2021"}).content.decode()
    assert "填写项目名称" in quiet


def test_a_suggestion_becomes_a_grid_row_at_the_next_index_holding_its_values(world, client):
    c = client_for(client, world.editor_a1)
    query = urlencode(
        {
            "framework": "2021",
            "level2": "服务对象满意度指标",
            "name": "群众满意度",
            "value": "≥90%",
            "ind-TOTAL_FORMS": "3",
        }
    )
    html = c.get(f"/work/indicator-row/?{query}").content.decode()
    assert 'name="ind-3-name"' in html and 'value="群众满意度"' in html
    assert 'value="≥90%"' in html and '<option value="服务对象满意度指标" selected>' in html
    assert 'name="ind-TOTAL_FORMS" value="4"' in html
    plain = c.get("/work/indicator-row/?n=2&framework=2021").content.decode()
    assert 'name="ind-2-name"' in plain and 'value="群众满意度"' not in plain


def test_a_typed_value_says_where_it_stands_among_similar_ones(world, client):
    imported(world)
    row = {"ind-0-name": "群众满意度", "ind-0-level2": "服务对象满意度指标"}
    html = client.get("/work/check-value/", {**row, "ind-0-value": "≥85%"}).content.decode()
    assert "同类指标“群众满意度”10 个目标中，此值位于第 0 百分位（中位数 90%，1 个地区）" in html
    alone = client.get("/work/check-value/", {"ind-0-value": "≥85%"}).content.decode()
    assert "value-standing" not in alone


def test_the_review_page_shows_the_standing_and_the_comparison_finding_with_evidence(world, client):
    imported(world)
    draft = sample_draft(
        indicators=[
            IndicatorDraft(level2="数量指标", name="改造教学楼数量", value="≥6栋", basis="计划标准"),
            IndicatorDraft(level2="服务对象满意度指标", name="群众满意度", value="≥40%", basis="历史标准"),
        ]
    )
    project = do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2024, draft=draft)
    html = client_for(client, world.editor_a1).get(f"/work/projects/{project.pk}/").content.decode()
    assert 'id="library-standings"' in html and "此值位于第 0 百分位" in html
    assert "指标值明显偏离同类指标" in html and "比较的目标：10 个（10 个项目或职责，1 个地区）" in html


def test_finance_curates_on_the_cluster_page_and_the_next_suggestion_reflects_it(world, client):
    imported(world)
    c = client_for(client, world.admin)
    listing = c.get("/work/library/", {"q": "满意度"}).content.decode()
    assert "群众满意度" in listing
    page = c.get("/work/library/cluster/", {"key": "群众满意度"}).content.decode()
    assert 'id="curation"' in page and 'id="library-chart"' in page
    r = c.post("/work/library/curate/", {"action": "merge", "name": "群众满意度", "other": "水质达标率"})
    assert r.status_code == 302
    c.post("/work/library/curate/", {"action": "mark", "name": "群众满意度", "text": "共性"})
    page = c.get(r.url).content.decode()
    assert "水质达标率" in page and 'id="cluster-mark">共性' in page
    assert "指标库整理：合并“群众满意度”与“水质达标率”" in page
    panel = c.get("/work/library/suggest/", {"name": "中小学校舍维修", "framework": "2021"}).content.decode()
    assert 'badge published">共性' in panel
    bad = c.post("/work/library/curate/", {"action": "disable", "name": "不存在的指标"}, follow=True)
    assert "指标库中没有" in bad.content.decode()


def test_an_editor_sees_the_cluster_but_no_curation_and_is_refused_posting(world, client):
    imported(world)
    c = client_for(client, world.editor_a1)
    page = c.get("/work/library/cluster/", {"key": "群众满意度"}).content.decode()
    assert "群众满意度" in page and 'id="curation"' not in page
    assert c.post("/work/library/curate/", {"action": "disable", "name": "群众满意度"}).status_code == 403
    assert not CurationFact.objects.exists()
    assert AuditEvent.objects.filter(verb="curate", ok=False).count() == 1


def test_the_department_compile_page_suggests_annual_indicators_for_a_duty(world, client):
    imported(world)
    c = client_for(client, world.reviewer_a)
    new = c.post("/work/departments/new/", {"year": "2024"})
    page = c.get(new.url).content.decode()
    assert 'id="duty-suggestions"' in page and "duty-suggest/?year=2024&amp;department=%E5%8C%BA" in page
    html = c.get("/work/library/duty-suggest/", {"ann-0-duty": "水质监测", "year": "2024"}).content.decode()
    assert "水质检测次数" in html and "ann-s-name=" in html
    row = c.get(
        "/work/departments/row/?table=annual&year=2024&ann-s-name=水质检测次数&ann-s-value=≥4次&ann-TOTAL_FORMS=2"
    )
    assert 'name="ann-2-name"' in row.content.decode() and 'value="水质检测次数"' in row.content.decode()


def test_the_researchers_page_is_public_with_a_chart_and_a_csv_of_published_targets_only(
    world, client, draft_project
):
    imported(world)
    approve(world, draft_project)  # approved, not published: not the public's
    listing = client.get("/library/", {"q": "满意度"}).content.decode()
    assert "群众满意度" in listing and "师生满意度" not in listing
    page = client.get("/library/cluster/", {"key": "群众满意度"}).content.decode()
    assert 'id="library-chart"' in page and page.count('class="dot"') == 10 and "2022年" in page
    assert client.get("/library/cluster/", {"key": "师生满意度"}).status_code == 404
    r = client.get("/library/cluster.csv", {"key": "群众满意度"})
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["地区", "年度", "主管部门"] and len(rows) == 11
    assert rows[1][0] == "临淄区" and rows[1][8] == "≥90%" and rows[1][9:] == ["90", "%"]
    with store.opened() as library:  # the signed-in library has the approved project
        assert library.cluster_key("师生满意度") is not None
