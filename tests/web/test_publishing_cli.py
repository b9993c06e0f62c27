"""``jixiao export --db`` publishes stored targets with the file export's writers; ``jixiao load`` reads a
filled template into a unit's drafts."""

from __future__ import annotations

import io

from docx import Document as DocxDocument
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.web.actions.imports import do_import_document
from jixiao.web.audit.models import AuditEvent
from jixiao.web.targets.models import Project
from jixiao.web.workflow.states import State
from tests.web.documents import small_document
from tests.web.test_publishing_template import FIRST, bad_value, filled, school_project


def export(*args: str):
    return CliRunner().invoke(app, ["export", "--db", *args])


def test_export_db_writes_the_stored_disclosure(world, tmp_path):
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    out = tmp_path / "out.docx"
    result = export("--region", "临淄区", "--year", "2022", "--to", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "已导出 2 个项目、1 个部门" in result.output
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(out.read_bytes())).paragraphs)
    assert doc.title in text and doc.issuer in text


def test_export_db_selects_by_project_and_department_and_state(world, tmp_path):
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    out = tmp_path / "out.json"
    result = export("--region", "临淄区", "--year", "2022", "--department", "区水利局", "--to", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "已导出 1 个项目、1 个部门" in result.output
    Project.objects.filter(name=doc.projects[1].name).update(state=State.APPROVED)
    result = export("--region", "临淄区", "--year", "2022", "--state", "published", "--project", doc.projects[1].name,
                    "--to", "json", "-o", str(out))
    assert result.exit_code == 2 and "没有符合条件" in result.output and "nothing to export" in result.output


def test_export_db_refuses_unknown_region_and_empty_year_in_both_languages(world, tmp_path):
    out = str(tmp_path / "x.docx")
    unknown = export("--region", "无此区", "--year", "2022", "--to", "docx", "-o", out)
    assert unknown.exit_code == 2 and "地区不存在: 无此区" in unknown.output and "no such region" in unknown.output
    empty = export("--region", "临淄区", "--year", "2030", "--to", "docx", "-o", out)
    assert empty.exit_code == 2 and "没有符合条件" in empty.output and "Traceback" not in empty.output
    missing = export("--to", "docx", "-o", out)
    assert missing.exit_code == 2 and "--region" in missing.output


def test_load_reads_a_filled_template_into_the_users_unit(world, tmp_path):
    path = tmp_path / "第一中学.xlsx"
    path.write_bytes(filled(school_project()))
    result = CliRunner().invoke(app, ["load", str(path), "--user", "editor_a1"])
    assert result.exit_code == 0, result.output
    assert "第一中学 2024 新建草稿 1 个" in result.output
    project = Project.objects.get()
    assert (project.unit, project.state, project.name) == (world.unit_a1, State.DRAFT, "实验室设备更新")
    event = AuditEvent.objects.get(verb="load-template")
    assert (event.via, event.actor) == ("cli", world.editor_a1)


def test_load_refuses_a_template_with_a_bad_cell_and_names_it(world, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(filled(school_project(), school_project("图书馆藏书补充", "2024-301-010"), edit=bad_value))
    result = CliRunner().invoke(app, ["load", str(path), "--user", "editor_a1"])
    assert result.exit_code == 1 and f"项目1!F{FIRST}" in result.output and "nothing loaded" in result.output
    assert not Project.objects.exists()


def test_load_refuses_a_template_from_someone_without_a_unit(world, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(filled(school_project()))
    result = CliRunner().invoke(app, ["load", str(path), "--user", "fin_admin"])
    assert result.exit_code == 2 and "不是单位填报人员" in result.output and "not a unit editor" in result.output
    assert AuditEvent.objects.filter(verb="load-template", ok=False, actor=world.admin).exists()
    assert not Project.objects.exists()


def test_load_still_needs_a_region_for_a_disclosure(world):
    from tests.web.test_cli_load import SAMPLE

    result = CliRunner().invoke(app, ["load", str(SAMPLE), "--user", "fin_admin"])
    assert result.exit_code == 2 and "--region" in result.output
