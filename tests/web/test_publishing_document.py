"""Stored targets come back out as the domain Document they were imported from."""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import pytest

from jixiao.domain import Document, Funds, Source
from jixiao.domain.registry_match import Plan
from jixiao.ingest import read_document
from jixiao.web.actions.imports import do_import_document
from jixiao.web.organisations.registry import plan_for
from jixiao.web.publishing.document import region_document
from jixiao.web.targets.models import DepartmentTarget, Project
from jixiao.web.workflow.states import State
from tests.web.documents import small_document

SAMPLES = Path(str(resources.files("jixiao") / "data" / "samples"))
SAME = Source("same", "0" * 64)


def _funds(f):
    return Funds(*(None if v is None else round(v, 4) for v in (f.total, f.fiscal, f.other)))


def comparable(doc):
    """What the database keeps of a disclosure.

    Not kept, by the import's design: the source, reader warnings and summary rows; department rows'
    line numbers; a department has one code (a document may print one code in project tables and another
    in the department table) and funds have four decimals (万元 to the yuan cent).
    """
    return dataclasses.replace(
        doc,
        source=SAME,
        warnings=(),
        summary=(),
        projects=tuple(
            dataclasses.replace(p, department_code=None, funds=_funds(p.funds)) for p in doc.projects
        ),
        departments=tuple(
            dataclasses.replace(
                d,
                code=None,
                line=None,
                strategic_indicators=tuple(dataclasses.replace(i, line=None) for i in d.strategic_indicators),
                annual_indicators=tuple(dataclasses.replace(i, line=None) for i in d.annual_indicators),
            )
            for d in doc.departments
        ),
    )


@pytest.mark.parametrize("sample", ["zichuan-2023.txt", "linzi-2022.txt", "liaocheng-2022.txt"])
def test_an_imported_sample_comes_back_unchanged(world, sample):
    path = SAMPLES / sample
    imported = read_document(path.read_bytes(), path.name)
    placed = plan_for(world.region, imported)
    do_import_document(acting_user=world.admin, region=world.region, year=imported.year, document=imported)
    stored = region_document(world.region, imported.year)
    assert comparable(stored) == comparable(registered(imported, placed))


def registered(doc: Document, placed: Plan) -> Document:
    """``doc`` with each department as the registry names it: one spelling per body, a blank 主管部门 found
    from the code or the unit (jixiao.web.organisations.registry)."""
    return dataclasses.replace(
        doc,
        projects=tuple(
            dataclasses.replace(p, department=where.name)
            for p, where in zip(doc.projects, placed.projects, strict=True)
        ),
        departments=tuple(
            dataclasses.replace(d, name=where.name)
            for d, where in zip(doc.departments, placed.targets, strict=True)
        ),
    )


def test_title_issuer_and_preface_come_from_the_batch_only_for_the_whole_batch(world):
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=doc)
    whole = region_document(world.region, 2022)
    assert (whole.title, whole.issuer, whole.preface) == (doc.title, doc.issuer, doc.preface)
    assert whole.projects == doc.projects  # a small document loses nothing at all, line numbers included
    first = Project.objects.order_by("pk").first()
    part = region_document(world.region, 2022, project_ids=[first.pk], target_ids=[])
    assert [p.name for p in part.projects] == [first.name] and part.departments == ()
    # a part of the batch: the printed 编报说明 no longer describes it, so the publisher computes one
    assert (part.title, part.preface, part.issuer) == (None, None, "临淄区财政局")


def test_state_selects_what_is_reported(world, draft_project):
    doc = small_document()
    do_import_document(acting_user=world.admin, region=world.region, year=2024, document=doc)
    Project.objects.filter(name=doc.projects[0].name).update(state=State.APPROVED)
    DepartmentTarget.objects.update(state=State.APPROVED)
    approved = region_document(world.region, 2024)
    assert [p.name for p in approved.projects] == [p.name for p in doc.projects]  # the draft is left out
    published = region_document(world.region, 2024, state="published")
    assert [p.name for p in published.projects] == [doc.projects[1].name] and published.departments == ()
    everything = region_document(world.region, 2024, state="all")
    assert draft_project.name in [p.name for p in everything.projects]


def test_archived_projects_and_other_regions_are_never_included(world):
    do_import_document(acting_user=world.admin, region=world.region, year=2022, document=small_document())
    Project.objects.filter(pk=Project.objects.order_by("pk").first().pk).update(archived=True)
    assert len(region_document(world.region, 2022).projects) == 1
    assert region_document(world.other_region, 2022).projects == ()
