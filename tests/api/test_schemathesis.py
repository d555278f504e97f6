"""Property-based run of every operation in /api/v1/openapi.json (schemathesis).

Generated requests — valid and invalid — go through the real Django stack by WSGI, with a
delegate's token and, mostly, the slug of a small populated event so that ids can hit real
rows. Two checks: no server error, and every response matches the schema (errors included).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

MAX_EXAMPLES = 8


@pytest.fixture
def api_schema(expo):
    """The schema, loaded from the app; `expo` first, so that its rows exist for the run."""
    # A real WSGI handler closes "old" connections after each request, which inside the
    # test's transaction drops it (PostgreSQL); Django's test client disconnects it too.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, expo):
    if case.path_parameters and "slug" in case.path_parameters:
        case.path_parameters["slug"] = expo.event.slug
    case.call_and_validate(
        headers={"Authorization": f"Bearer {expo.key_a}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
