"""The API's outcome and agreement routes: the same services and rules as the pages."""

from __future__ import annotations

import datetime as dt

from keruen.agreements.models import Agreement
from keruen.common.models import AuditLogEntry
from keruen.meetings.models import Meeting, ScheduledMeeting
from tests.api.conftest import key_for


def test_a_delegate_records_that_a_published_meeting_was_held(api, expo) -> None:
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/outcome"
    reply = api.post(url, key=expo.key_a, body={"outcome": "held"})
    assert reply.status == 200, reply.body
    assert reply.body["status"] == "held"
    listed = api.get(f"/events/{expo.event.slug}/meetings", key=expo.key_a).body
    assert [item["status"] for item in listed["items"]] == ["held"]
    reply = api.post(url, key=expo.key_a, body={"outcome": "maybe"})
    assert reply.status == 422


def test_no_outcome_before_the_meeting_starts(api, expo) -> None:
    entry = ScheduledMeeting.objects.get(schedule=expo.release, meeting=expo.meeting_ab)
    entry.slot.start = dt.datetime(2099, 6, 27, 3, tzinfo=dt.UTC)
    entry.slot.end = entry.slot.start + dt.timedelta(minutes=30)
    entry.slot.save()
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/outcome"
    reply = api.post(url, key=expo.key_a, body={"outcome": "no_show"})
    assert reply.status == 422
    assert reply.body["error"]["fields"][0]["field"] == "outcome"
    expo.meeting_ab.refresh_from_db()
    assert expo.meeting_ab.status == Meeting.Status.ACCEPTED


def test_an_agreement_from_a_meeting_is_listed_for_both_organisations(api, expo) -> None:
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/agreements"
    body = {
        "kind": "investment",
        "title": "粮食物流中心投资协议",
        "sector": "logistics",
        "value": "25000000",
        "currency": "cny",
        "signed_on": "2026-06-27",
    }
    reply = api.post(url, key=expo.key_a, body=body)
    assert reply.status == 201, reply.body
    assert reply.body["title"] == {"zh-hans": "粮食物流中心投资协议"}
    assert reply.body["status"] == "signed"
    assert reply.body["currency"] == "CNY"
    assert {p["id"] for p in reply.body["parties"]} == {
        expo.a.organisation_id,
        expo.b.organisation_id,
    }
    for person in (expo.a, expo.b):
        listed = api.get(f"/events/{expo.event.slug}/agreements", key=key_for(person)).body
        assert [item["id"] for item in listed["items"]] == [reply.body["id"]]
    listed_c = api.get(f"/events/{expo.event.slug}/agreements", key=key_for(expo.c)).body
    assert listed_c["items"] == []
    # The same agreement sent again (a retry, or the partner recording it too) is refused.
    again = api.post(url, key=key_for(expo.b), body=body)
    assert again.status == 409, again.body
    assert again.body["error"]["fields"][0]["field"] == "title"
    assert Agreement.objects.count() == 1
    # Its parties (set after the row is saved) are in the activity log too.
    logged = [e.changes for e in AuditLogEntry.objects.filter(action="action")]
    parties = next(c for c in logged if c.get("action") == "parties")
    assert str(expo.a.organisation) in parties["organisations"]


def test_a_bad_agreement_names_its_field_and_records_nothing(api, expo) -> None:
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/agreements"
    cases = [
        ({"currency": "XYZ", "value": "10"}, "currency"),
        ({"value": "10"}, "currency"),
        ({"signed_on": "2099-01-01"}, "signed_on"),
        ({"signed_on": "1900-01-01"}, "signed_on"),  # a date typed wrong, not a roadshow's
        ({"sector": "shipbuilding"}, "sector"),
    ]
    for changes, field in cases:
        reply = api.post(url, key=expo.key_a, body={"kind": "mou", "title": "MoU", **changes})
        assert reply.status == 422, (changes, reply.body)
        assert field in {f["field"] for f in reply.body["error"]["fields"]}, reply.body
    assert not Agreement.objects.exists()


def test_a_delegate_cannot_overwrite_the_organisers_check_in(api, expo) -> None:
    Meeting.objects.filter(pk=expo.meeting_ab.pk).update(
        status=Meeting.Status.NO_SHOW, outcome_by_organiser=True
    )
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/outcome"
    reply = api.post(url, key=expo.key_a, body={"outcome": "held"})
    assert reply.status == 409, reply.body
    assert reply.body["error"]["fields"][0]["field"] == "outcome"
    assert api.post(url, key=expo.key_a, body={"outcome": "no_show"}).status == 200
    expo.meeting_ab.refresh_from_db()
    assert expo.meeting_ab.status == Meeting.Status.NO_SHOW


def test_a_negotiated_agreement_recorded_again_with_a_date_is_signed(api, expo) -> None:
    url = f"/events/{expo.event.slug}/meetings/{expo.meeting_ab.pk}/agreements"
    body = {"kind": "mou", "title": "Memorandum on grain logistics"}
    first = api.post(url, key=expo.key_a, body=body)
    assert first.status == 201, first.body
    assert first.body["status"] == "negotiating"
    signed = api.post(url, key=key_for(expo.b), body={**body, "signed_on": "2026-06-27"})
    assert signed.status == 201, signed.body
    assert (signed.body["id"], signed.body["status"]) == (first.body["id"], "signed")
    assert Agreement.objects.count() == 1
    before = api.post(
        url, key=expo.key_a, body={**body, "kind": "contract", "signed_on": "2026-06-26"}
    )
    assert before.status == 422  # the day before the meeting (27 June)
    assert before.body["error"]["fields"][0]["field"] == "signed_on"
