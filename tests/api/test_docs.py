"""The OpenAPI schema and the docs page (served offline: no CDN, no third-party script)."""

from __future__ import annotations

import json
import re
from pathlib import Path


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


def _component(schema, ref_or_schema):
    name = ref_or_schema["$ref"].rsplit("/", 1)[-1]
    return name, schema["components"]["schemas"][name]


def _ok_body(schema, method, path):
    responses = schema["paths"][f"/api/v1{path}"][method]["responses"]
    ok = next(code for code in responses if code.startswith("2"))
    return responses[ok]["content"]["application/json"]["schema"]


def test_every_list_answers_a_page(api, db):
    """docs/api.md: every list takes limit/offset and answers {count, items}."""
    schema = api.get("/openapi.json").body
    bare = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for response in operation["responses"].values():
                body = response.get("content", {}).get("application/json", {}).get("schema", {})
                if body.get("type") == "array":
                    bare.append(f"{method} {path}")
    assert bare == []
    page = _ok_body(schema, "get", "/events/{slug}/suggestions/corrections")
    name, component = _component(schema, page)
    assert (name, set(component["properties"])) == ("CorrectionPage", {"count", "items"})


def test_schema_types_of_corrections_and_announcements(api, db):
    schema = api.get("/openapi.json").body
    components = schema["components"]["schemas"]
    assert components["CorrectionOut"]["properties"]["organisation"] == {
        "$ref": "#/components/schemas/OrganisationRefOut"
    }
    created_at = components["AnnouncementOut"]["properties"]["created_at"]
    assert (created_at["type"], created_at.get("format")) == ("string", "date-time")


def test_announcement_times_are_written_as_other_timestamps(api, expo):
    from keruen.people.models import Announcement, Participant
    from tests import factories as f
    from tests.api.conftest import key_for

    Announcement.objects.create(event=expo.event, subject={"en": "s"}, body={"en": "b"})
    organiser = f.ParticipantFactory(event=expo.event, role=Participant.Role.ORGANISER)
    announced = api.get(f"/events/{expo.event.slug}/announcements", key=key_for(organiser))
    requested = api.get(f"/events/{expo.event.slug}/meeting-requests", key=expo.key_a)
    shape = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$")  # UTC, in ms
    assert shape.match(requested.body["items"][0]["created_at"])
    assert shape.match(announced.body["items"][0]["created_at"])


DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_a_duplicate_agreement_is_a_documented_409(api, db):
    schema = api.get("/openapi.json").body
    create = schema["paths"]["/api/v1/events/{slug}/meetings/{meeting_id}/agreements"]["post"]
    assert "409" in create["responses"]
    agreements = DOC.read_text().split("### Agreements", 1)[1].split("\n### ", 1)[0]
    assert "`409`" in agreements


def test_the_documented_agreement_example_is_accepted(api, expo):
    """The example of docs/api.md, sent for a meeting of an expo on the examples' dates
    (26–30 June 2026, Almaty): accepted (201), and the same again is the documented 409."""
    assert (expo.event.start_date.isoformat(), expo.event.time_zone) == (
        "2026-06-26",
        "Asia/Almaty",
    )
    agreements = DOC.read_text().split("### Agreements", 1)[1]
    example = json.loads(re.search(r"-d '(\{\"kind\".*?\})'", agreements).group(1))
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/agreements"
    created = api.post(url, key=expo.key_a, body=example)
    assert created.status == 201, created.body
    assert created.body["status"] == "signed"
    again = api.post(url, key=expo.key_a, body=example)
    assert again.status == 409, again.body


def test_the_documented_page_bounds_are_the_codes(api, db):
    from keruen.api.pagination import MAX_LIMIT, MAX_OFFSET

    pagination = DOC.read_text().split("## Pagination", 1)[1].split("\n## ", 1)[0]
    assert f"`limit` (1–{MAX_LIMIT}" in pagination
    assert f"`offset` (0–{MAX_OFFSET:,}".replace(",", " ") in pagination
    assert api.get("/events", params={"offset": MAX_OFFSET}).status == 200
    assert api.get("/events", params={"offset": MAX_OFFSET + 1}).status == 422
