"""填报模板: a unit downloads its template, uploads it filled, previews, and loads it as drafts — the whole
file or nothing, every error named by sheet and cell."""

from __future__ import annotations

import hashlib
import io

import pytest
from openpyxl import load_workbook

from jixiao.domain import Document, Funds, Level2, Project, Source, SpendingPoint
from jixiao.publish.template import INDICATOR_HEADER_ROW, write_template
from jixiao.web.actions import ActionError
from jixiao.web.actions.projects import do_save_project
from jixiao.web.actions.templates import TemplateRefused, do_load_template
from jixiao.web.audit.models import AuditEvent
from jixiao.web.publishing.upload import is_template, plan_template
from jixiao.web.targets.models import Project as StoredProject
from jixiao.web.workflow.states import State
from tests.web.conftest import PASSWORD, sample_draft
from tests.web.documents import indicator

URL = "/work/template/"
FIRST = INDICATOR_HEADER_ROW + 1  # the first indicator row of a project sheet


def school_project(name: str = "实验室设备更新", code: str = "2024-301-009", unit: str = "第一中学") -> Project:
    return Project(
        name=name,
        code=code,
        category="特定目标类项目",
        department="区教育局",
        unit=unit,
        fund_type="一般公共预算",
        funds=Funds(80.0, 80.0, 0.0),
        goal="更新理化生实验室设备，满足实验教学需要。",
        spending_plan=(SpendingPoint("6月底", 40.0), SpendingPoint("12月底", 80.0)),
        indicators=(
            indicator(Level2.QUANTITY, "更新实验室数量", "≥6个", 1),
            indicator(Level2.ECONOMIC_COST, "设备采购成本", "≤80万元", 2),
            indicator(Level2.SATISFACTION, "师生满意度", "≥95%", 3),
        ),
    )


def filled(*projects: Project, year: int | None = 2024, edit=None) -> bytes:
    """A template as a unit sends it back: ``projects`` filled in, then ``edit(workbook)`` applied."""
    doc = Document(source=Source("x", ""), year=year, projects=projects)
    data = write_template(doc, department="区教育局", year=year)
    if edit is None:
        return data
    wb = load_workbook(io.BytesIO(data))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bad_value(wb):
    wb["项目1"][f"E{FIRST}"] = "≥"
    wb["项目1"][f"F{FIRST}"] = "9O"


def upload(client, data: bytes, name: str = "第一中学.xlsx"):
    return client.post(URL, {"file": _file(data, name)})


def _file(data: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@pytest.fixture
def editor(world, client):
    client.login(username="editor_a1", password=PASSWORD)
    return client


def test_a_filled_template_is_previewed_then_loaded_as_drafts_of_the_unit(world, editor):
    data = filled(school_project(), school_project("图书馆藏书补充", "2024-301-010"))
    text = upload(editor, data).content.decode()
    assert 'id="template-preview"' in text and "实验室设备更新" in text and "新建草稿" in text
    assert not StoredProject.objects.exists()  # nothing before confirmation
    response = editor.post(URL, {"confirm": "1"})
    assert response.status_code == 302
    stored = StoredProject.objects.order_by("pk")
    assert [p.name for p in stored] == ["实验室设备更新", "图书馆藏书补充"]
    assert {(p.unit, p.year, p.state) for p in stored} == {(world.unit_a1, 2024, State.DRAFT)}
    assert [i.value_raw for i in stored[0].live_indicators()] == ["≥6个", "≤80万元", "≥95%"]
    assert stored[0].spending_plan == [{"period": "6月底", "amount": 40.0}, {"period": "12月底", "amount": 80.0}]
    event = AuditEvent.objects.get(verb="load-template")
    assert (event.actor, event.target_type, event.target_id) == (world.editor_a1, "Unit", world.unit_a1.pk)
    assert event.message == "导入填报模板“第一中学.xlsx”：新建项目 2 个，更新草稿 0 个"
    assert event.detail == {
        "file": "第一中学.xlsx",
        "sha256": hashlib.sha256(data).hexdigest(),
        "year": 2024,
        "created": [p.pk for p in stored],
        "updated": [],
    }
    assert AuditEvent.objects.filter(verb="create").count() == 2


def test_a_bad_cell_refuses_the_whole_file_and_names_the_cell(world, editor):
    data = filled(school_project(), school_project("图书馆藏书补充", "2024-301-010"), edit=bad_value)
    text = upload(editor, data).content.decode()
    assert 'id="template-errors"' in text and f"项目1!F{FIRST}" in text and "的数字中有字母 O" in text
    assert 'id="confirm-template"' not in text
    editor.post(URL, {"confirm": "1"})
    assert not StoredProject.objects.exists()


def test_values_the_form_would_flag_are_located_too(world):
    def edits(wb):
        wb["项目1"][f"E{FIRST + 1}"] = None
        wb["项目1"][f"F{FIRST + 1}"] = "达到95%，且不低于90%"  # no operator: read as typed, two values
        wb["项目1"][f"B{FIRST + 2}"] = "成本指标"  # the 2020 second level in a 2021 year
        wb["项目1"]["B11"] = 90  # 资金总额 ≠ 财政资金 + 其他资金
    plan = plan_template(filled(school_project(), edit=edits), "x.xlsx", world.unit_a1)
    where = {e.where for e in plan.errors}
    assert where == {f"项目1!F{FIRST + 1}", f"项目1!B{FIRST + 2}", "项目1!B11"}, plan.errors


def test_another_units_project_is_refused_at_its_unit_cell(world):
    plan = plan_template(filled(school_project(unit="第二中学")), "x.xlsx", world.unit_a1)
    assert [str(e) for e in plan.errors] == ["项目1!B7: 实施单位 '第二中学' 不是您的单位“第一中学”"]


def test_a_matching_draft_is_updated_with_its_indicator_rows_kept(world, editor, draft_project):
    before = {i.name: i.pk for i in draft_project.live_indicators()}
    project = school_project(name=draft_project.name, code=draft_project.code)
    text = upload(editor, filled(project)).content.decode()
    assert "更新草稿（第 1 版）" in text
    editor.post(URL, {"confirm": "1"})
    draft_project.refresh_from_db()
    assert draft_project.version == 2 and StoredProject.objects.count() == 1
    assert draft_project.funds_total == 80
    names = [i.name for i in draft_project.live_indicators()]
    assert names == ["更新实验室数量", "设备采购成本", "师生满意度"]
    kept = draft_project.live_indicators()[2]
    assert kept.pk == before["师生满意度"]  # the same indicator, edited in place


def test_a_submitted_project_is_not_overwritten(world, draft_project):
    StoredProject.objects.filter(pk=draft_project.pk).update(state=State.SUBMITTED)
    plan = plan_template(filled(school_project(name=draft_project.name)), "x.xlsx", world.unit_a1)
    assert len(plan.errors) == 1 and plan.errors[0].where == "项目1!B3" and "已一上" in plan.errors[0].message
    with pytest.raises(TemplateRefused, match="^模板有 1 处错误，整个文件未导入。$"):
        do_load_template(acting_user=world.editor_a1, unit=world.unit_a1, plan=plan)


def test_a_draft_saved_since_the_preview_is_not_overwritten_and_nothing_is_loaded(world, editor, draft_project):
    data = filled(school_project(name=draft_project.name), school_project("图书馆藏书补充", "2024-301-010"))
    upload(editor, data)
    do_save_project(acting_user=world.editor_a1, project=draft_project, draft=sample_draft(goal="别人改过"),
                    expected_version=1)
    response = editor.post(URL, {"confirm": "1"}, follow=True)
    assert "保存被拒绝" in response.content.decode()
    assert StoredProject.objects.count() == 1
    draft_project.refresh_from_db()
    assert draft_project.goal == "别人改过"


def test_a_draft_added_or_renamed_since_the_preview_stops_the_load(world, draft_project):
    plan = plan_template(filled(school_project(name=draft_project.name)), "x.xlsx", world.unit_a1)
    with pytest.raises(ActionError, match="^预览之后单位的项目有了变化（新增或改名），请重新上传模板后再确认。$"):
        do_load_template(acting_user=world.editor_a1, unit=world.unit_a1, plan=plan, previewed={})
    assert StoredProject.objects.get().version == 1


def test_a_template_without_year_or_projects_is_refused(world):
    assert str(plan_template(filled(school_project(), year=None), "x.xlsx", world.unit_a1).errors[0]) == (
        "填报说明!B3: 请填写预算年度"
    )
    assert "没有填写任何项目" in str(plan_template(filled(), "x.xlsx", world.unit_a1).errors[0])
    assert plan_template(filled(school_project(), year=None), "x.xlsx", world.unit_a1, 2024).errors == []


def test_the_download_is_blank_without_last_years_targets_and_prefilled_with_them(world, editor):
    blank = load_workbook(io.BytesIO(editor.get(URL, {"download": "1", "year": "2024"}).content))
    assert blank["项目1"]["B3"].value is None and blank["填报说明"]["B3"].value == 2024
    from jixiao.web.actions.projects import do_create_project

    do_create_project(acting_user=world.editor_a1, unit=world.unit_a1, year=2023, draft=sample_draft())
    response = editor.get(URL, {"download": "1", "year": "2024"})
    assert ".xlsx" in response["Content-Disposition"]
    data = response.content
    assert is_template(data)
    wb = load_workbook(io.BytesIO(data))
    assert wb["项目1"]["B3"].value == sample_draft().name
    # and it loads straight back as this year's draft
    plan = plan_template(data, "x.xlsx", world.unit_a1)
    assert plan.errors == [] and plan.year == 2024 and len(plan.created) == 1


@pytest.mark.parametrize("who", ["reviewer_a", "finance", "admin"])
def test_only_unit_editors_use_the_template_pages(world, client, who):
    user = getattr(world, who)
    client.login(username=user.username, password=PASSWORD)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": _file(filled(school_project()), "x.xlsx")}).status_code == 403
    assert AuditEvent.objects.filter(verb="load-template", ok=False, actor=user).count() == 2
    assert not StoredProject.objects.exists()


def test_a_disclosure_is_not_a_template(world):
    assert not is_template(b"not a zip") and not is_template(write_template(None)[:100])
