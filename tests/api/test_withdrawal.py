"""Withdrawing a delegate through the API: organisers only, the same effects as the console."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from keruen.events.models import Slot
from keruen.meetings.models import Meeting
from keruen.people.models import Participant
from tests import factories as f
from tests.api.conftest import key_for


def _organiser_key(event) -> str:
    return key_for(f.ParticipantFactory(event=event, role=Participant.Role.ORGANISER))


def _slots_ahead(expo) -> None:
    """The expo's event and its published slots still ahead: the meetings are to come."""
    f.move_ahead(expo.event)
    shift = expo.event.start_date - dt.date(2026, 6, 26)  # the factory's default first day
    for slot in Slot.objects.filter(event=expo.event):
        slot.start, slot.end = slot.start + shift, slot.end + shift
        slot.save(update_fields=["start", "end"])


def test_an_organiser_withdraws_a_delegate_and_their_meetings_go(
    api, expo, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    _slots_ahead(expo)
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
    assert reply.body["emails_failed"] is False
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


class Refusing(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


# A real commit: the e-mails are sent by an on-commit callback, after the service returns.
@pytest.mark.django_db(transaction=True)
def test_a_refused_mail_is_reported_and_the_withdrawal_stands(api, expo, settings) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.Refusing"
    _slots_ahead(expo)
    url = f"/events/{expo.event.slug}/participants/{expo.b.pk}/withdraw"
    reply = api.post(url, key=_organiser_key(expo.event), body={})
    assert reply.status == 200, reply.body
    assert reply.body["meetings_cancelled"]
    assert reply.body["emails_failed"] is True
    expo.b.refresh_from_db()
    assert expo.b.status == Participant.Status.WITHDRAWN


def test_after_the_event_only_the_status_changes(api, expo, mailoutbox) -> None:
    """The expo's event (26-30 June 2026) is over on this test's clock."""
    url = f"/events/{expo.event.slug}/participants/{expo.b.pk}/withdraw"
    reply = api.post(url, key=_organiser_key(expo.event), body={})
    assert reply.status == 200, reply.body
    assert (reply.body["status"], reply.body["meetings_cancelled"]) == ("withdrawn", [])
    assert reply.body["requests_cancelled"] == 0
    assert not Meeting.objects.filter(status="cancelled").exists()
    assert not mailoutbox
