"""Accounts and headers (issue 17 §4, §5): logins are throttled per user name and per address, lockouts are
audited and the admin lifts them; passwords are validated; every page carries a Content-Security-Policy that
allows no inline script, and no template needs one; secure mode passes Django's deployment check; an
unhandled exception is logged with its request id."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import path

from jixiao.web.audit.models import AuditEvent
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def login(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_wrong_passwords_lock_the_user_name_even_for_the_right_password(client, world):
    name = world.finance.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, name, "wrong-password")
    response = login(client, name, PASSWORD)
    assert response.status_code == 429 and "登录已锁定" in response.content.decode()
    assert not signed_in(client)
    # from another address too: the user name itself is locked
    assert login(client, name, PASSWORD, ip="10.0.0.2").status_code == 429
    events = AuditEvent.objects.filter(ok=False)
    assert events.filter(verb="login-failed", detail__username=name).count() >= settings.AXES_FAILURE_LIMIT
    assert events.filter(verb="login-locked-out", detail__username=name).exists()


def test_an_address_guessing_many_names_is_locked(client, world):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"nobody{n}", "wrong-password", ip="10.0.0.9")
    assert login(client, world.editor_a1.username, PASSWORD, ip="10.0.0.9").status_code == 429
    assert not signed_in(client)
    login(client, world.editor_a1.username, PASSWORD, ip="10.0.0.8")
    assert signed_in(client)


def test_the_admin_lifts_a_lockout(client, world):
    name = world.finance.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, name, "wrong-password")
    assert login(client, name, PASSWORD).status_code == 429
    call_command("axes_reset_username", name)
    call_command("axes_reset_ip", "10.0.0.1")
    login(client, name, PASSWORD)
    assert signed_in(client)


def test_weak_passwords_are_refused():
    for weak in ("12345678901", "password123", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("绩效目标-审核-2026")


def test_every_page_has_a_policy_without_inline_script_or_style(client, world):
    client.force_login(world.finance)
    for url in ("/", "/work/", "/accounts/login/"):
        policy = client.get(url).headers["Content-Security-Policy"]
        for kind in ("script-src", "style-src"):
            sources = re.search(kind + r" ([^;]*)", policy).group(1)  # type: ignore[union-attr]
            assert sources.split() == ["'self'"], (url, kind)
        assert "frame-ancestors 'none'" in policy


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=|\shx-on[:-]|javascript:|<style\b|\sstyle\s*=", re.IGNORECASE
)


def test_no_template_needs_inline_script_or_style():
    offenders = [
        f"{p.relative_to(TEMPLATES)}: {m.group(0).strip()}"
        for p in TEMPLATES.rglob("*.html")
        for m in INLINE.finditer(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_secure_mode_passes_the_deployment_check(tmp_path):
    env = {
        **os.environ,
        "JIXIAO_SECURE": "1",
        "JIXIAO_DEBUG": "0",
        "JIXIAO_DATA_DIR": str(tmp_path),
        "JIXIAO_SECRET_KEY": "k" * 20 + "-deployment-check-" + "x9" * 20,
        "JIXIAO_ALLOWED_HOSTS": "jixiao.example.gov.cn",
    }
    env.pop("JIXIAO_DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    run = subprocess.run(
        [sys.executable, "-m", "jixiao.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


def boom(request):
    raise RuntimeError("boom for the error log")


urlpatterns = [path("boom/", boom)]
handler500 = "jixiao.web.errors.server_error"


@pytest.mark.urls(__name__)
def test_an_unhandled_exception_is_logged_with_its_request_id(client):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_X_REQUEST_ID="req-h11-boom")
    assert response.status_code == 500
    log = (Path(settings.LOG_DIR) / "errors.log").read_text(encoding="utf-8")
    entry = log[log.rindex("[req-h11-boom]") :]
    assert "GET /boom/" in entry and "RuntimeError: boom for the error log" in entry


def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(client, world, settings):
    settings.JIXIAO_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "nobody", "password": "wrong-password"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7",
        )
    # another person behind the same proxy still signs in; the guesser's address is locked
    client.post(
        "/accounts/login/",
        {"username": world.finance.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert signed_in(client)
    client.logout()
    locked = client.post(
        "/accounts/login/",
        {"username": world.finance.username, "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert locked.status_code == 429
