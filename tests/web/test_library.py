"""The web library (指标库): built from imports and approvals as they happen, curated by finance with every
fact audited and kept through rebuilds, read by the public in its published part only; the policy person by
person."""

from __future__ import annotations

import pytest

from jixiao.web import policy
from jixiao.web.actions import ActionError
from jixiao.web.actions.imports import do_import_document
from jixiao.web.actions.library import do_curate, do_rebuild_library
from jixiao.web.actions.review import do_transition
from jixiao.web.audit.models import AuditEvent
from jixiao.web.library import store
from jixiao.web.library.models import PUBLISHED_PART, WHOLE, CurationFact, LibrarySource
from jixiao.web.library.suggest import for_project
from tests.web.conftest import approve
from tests.web.documents import small_document


def imported(world, n=4, sha="a" * 64):
    return do_import_document(
        acting_user=world.admin, region=world.region, year=2022, document=small_document(sha, n_projects=n)
    )


def names(library):
    return {r.name for e in library.entries for r in library.rows(e)}


def test_an_import_enters_the_library_at_once_published(world):
    imported(world)
    sources = LibrarySource.objects.all()
    assert sources.filter(target_kind="project").count() == 4
    assert sources.filter(target_kind="department_target").count() == 1
    assert all(s.published for s in sources)
    with store.opened() as library:
        assert {"群众满意度", "水质达标率", "水质检测次数"} <= names(library)
        entry = next(e for e in library.entries.values() if e.kind == "project")
        assert (entry.region, entry.year) == ("临淄区", 2022)
        found = for_project(library, "农村饮水安全工程", goal="保障饮水安全", framework="2021")
    assert "水质达标率" in {s.name for s in found}
    cost = next(s for s in found if s.name == "工程总成本")
    assert (cost.level2, cost.choice) == ("成本指标", "经济成本指标")  # 2020's 成本指标 in the 2021 grid


def test_an_approved_project_is_added_incrementally_and_the_public_sees_it_once_published(
    world, draft_project
):
    imported(world)
    with store.opened() as library:
        held = library
        assert "改造教学楼数量" not in names(library)
    project = approve(world, draft_project)
    with store.opened() as library:
        assert library is held  # refreshed in place, not built again
        assert "改造教学楼数量" in names(library)
        assert f"project:{project.pk}#p0" in library.entries
    with store.opened(public=True) as library:
        assert "改造教学楼数量" not in names(library)
    do_transition(acting_user=world.admin, target=project, verb="publish")
    with store.opened(public=True) as library:
        assert "改造教学楼数量" in names(library)
    assert LibrarySource.objects.get(target_kind="project", object_id=project.pk).published


def test_a_draft_or_submitted_project_stays_out(world, draft_project):
    do_transition(acting_user=world.editor_a1, target=draft_project, verb="submit")
    assert not LibrarySource.objects.filter(target_kind="project", object_id=draft_project.pk).exists()


def test_an_approved_department_target_adds_its_duties(world):
    from jixiao.web.actions.departments import do_create_department_target
    from tests.web.conftest import sample_department_draft

    target = do_create_department_target(
        acting_user=world.reviewer_a, department=world.dept_a, year=2024, draft=sample_department_draft()
    )
    do_transition(acting_user=world.reviewer_a, target=target, verb="submit")
    do_transition(acting_user=world.finance, target=target, verb="approve", grade="优")
    with store.opened() as library:
        duties = [e for e in library.entries.values() if e.source == f"department_target:{target.pk}"]
        assert len(duties) == 1 and duties[0].kind == "department"
        assert {r.name for r in library.rows(duties[0].key)} == {"适龄儿童入学率", "控辍保学劝返人数"}


def test_curation_is_audited_reflected_at_once_and_survives_a_rebuild(world):
    imported(world)
    with store.opened() as library:
        assert library.cluster_key("群众满意度") != library.cluster_key("水质达标率")
    fact = do_curate(acting_user=world.admin, action="merge", name="群众满意度", other="水质达标率")
    do_curate(acting_user=world.admin, action="mark", name="群众满意度", text="共性")
    do_curate(acting_user=world.admin, action="annotate", name="水质检测次数", text="按季度检测")
    row = AuditEvent.objects.get(verb="curate", target_type="CurationFact", target_id=fact.pk)
    assert row.actor == world.admin and row.ok
    assert row.detail["fact"] == {"action": "merge", "name": "群众满意度", "other": "水质达标率"}
    assert row.detail["before"]["群众满意度"]["names"] == ["群众满意度"]
    assert set(row.detail["after"]["names"]) == {"群众满意度", "水质达标率"}

    def curated():
        with store.opened() as library:
            merged = library.cluster_key("群众满意度") == library.cluster_key("水质达标率")
            c = library.cluster(library.cluster_key("群众满意度"))
            notes = library.cluster(library.cluster_key("水质检测次数")).notes
            return merged, c.common, notes

    assert curated() == (True, "共性", ("按季度检测",))
    counts = do_rebuild_library()
    assert counts == {"projects": 4, "department_targets": 1, "rows": 17}
    assert AuditEvent.objects.filter(verb="rebuild").count() == 1
    store.forget()  # another process starting afresh
    assert curated() == (True, "共性", ("按季度检测",))
    assert CurationFact.objects.count() == 3


def test_a_split_and_a_disable_change_the_next_suggestion(world):
    imported(world)

    def suggested():
        with store.opened() as library:
            return {s.name for s in for_project(library, "农村饮水安全工程", goal="饮水", top=20)}

    assert "水质达标率" in suggested()
    do_curate(acting_user=world.admin, action="disable", name="水质达标率")
    assert "水质达标率" not in suggested()
    do_curate(acting_user=world.admin, action="enable", name="水质达标率")
    assert "水质达标率" in suggested()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "merge", "name": "群众满意度", "other": ""}, "merge"),
        ({"action": "mark", "name": "群众满意度", "text": "重要"}, "共性"),
        ({"action": "annotate", "name": "群众满意度"}, "备注不能为空"),
        ({"action": "disable", "name": "没有这个指标"}, "指标库中没有"),
        ({"action": "merge", "name": "群众满意度", "other": "没有这个指标"}, "指标库中没有"),
    ],
)
def test_a_bad_curation_is_refused_and_nothing_is_written(world, kwargs, message):
    imported(world)
    with pytest.raises(ActionError, match=message):
        do_curate(acting_user=world.admin, **kwargs)
    assert not CurationFact.objects.exists()
    assert not AuditEvent.objects.filter(verb="curate", ok=True).exists()


@pytest.mark.parametrize("who", ["editor_a1", "reviewer_a", "finance"])
def test_only_a_finance_admin_curates_and_a_refusal_is_on_record(world, who):
    imported(world)
    with pytest.raises(policy.Refused):
        do_curate(acting_user=getattr(world, who), action="disable", name="群众满意度")
    assert AuditEvent.objects.filter(verb="curate", ok=False, actor=getattr(world, who)).exists()
    assert not CurationFact.objects.exists()


# person → (views the whole library, views the published part, curates); the library spans regions, so a
# finance admin of another region curates too.
LIBRARY_SPEC = {
    "anon": (False, True, False),
    "editor_a1": (True, True, False),
    "editor_b1": (True, True, False),
    "reviewer_a": (True, True, False),
    "finance": (True, True, False),
    "admin": (True, True, True),
    "other_finance": (True, True, True),
    "superuser": (True, True, True),
    "no_role": (False, True, False),
}


def test_library_policy_person_by_person(world):
    from django.contrib.auth.models import User

    people = {name: getattr(world, name, None) for name in LIBRARY_SPEC}
    people["anon"] = None
    people["superuser"] = User.objects.create_superuser("root", password="x")
    people["no_role"] = User.objects.create_user("nobody", password="x")
    assert set(policy.POLICY["library"]) == {"view", "curate"}
    wrong = []
    for name, (whole, published, curate) in LIBRARY_SPEC.items():
        user = people[name]
        got = (
            policy.can(user, "view", WHOLE),
            policy.can(user, "view", PUBLISHED_PART),
            policy.can(user, "curate", WHOLE),
        )
        if got != (whole, published, curate):
            wrong.append((name, got))
        if store.public_only(user) is whole:
            wrong.append((name, "public_only"))
    assert not wrong


def test_the_demos_imported_samples_feed_the_library_at_once(db, fast_password_hasher):
    from jixiao.web.demo import load_demo, sample_documents

    load_demo(sample_documents(), monitoring=False)
    with store.opened() as library:
        assert len(library) > 1500
        assert {e.region for e in library.entries.values()} == {"临淄区", "聊城市", "淄川区"}
        found = for_project(library, "校车运营补贴", goal="保障学生上下学安全", framework="2021")
    assert len(found) >= 8 and all(s.typical_value for s in found[:3])
