"""What a path or a query can hold that no row can: a slug that is no slug, an id past 2⁶³−1.

The API's paths take any text for `{slug}` (the pages' URLs only match slugs): a NUL byte
there made PostgreSQL refuse the query (a 500). An id too large for the database overflows
SQLite's driver (a 500) and is refused by PostgreSQL. Both are answered before the database
is asked: an impossible slug is an unknown event (404), an impossible id a 422 naming it.
Run on PostgreSQL too (DATABASE_URL=postgres://…), where the NUL byte mattered.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from keruen.api.schemas import MAX_ID
from keruen.common.errors import NotFound
from keruen.events.selectors import event_get, event_get_public
from keruen.people.models import Participant
from tests import factories as f
from tests.api.conftest import key_for

# Bodies that pass validation, so that every operation reaches its event lookup.
VALID_BODIES = {
    ("PATCH", "/events/{slug}/me"): {"phone": "123"},
    ("POST", "/events/{slug}/opportunities"): {
        "direction": "offer",
        "kind": "product",
        "language": "en",
        "title": "t",
        "body": "b",
    },
    ("POST", "/events/{slug}/meeting-requests"): {"target_id": 1},
    ("POST", "/events/{slug}/announcements"): {"subject": {"en": "Hi"}, "body": {"en": "Yo."}},
    ("PUT", "/events/{slug}/suggestions/corrections/{organisation_id}"): {"kind": "met_before"},
    ("POST", "/events/{slug}/meetings/{meeting_id}/outcome"): {"outcome": "held"},
    ("POST", "/events/{slug}/check-in"): {"badge_code": "K7Q2-M9XD"},
    ("POST", "/events/{slug}/meetings/{meeting_id}/agreements"): {"kind": "mou", "title": "MoU"},
}

# As they arrive in the URL (percent-encoded): NUL alone and inside, accented letters, a
# zero-width space, a slug longer than the field allows.
NOT_SLUGS = ["%00", "expo%00", "%C3%A9t%C3%A9", "expo%E2%80%8B", "x" * 81]


def _event_operations() -> list[tuple[str, str]]:
    from keruen.api.main import api

    schema = api.get_openapi_schema()
    return sorted(
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in schema["paths"].items()
        for method in item
        if "{slug}" in path
    )


@pytest.fixture
def organiser_key(expo) -> str:
    """An organiser's key: organiser routes look the event up with ``event_get``, the
    others with ``event_get_public``; both must refuse an impossible slug."""
    organiser = f.ParticipantFactory(event=expo.event, role=Participant.Role.ORGANISER)
    return key_for(organiser)


@pytest.mark.parametrize(("method", "template"), _event_operations())
def test_a_slug_that_is_no_slug_is_an_unknown_event_on_every_route(
    api, expo, organiser_key, method, template
):
    for slug in NOT_SLUGS:
        path = template.format(
            slug=slug,
            organisation_id=1,
            opportunity_id=1,
            request_id=1,
            meeting_id=1,
            participant_id=1,
        )
        body = VALID_BODIES.get((method, template), {})
        reply = api.call(method, path, key=organiser_key, body=body)
        assert reply.status == 404, (path, reply.body)
        assert reply.body["error"]["code"] == "not_found"


@pytest.mark.parametrize("selector", [event_get, event_get_public])
@pytest.mark.parametrize("slug", ["\x00", "expo\x00", "été", "x" * 81, ""])
def test_the_event_selectors_ask_no_database_for_an_impossible_slug(db, selector, slug):
    with CaptureQueriesContext(connection) as captured, pytest.raises(NotFound):
        selector(slug=slug)
    assert captured.captured_queries == []


def test_the_event_selectors_still_find_a_slug(event):
    assert event_get(slug=event.slug) == event
    assert event_get_public(slug=event.slug) == event


def test_a_private_event_answers_as_an_unknown_slug_on_organiser_routes(api, expo):
    """One message for both, and the slug is not echoed: trying slugs tells nothing."""
    private = f.EventFactory(is_public=False, slug="secret-summit")
    key = expo.key_a  # a delegate of another event: no organiser of the private one
    for method, route, body in [
        ("GET", "announcements", None),
        ("POST", "check-in", {"badge_code": "K7Q2-M9XD"}),
    ]:
        hidden = api.call(method, f"/events/{private.slug}/{route}", key=key, body=body)
        unknown = api.call(method, f"/events/no-such-summit/{route}", key=key, body=body)
        assert (hidden.status, unknown.status) == (404, 404)
        assert hidden.body == unknown.body
        assert "no-such-summit" not in json.dumps(unknown.body)


def test_a_private_event_is_not_found_on_delegate_routes_but_open_to_its_organisers(api, db):
    """As docs/api.md says: a token works at the public events only, but for organisers."""
    private = f.EventFactory(is_public=False)
    delegate = f.ParticipantFactory(event=private)
    organiser = f.ParticipantFactory(event=private, role=Participant.Role.ORGANISER)
    unknown = api.get("/events/no-such-summit/me", key=key_for(delegate)).body
    for route in ("me", "meetings", "agenda", "agreements", "suggestions/corrections"):
        reply = api.get(f"/events/{private.slug}/{route}", key=key_for(delegate))
        assert reply.status == 404, (route, reply.body)
        assert reply.body == unknown
    assert api.get(f"/events/{private.slug}/announcements", key=key_for(organiser)).status == 200


def _integer_schemas(schema: dict) -> list[dict]:
    if schema.get("type") == "integer":
        return [schema]
    return [one for option in schema.get("anyOf", []) for one in _integer_schemas(option)]


def test_every_integer_parameter_and_input_field_is_bounded(api, db):
    schema = api.get("/openapi.json").body
    unbounded = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                for integer in _integer_schemas(parameter["schema"]):
                    if "maximum" not in integer or "minimum" not in integer:
                        unbounded.append(f"{method} {path} ?{parameter['name']}")
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("In"):
            continue
        for field, definition in component.get("properties", {}).items():
            for integer in _integer_schemas(definition):
                if "maximum" not in integer or "minimum" not in integer:
                    unbounded.append(f"{name}.{field}")
    assert unbounded == []


@pytest.mark.parametrize("value", [str(MAX_ID + 1), "99999999999999999999999", "0"])
def test_a_delegation_past_any_id_is_422_naming_it(api, expo, value):
    reply = api.get(f"/events/{expo.event.slug}/organisations", params={"delegation": value})
    assert reply.status == 422, reply.body
    assert [item["field"] for item in reply.body["error"]["fields"]] == ["delegation"]


@pytest.mark.parametrize(
    ("method", "template", "field", "body"),
    [
        ("PUT", "suggestions/corrections/{id}", "organisation_id", {"kind": "competitor"}),
        ("DELETE", "suggestions/corrections/{id}", "organisation_id", None),
        ("POST", "participants/{id}/withdraw", "participant_id", {}),
    ],
)
def test_an_id_past_any_row_is_422_naming_it(api, expo, method, template, field, body):
    organiser = f.ParticipantFactory(event=expo.event, role=Participant.Role.ORGANISER)
    key = key_for(organiser) if "withdraw" in template else expo.key_a
    path = f"/events/{expo.event.slug}/" + template.format(id=MAX_ID + 1)
    reply = api.call(method, path, key=key, body=body)
    assert reply.status == 422, reply.body
    assert [item["field"] for item in reply.body["error"]["fields"]] == [field]
