"""``jixiao check --db`` reviews the targets stored in the web database, one document per region and year."""

from __future__ import annotations

import json

import pytest
import typer

from jixiao.cli.check import run_check
from jixiao.web.actions.imports import do_import_document
from jixiao.web.review_stored import stored_documents
from tests.web.documents import small_document


def test_stored_projects_become_one_document_per_region_and_year(world):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document(n_projects=4))
    documents = stored_documents()
    assert [(d.year, len(d.projects)) for d in documents] == [(2022, 4)]
    assert {p.name for p in documents[0].projects} == {p.name for p in small_document(n_projects=4).projects}


def test_check_db_prints_the_findings_as_json(world, capsys):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document(n_projects=2))
    with pytest.raises(typer.Exit) as ended:
        run_check([], "json", None, None, True, False)
    report = json.loads(capsys.readouterr().out)
    assert ended.value.exit_code in (0, 1)
    assert report["document"]["name"] == f"db:{world.region}:2022"
    assert report["summary"]["findings"] == len(report["findings"])


def test_check_db_reviews_department_targets_too(world, capsys):
    from jixiao.web.actions.departments import do_create_department_target
    from tests.web.conftest import sample_department_draft

    document = small_document(n_projects=2)
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=document)
    do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2022, draft=sample_department_draft()
    )
    stored = stored_documents()[0]
    assert [d.name for d in stored.departments] == [document.departments[0].name, "区教育局"]
    assert stored.departments[0].annual_indicators == document.departments[0].annual_indicators
    compiled = stored.departments[1]
    assert [i.name for i in compiled.annual_indicators] == ["适龄儿童入学率", "控辍保学劝返人数"]
    assert compiled.annual_indicators[0].reference.standard == "100%"
    with pytest.raises(typer.Exit):
        run_check([], "json", None, None, True, False)
    report = json.loads(capsys.readouterr().out)
    scored = [s["name"] for s in report["scores"] if s["kind"] == "department"]
    assert scored == [document.departments[0].name, "区教育局"]
