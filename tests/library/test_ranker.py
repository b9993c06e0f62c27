"""Suggestions for real projects of the samples, held out of the library they are suggested from."""

from importlib import resources

import pytest

from jixiao.ingest import read_document
from jixiao.library import Curation, Library, by_level2, popular, suggest, suggest_for_department

SAMPLES = ("linzi-2022.txt", "liaocheng-2022.txt", "zichuan-2023.txt")


@pytest.fixture(scope="module")
def full():
    lib = Library()
    for n in SAMPLES:
        lib.add_document(
            read_document(resources.files("jixiao").joinpath(f"data/samples/{n}").read_bytes(), n)
        )
    return lib


def held_out(full: Library, name: str) -> tuple[Library, object, set[str]]:
    key = next(k for k, e in full.entries.items() if e.kind == "project" and e.name == name)
    lib = Library()
    for n in SAMPLES:
        lib.add_document(
            read_document(resources.files("jixiao").joinpath(f"data/samples/{n}").read_bytes(), n)
        )
    lib.remove([key])
    return lib, full.entries[key], full.entry_clusters(key)


@pytest.mark.parametrize("name", ["校车运营补贴", "综合运转项目"])
def test_real_indicators_appear_in_the_top_ten(full, name):
    lib, entry, truth = held_out(full, name)
    found = suggest(lib, entry.name, goal=entry.text, department=entry.department, top=10)
    hits = {full.cluster_key(s.cluster) for s in found} & truth
    assert len(hits) >= 2, [s.name for s in found]


def test_suggestions_carry_typical_values_and_support(full):
    found = suggest(full, "农村公路养护", goal="保障农村公路安全畅通", top=10)
    assert len(found) == 10
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert all(s.typical_value and "个地区" in s.support for s in found)
    assert sum(len(g) for g in by_level2(found).values()) == 10


def test_curation_reflects_in_the_next_suggestion(full):
    lib = Library()
    for entry in full.entries.values():
        lib.add_entry(entry, full.rows(entry.key))
    first = suggest(lib, "农村公路养护", goal="保障农村公路安全畅通", top=5)
    lib.curate(Curation("disable", first[0].name))
    assert first[0].cluster not in [
        s.cluster for s in suggest(lib, "农村公路养护", goal="保障农村公路安全畅通", top=5)
    ]
    target = suggest(lib, "农村公路养护", goal="保障农村公路安全畅通", top=30)[-1]
    lib.curate(Curation("mark", target.name, text="共性"))
    after = [s.cluster for s in suggest(lib, "农村公路养护", goal="保障农村公路安全畅通", top=30)]
    assert after.index(target.cluster) < 29


def test_popularity_baseline_and_department_variant(full):
    top = popular(full, top=3)
    assert top[0].name in ("项目完成及时率", "群众满意度", "总成本")
    duties = suggest_for_department(full, "意识形态工作责任制落实和日常监督检查", top=5)
    assert duties and all(s.level2 is None for s in duties)
