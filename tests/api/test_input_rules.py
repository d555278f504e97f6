"""The API goes through the same services as the pages: it refuses the same bad input."""

from __future__ import annotations

import pytest

from keruen.meetings.models import MeetingRequest
from tests import factories as f


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phone": "not a phone ;-) <b>x</b>"}, "phone"),
        ({"arrives_at": "1999-01-01T10:00:00+06:00"}, "arrives_at"),
        ({"departs_at": "2040-01-01T10:00:00+06:00"}, "departs_at"),
        ({"arrives_at": "1999-01-01T10:00:00"}, "arrives_at"),  # no zone: the event's clock
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
