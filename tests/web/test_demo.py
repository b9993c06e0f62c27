"""The demo data set: the three samples imported through the import action, and one account per role."""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.web.demo import DEMO_PASSWORD, load_demo, sample_documents
from jixiao.web.organisations.models import Profile, Role
from jixiao.web.targets.models import ImportBatch, Project


def test_demo_loads_the_samples_once_with_accounts_for_every_role(db, fast_password_hasher):
    accounts = load_demo(sample_documents())
    assert {b.source_name for b in ImportBatch.objects.all()} == {
        "linzi-2022.txt",
        "liaocheng-2022.txt",
        "zichuan-2023.txt",
    }
    assert Project.objects.filter(state="published").count() == Project.objects.count() > 100
    roles = {a.role for a in accounts}
    assert {r.label for r in Role} <= roles
    for a in accounts:
        assert User.objects.get(username=a.username).check_password(DEMO_PASSWORD)
    editor = Profile.objects.get(user__username="danwei")
    reviewer = Profile.objects.get(user__username="zhuguan")
    assert editor.unit.department == reviewer.department and editor.region.name == "临淄区"
    # loading again adds nothing
    again = load_demo([])
    assert ImportBatch.objects.count() == 3 and [a.username for a in again] == [a.username for a in accounts]
