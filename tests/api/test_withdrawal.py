"""Withdrawing a delegate through the API: organisers only, the same effects as the console."""

from __future__ import annotations

from keruen.meetings.models import Meeting
from keruen.people.models import Participant
from tests import factories as f
from tests.api.conftest import key_for


def _organiser_key(event) -> str:
    return key_for(f.ParticipantFactory(event=event, role=Participant.Role.ORGANISER))


def test_an_organiser_withdraws_a_delegate_and_their_meetings_go(
    api, expo, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    url = f"/events/{expo.event.slug}/participants/{expo.b.pk}/withdraw"
    live = list(
        Meeting.objects.filter(participant_b=expo.b, status="accepted").values_list("pk", flat=True)
    ) + list(
        Meeting.objects.filter(participant_a=expo.b, status="accepted").values_list("pk", flat=True)
    )
    assert live  # the fixture gives B a meeting with C
    with django_capture_on_commit_callbacks(execute=True):
        reply = api.post(url, key=_organiser_key(expo.event), body={"reason": "visa refused"})
    assert reply.status == 200, reply.body
    assert reply.body["status"] == "withdrawn"
    assert sorted(reply.body["meetings_cancelled"]) == sorted(live)
    assert len(mailoutbox) == len(live)
    again = api.post(url, key=_organiser_key(expo.event), body={})
    assert again.status == 409
    assert again.body["error"]["code"] == "conflict"


def test_delegates_cannot_withdraw_anyone_and_foreign_ids_are_not_found(api, expo) -> None:
    url = f"/events/{expo.event.slug}/participants/{expo.b.pk}/withdraw"
    reply = api.post(url, key=expo.key_a, body={})
    assert reply.status == 403
    foreign = f"/events/{expo.event.slug}/participants/{expo.d.pk}/withdraw"  # another event's
    reply = api.post(foreign, key=_organiser_key(expo.event), body={})
    assert reply.status == 404
    for person in (expo.b, expo.d):
        person.refresh_from_db()
        assert person.status == Participant.Status.APPROVED


def test_a_too_long_reason_is_refused_naming_the_field(api, expo) -> None:
    url = f"/events/{expo.event.slug}/participants/{expo.b.pk}/withdraw"
    reply = api.post(url, key=_organiser_key(expo.event), body={"reason": "x" * 501})
    assert reply.status == 422
    assert "reason" in str(reply.body)
    expo.b.refresh_from_db()
    assert expo.b.status == Participant.Status.APPROVED
