"""The back office cannot delete what history refers to: regions, fiscal years, departments, units, people,
profiles and tokens have no delete button, no bulk delete and refuse a delete page; a person is deactivated
instead, and can then no longer sign in."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from jixiao.web.organisations.models import ApiToken, Department, FiscalYear, Profile, Region, Unit
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

KEPT = [Region, FiscalYear, Department, Unit, Profile, ApiToken, User]


@pytest.fixture
def superuser(client, world):
    user = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(user)
    return user


@pytest.mark.parametrize("model", KEPT, ids=lambda m: m.__name__)
def test_no_delete_in_the_back_office(client, superuser, world, model):
    obj = {
        Region: world.region,
        FiscalYear: FiscalYear.objects.get_or_create(region=world.region, year=2031)[0],
        Department: world.dept_a,
        Unit: world.unit_a1,
        Profile: world.editor_a1.profile,
        ApiToken: ApiToken.objects.create(user=world.editor_a1, name="t", digest="x" * 64),
        User: world.editor_a1,
    }[model]
    assert not admin.site._registry[model].has_delete_permission(None)
    meta = model._meta
    delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    assert changelist.status_code == 200 and b"delete_selected" not in changelist.content
    client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_person_is_deactivated_instead_and_cannot_sign_in(client, superuser, world):
    editor = world.editor_a1
    editor.is_active = False
    editor.save()
    client.logout()
    client.post("/accounts/login/", {"username": editor.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=editor.pk).exists()


def test_the_admin_unlocks_a_locked_out_name_in_chinese(client, superuser):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="editor_a1", ip_address="10.0.0.1", user_agent="", failures_since_start=9
    )
    page = client.get("/admin/axes/accessattempt/").content.decode()
    assert "登录限制" in page and "访问尝试" in page and "用户名" in page
    client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert not AccessAttempt.objects.exists()
