"""The permission matrix: every private route, tried with ids a delegate must not reach.

Delegate A of `event` tries the ids of other delegates' requests, meetings and drafts at the
same event and of anything at `other`; the answer is always 404 (never 403, which would
confirm the id exists) and nothing changes. At an event where A is not a delegate, every
private route answers 403. A test also checks the matrix covers every private operation in
the OpenAPI schema, so a new route cannot skip it.
"""

from __future__ import annotations

import json

import pytest
from django.test import Client

from keruen.agreements.models import Agreement
from keruen.marketplace.models import Opportunity
from keruen.matchmaking.models import SuggestionFeedback
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.people.models import Participant

# (method, path template); {id} is replaced by the foreign ids of the route's kind.
PRIVATE_ROUTES = {
    ("GET", "/events/{slug}/me"): None,
    ("PATCH", "/events/{slug}/me"): None,
    ("GET", "/events/{slug}/opportunities/mine"): None,
    ("POST", "/events/{slug}/opportunities"): None,
    ("POST", "/events/{slug}/opportunities/{opportunity_id}/submit"): "opportunity",
    ("GET", "/events/{slug}/meeting-requests"): None,
    ("POST", "/events/{slug}/meeting-requests"): None,
    ("POST", "/events/{slug}/meeting-requests/{request_id}/accept"): "request",
    ("POST", "/events/{slug}/meeting-requests/{request_id}/decline"): "request",
    ("POST", "/events/{slug}/meeting-requests/{request_id}/cancel"): "request",
    ("GET", "/events/{slug}/meetings"): None,
    ("GET", "/events/{slug}/meetings/{meeting_id}"): "meeting",
    ("POST", "/events/{slug}/meetings/{meeting_id}/cancel"): "meeting",
    ("POST", "/events/{slug}/meetings/{meeting_id}/outcome"): "meeting",
    ("GET", "/events/{slug}/agreements"): None,
    ("POST", "/events/{slug}/meetings/{meeting_id}/agreements"): "meeting",
    ("GET", "/events/{slug}/agenda"): None,
    ("POST", "/events/{slug}/check-in"): None,
    # Organisers only: a delegate is refused (403) before any id is looked at; the foreign
    # ids an organiser might try are in tests/api/test_withdrawal.py.
    ("POST", "/events/{slug}/participants/{participant_id}/withdraw"): None,
    # Organisers only; tests/api/test_announcements.py covers them.
    ("POST", "/events/{slug}/announcements"): None,
    ("GET", "/events/{slug}/announcements"): None,
    ("GET", "/events/{slug}/suggestions"): None,
    ("GET", "/events/{slug}/suggestions/corrections"): None,
    ("PUT", "/events/{slug}/suggestions/corrections/{organisation_id}"): "organisation",
    ("DELETE", "/events/{slug}/suggestions/corrections/{organisation_id}"): "organisation",
}

VALID_BODIES = {
    ("PATCH", "/events/{slug}/me"): lambda expo: {"phone": "123"},
    ("POST", "/events/{slug}/opportunities"): lambda expo: {
        "direction": "offer",
        "kind": "product",
        "language": "en",
        "title": "t",
        "body": "b",
    },
    ("POST", "/events/{slug}/meeting-requests"): lambda expo: {"target_id": expo.e.pk},
    ("POST", "/events/{slug}/announcements"): lambda expo: {
        "subject": {"en": "Hi"},
        "body": {"en": "Welcome."},
    },
    ("PUT", "/events/{slug}/suggestions/corrections/{organisation_id}"): lambda expo: {
        "kind": "met_before"
    },
    ("POST", "/events/{slug}/meetings/{meeting_id}/outcome"): lambda expo: {"outcome": "held"},
    ("POST", "/events/{slug}/check-in"): lambda expo: {"badge_code": expo.d.badge_code},
    ("POST", "/events/{slug}/meetings/{meeting_id}/agreements"): lambda expo: {
        "kind": "mou",
        "title": "MoU",
    },
}


def _foreign_ids(expo, kind):
    """Ids A cannot see: another pair's at the same event, and the other event's."""
    return {
        "opportunity": [expo.offer_b_draft.pk, expo.offer_d.pk, expo.offer_b.pk],
        "request": [expo.b_to_c.pk, expo.d_to_e.pk],
        "meeting": [expo.meeting_bc.pk, expo.meeting_de.pk],
        "organisation": [expo.d.organisation_id],  # another event's
    }[kind]


def _snapshot():
    return (
        sorted(MeetingRequest.objects.values_list("id", "status")),
        sorted(Meeting.objects.values_list("id", "status")),
        sorted(Opportunity.objects.values_list("id", "status")),
        sorted(SuggestionFeedback.objects.values_list("id", "kind")),
        sorted(Agreement.objects.values_list("id", flat=True)),
        sorted(Participant.objects.values_list("id", "checked_in_at")),
    )


def test_matrix_covers_every_private_operation(api, db):
    schema = api.get("/openapi.json").body
    private = {
        (method.upper(), path.removeprefix("/api/v1"))
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if operation.get("security")
    }
    assert private == set(PRIVATE_ROUTES)


def _call(api, method, path, key, body=None):
    return api.call(method, path, key=key, body=body if body is not None else {})


@pytest.mark.parametrize(
    ("method", "template"), [route for route, kind in PRIVATE_ROUTES.items() if kind]
)
def test_foreign_ids_are_not_found(api, expo, method, template):
    before = _snapshot()
    kind = PRIVATE_ROUTES[(method, template)]
    for foreign in _foreign_ids(expo, kind):
        path = template.format(
            slug=expo.event.slug,
            opportunity_id=foreign,
            request_id=foreign,
            meeting_id=foreign,
            organisation_id=foreign,
        )
        body = VALID_BODIES.get((method, template), lambda expo: {})(expo)
        reply = _call(api, method, path, expo.key_a, body)
        assert reply.status == 404, (path, reply.body)
        assert reply.body["error"]["code"] == "not_found"
    assert _snapshot() == before


@pytest.mark.parametrize(("method", "template"), list(PRIVATE_ROUTES))
def test_another_events_routes_are_forbidden(api, expo, method, template):
    """A is a delegate of `event` only: at `other` every private route refuses."""
    before = _snapshot()
    path = template.format(
        slug=expo.other.slug,
        opportunity_id=expo.offer_d.pk,
        request_id=expo.d_to_e.pk,
        meeting_id=expo.meeting_de.pk,
        organisation_id=expo.e.organisation_id,
        participant_id=expo.d.pk,
    )
    body = VALID_BODIES.get((method, template), lambda expo: {})(expo)
    reply = _call(api, method, path, expo.key_a, body)
    assert reply.status == 403, (path, reply.body)
    assert _snapshot() == before


@pytest.mark.parametrize(("method", "template"), list(PRIVATE_ROUTES))
def test_every_private_route_needs_a_token(method, template, expo):
    path = "/api/v1" + template.format(
        slug=expo.event.slug,
        opportunity_id=expo.offer_a.pk,
        request_id=expo.c_to_a.pk,
        meeting_id=expo.meeting_ab.pk,
        organisation_id=expo.b.organisation_id,
        participant_id=expo.b.pk,
    )
    for headers in ({}, {"Authorization": "Bearer kru_wrong"}):
        response = Client().generic(
            method, path, data=json.dumps({}), content_type="application/json", headers=headers
        )
        assert response.status_code == 401, path


def test_requests_to_other_events_delegates_are_not_found(api, expo):
    before = _snapshot()
    url = f"/events/{expo.event.slug}/meeting-requests"
    reply = api.post(url, key=expo.key_a, body={"target_id": expo.d.pk})
    assert reply.status == 404
    assert reply.body["error"]["fields"][0]["field"] == "target_id"
    for opportunity in (expo.offer_d, expo.offer_b_draft):
        reply = api.post(
            url, key=expo.key_a, body={"target_id": expo.c.pk, "opportunity_id": opportunity.pk}
        )
        assert reply.status == 404
        assert reply.body["error"]["fields"][0]["field"] == "opportunity_id"
    assert _snapshot() == before


def test_lists_never_show_other_delegates_rows(api, expo):
    slug = expo.event.slug
    seen_requests = set()
    for box in ("sent", "received"):
        reply = api.get(f"/events/{slug}/meeting-requests", key=expo.key_a, params={"box": box})
        seen_requests |= {item["id"] for item in reply.body["items"]}
    assert expo.b_to_c.pk not in seen_requests
    assert expo.d_to_e.pk not in seen_requests

    meetings = api.get(f"/events/{slug}/meetings", key=expo.key_a).body
    assert {item["id"] for item in meetings["items"]} == {expo.meeting_ab.pk}
    agenda = api.get(f"/events/{slug}/agenda", key=expo.key_a).body
    assert {item["meeting_id"] for item in agenda["items"]} == {expo.meeting_ab.pk}
    assert [item["place"] for item in agenda["items"]] == ["Table T7, Hall B"]
    mine = api.get(f"/events/{slug}/opportunities/mine", key=expo.key_a).body
    assert {item["id"] for item in mine["items"]} == {expo.offer_a.pk}
    # C's contact details never appear: A has no meeting with C.
    for reply in (
        meetings,
        agenda,
        api.get(f"/events/{slug}/meeting-requests", key=expo.key_a).body,
    ):
        assert expo.c.contact_email not in json.dumps(reply)
