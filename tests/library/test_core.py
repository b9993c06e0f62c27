"""The library grows incrementally to what a full build gives, and curation outlives rebuilds."""

from importlib import resources

import pytest

from jixiao.ingest import read_document
from jixiao.library import COMMON, Curation, Library, from_data, load, save, to_data

from .builders import document, indicator, project, satisfaction_documents

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


@pytest.fixture(scope="module")
def samples():
    return [
        read_document(resources.files("jixiao").joinpath(f"data/samples/{n}").read_bytes(), n)
        for n in SAMPLES
    ]


def snapshot(lib: Library):
    return {k: (lib.members(k), lib.cluster(k)) for k in lib.cluster_keys()}


def test_incremental_add_equals_full_build(samples):
    full = Library()
    for doc in samples:
        full.add_document(doc)
    incremental = Library()
    for doc in samples:
        incremental.add_document(doc)
        incremental.cluster_keys()  # cluster after every document
    assert snapshot(incremental) == snapshot(full)


def test_removing_and_adding_back_a_project_restores_the_library(samples):
    lib = Library()
    for doc in samples:
        lib.add_document(doc)
    before = snapshot(lib)
    key = next(k for k, e in lib.entries.items() if e.kind == "project" and len(lib.rows(k)) > 5)
    entry, rows = lib.entries[key], lib.rows(key)
    lib.remove([key])
    lib.cluster_keys()
    without = Library()
    for doc in samples:
        without.add_document(doc)
    without.remove([key])
    assert snapshot(lib) == snapshot(without)
    lib.add_entry(entry, rows)
    assert snapshot(lib) == before


def test_a_document_added_again_replaces_itself(samples):
    lib = Library()
    lib.add_document(samples[2])
    rows = len(lib)
    lib.add_document(samples[2])
    assert len(lib) == rows


def test_department_duties_are_entries(samples):
    lib = Library()
    lib.add_document(samples[2])
    duties = [e for e in lib.entries.values() if e.kind == "department"]
    assert duties and all(e.department for e in duties)
    assert lib.entries[next(iter(lib.entries))].region == "淄博市淄川区"


def test_curation_survives_a_rebuild_and_a_file(tmp_path):
    docs = satisfaction_documents(["≥90%", "≥95%"]) + [
        document(
            "x.txt", project("学生资助", indicator("学生满意度", "≥90%"), indicator("家长满意度", "≥90%"))
        )
    ]
    facts = [
        Curation("merge", "学生满意度", other="家长满意度"),
        Curation("mark", "群众满意度", text=COMMON),
        Curation("annotate", "受益群众满意度", text="问卷调查"),  # a name the library does not hold yet
        Curation("disable", "学生满意度"),
    ]
    lib = Library(facts)
    for doc in docs:
        lib.add_document(doc)
    assert lib.cluster_key("学生满意度") == lib.cluster_key("家长满意度")
    assert lib.cluster(lib.cluster_key("群众满意度")).common == COMMON
    assert lib.cluster(lib.cluster_key("学生满意度")).disabled
    assert lib.cluster(lib.cluster_key("群众满意度")).notes == ()
    lib.add_document(document("y.txt", project("另一项目", indicator("受益群众满意度", "≥90%"))))
    joined = lib.cluster(lib.cluster_key("群众满意度"))
    assert joined.common == COMMON and joined.notes == ("问卷调查",)
    # a rebuild from the same documents with the same facts, and a round trip through the file
    save(lib, tmp_path / "lib.json")
    again = load(tmp_path / "lib.json")
    assert snapshot(again) == snapshot(lib)
    assert again.curation == lib.curation
    # curation passed in (the web system's rows) replaces the file's
    plain = from_data(to_data(lib), curation=[])
    assert plain.cluster_key("学生满意度") != plain.cluster_key("家长满意度")


def test_split_takes_a_name_out_of_its_cluster():
    lib = Library([Curation("split", "受益群众满意度")])
    for doc in satisfaction_documents(["≥90%"]):
        lib.add_document(doc)
    lib.add_document(document("y.txt", project("另一项目", indicator("受益群众满意度", "≥90%"))))
    assert lib.cluster_key("受益群众满意度") != lib.cluster_key("群众满意度")
    lib.set_curation([])
    assert lib.cluster_key("受益群众满意度") == lib.cluster_key("群众满意度")


def test_bad_curation_is_refused():
    with pytest.raises(ValueError):
        Curation.from_dict({"action": "mark", "name": "x", "text": "重要"})
    with pytest.raises(ValueError):
        Curation.from_dict({"action": "merge", "name": "x"})
