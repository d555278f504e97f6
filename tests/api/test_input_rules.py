"""The API goes through the same services as the pages: it refuses the same bad input."""

from __future__ import annotations

import pytest

from keruen.meetings.models import MeetingRequest
from tests import factories as f
from tests.api.conftest import key_for


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phone": "not a phone ;-) <b>x</b>"}, "phone"),
        ({"arrives_at": "1999-01-01T10:00:00+06:00"}, "arrives_at"),
        ({"departs_at": "2040-01-01T10:00:00+06:00"}, "departs_at"),
        ({"arrives_at": "1999-01-01T10:00:00"}, "arrives_at"),  # no zone: the event's clock
        # So far off that the event's clock has no such day: refused, not a server error.
        ({"arrives_at": "0001-01-01T00:00:00+14:00"}, "arrives_at"),
        ({"departs_at": "9999-12-31T23:00:00-05:00"}, "departs_at"),
    ],
)
def test_a_bad_phone_or_stay_is_422_naming_the_field(api, expo, body, field):
    reply = api.call("PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body=body)
    assert reply.status == 422, reply.body
    assert [item["field"] for item in reply.body["error"]["fields"]] == [field]
    expo.a.refresh_from_db()
    assert (expo.a.phone, expo.a.arrives_at, expo.a.departs_at) == ("", None, None)


def test_a_stay_without_a_zone_is_on_the_events_clock(api, expo):
    body = {"arrives_at": "2026-06-26T08:00:00"}
    reply = api.call("PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body=body)
    assert reply.status == 200, reply.body
    expo.a.refresh_from_db()
    assert expo.a.arrives_at.astimezone(expo.event.tz).hour == 8


def test_a_request_to_a_colleague_is_422_naming_target_id(api, expo):
    colleague = f.ParticipantFactory(event=expo.event, organisation=expo.a.organisation)
    before = MeetingRequest.objects.count()
    reply = api.post(
        f"/events/{expo.event.slug}/meeting-requests",
        key=expo.key_a,
        body={"target_id": colleague.pk},
    )
    assert reply.status == 422, reply.body
    assert [item["field"] for item in reply.body["error"]["fields"]] == ["target_id"]
    assert MeetingRequest.objects.count() == before


def test_a_name_of_spaces_only_is_no_name(api, expo):
    reply = api.call(
        "PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body={"given_name": "   "}
    )
    assert reply.status == 422, reply.body
    assert [item["field"] for item in reply.body["error"]["fields"]] == ["given_name"]
    spaced = api.call(
        "PATCH", f"/events/{expo.event.slug}/me", key=expo.key_a, body={"given_name": " Aru "}
    )
    assert spaced.status == 200
    expo.a.refresh_from_db()
    assert expo.a.given_name == "Aru"


def test_control_characters_are_refused_in_organisers_texts(api, expo):
    organiser = f.ParticipantFactory(event=expo.event, role="organiser")
    key = key_for(organiser)
    withdraw = api.post(
        f"/events/{expo.event.slug}/participants/{expo.c.pk}/withdraw",
        key=key,
        body={"reason": "flight\u0000cancelled"},
    )
    assert withdraw.status == 422, withdraw.body
    assert [item["field"] for item in withdraw.body["error"]["fields"]] == ["reason"]
    check_in = api.post(
        f"/events/{expo.event.slug}/check-in", key=key, body={"badge_code": "\u0000"}
    )
    assert check_in.status == 422
    assert [item["field"] for item in check_in.body["error"]["fields"]] == ["badge_code"]


def test_checking_in_a_pending_registration_is_a_conflict(api, expo):
    organiser = f.ParticipantFactory(event=expo.event, role="organiser")
    pending = f.ParticipantFactory(event=expo.event, status="pending")
    reply = api.post(
        f"/events/{expo.event.slug}/check-in",
        key=key_for(organiser),
        body={"badge_code": pending.badge_code},
    )
    assert reply.status == 409, reply.body
    assert "approve the registration first" in reply.body["error"]["message"]


def test_a_correction_about_ones_own_organisation_names_organisation_id(api, expo):
    reply = api.call(
        "PUT",
        f"/events/{expo.event.slug}/suggestions/corrections/{expo.a.organisation_id}",
        key=expo.key_a,
        body={"kind": "competitor"},
    )
    assert reply.status == 422
    assert [item["field"] for item in reply.body["error"]["fields"]] == ["organisation_id"]


@pytest.mark.parametrize("status", ["pending", "rejected", "withdrawn"])
def test_only_an_approved_registration_edits_its_profile(api, expo, status):
    """As on the portal: a withdrawn delegate cannot, say, list themselves in the catalogue."""
    person = f.ParticipantFactory(event=expo.event, status=status, public_listing=False)
    url = f"/events/{expo.event.slug}/me"
    assert api.get(url, key=key_for(person)).status == 200  # their status, still
    reply = api.call("PATCH", url, key=key_for(person), body={"public_listing": True})
    assert reply.status == 403
    person.refresh_from_db()
    assert person.public_listing is False
