"""The OpenAPI schema and the docs page (served offline: no CDN, no third-party script)."""

from __future__ import annotations

import re


def test_openapi_schema_lists_the_operations(api, db):
    schema = api.get("/openapi.json").body
    assert schema["info"]["version"] == "1"
    assert "/api/v1/events/{slug}/agenda" in schema["paths"]
    scheme = schema["components"]["securitySchemes"]["ApiTokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    agenda = schema["paths"]["/api/v1/events/{slug}/agenda"]["get"]
    assert {"200", "401", "403", "404"} <= set(agenda["responses"])


def test_docs_page_renders_every_operation_without_external_assets(api, db):
    reply = api.client.get("/api/v1/docs")
    assert reply.status_code == 200
    html = reply.content.decode()
    schema = api.get("/openapi.json").body
    for path in schema["paths"]:
        assert path in html
    assert "/api/v1/openapi.json" in html
    # Nothing loaded from another host: no CDN script or stylesheet.
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_choice_literals_match_the_models():
    from typing import get_args

    from keruen.api import schemas
    from keruen.marketplace.models import Opportunity
    from keruen.meetings.models import MeetingRequest
    from keruen.people.models import Organisation

    assert set(get_args(schemas.OrganisationType)) == set(Organisation.Type.values)
    assert set(get_args(schemas.Direction)) == set(Opportunity.Direction.values)
    assert set(get_args(schemas.Kind)) == set(Opportunity.Kind.values)
    assert set(get_args(schemas.RequestStatus)) == set(MeetingRequest.Status.values)
    assert set(get_args(schemas.ContentLanguage)) == {
        c for c, _ in Opportunity.language.field.choices
    }
