"""A mail server that refuses the withdrawal's e-mails after the withdrawal is committed: the
organiser is told that it is recorded but the partners were not e-mailed, not given an error
page (and a retry answering "already withdrawn")."""

from __future__ import annotations

import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from keruen.meetings.models import Meeting
from keruen.people.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory


class Refusing(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPRecipientsRefused({"partner@example.org": (550, b"Mailbox full")})


# A real commit: the e-mails are sent by an on-commit callback, after the service returns.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("requests_open")
def test_the_organiser_is_warned_that_the_partners_were_not_mailed(
    organiser_client, event, settings
) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.Refusing"
    leaving = ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")
    meeting = MeetingFactory(event=event, participant_a=leaving)
    url = reverse("console-participant-withdraw", args=[event.slug, leaving.pk])
    response = organiser_client.post(url, {"reason": "visa refused", "confirm": "on"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Elnur Abbasov is withdrawn, but the mail server did not take the e-mails" in page
    assert "partners e-mailed" not in page
    leaving.refresh_from_db()
    meeting.refresh_from_db()
    assert (leaving.status, meeting.status) == (Participant.Status.WITHDRAWN, "cancelled")
    assert Meeting.objects.filter(status="accepted").count() == 0
