"""schemathesis against the OpenAPI schema: generated requests, as the public and as a unit editor,
must never meet a server error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from jixiao.web.organisations.models import ApiToken
from jixiao.web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture
def editor_token(world: Any, draft_project: Any) -> Iterator[str]:
    """A unit editor's token; requests go straight to the WSGI application, so (as Django's test client
    does) keep the request signals from closing the test's database connection."""
    _, token = ApiToken.issue(world.editor_a1)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield token
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case: Any, editor_token: str) -> None:
    for headers in ({}, {"Authorization": f"Bearer {editor_token}"}):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
