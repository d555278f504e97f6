"""A delegate who cannot come cancels their participation from the portal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.meetings.models import Meeting
from keruen.people.models import Participant
from tests.factories import MeetingFactory, MeetingRequestFactory, ParticipantFactory


@pytest.mark.usefixtures("requests_open")  # an event still ahead: see test_withdrawal_timing
def test_the_page_says_what_will_be_cancelled_and_asks_for_confirmation(client, event) -> None:
    me = ParticipantFactory(event=event)
    MeetingFactory(event=event, participant_a=me)
    MeetingFactory(event=event, participant_b=me)
    MeetingRequestFactory(event=event, requester=me)
    client.force_login(me.user)
    url = reverse("portal-cannot-come", args=[event.slug])
    page = client.get(url).content.decode()
    assert "Your 2 accepted meetings will be cancelled" in page
    assert "Your 1 request still waiting" in page
    response = client.post(url, {"reason": "visa refused"})  # the box is not ticked
    assert response.status_code == 422
    me.refresh_from_db()
    assert me.status == Participant.Status.APPROVED


@pytest.mark.usefixtures("requests_open")
def test_confirming_cancels_the_meetings_and_mails_the_partners(
    client, event, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    me = ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=me)
    client.force_login(me.user)
    url = reverse("portal-cannot-come", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "visa refused", "confirm": "on"}, follow=True)
    assert "You have withdrawn from this event" in response.content.decode()
    meeting.refresh_from_db()
    me.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert me.withdrawal_reason == "visa refused"
    assert [m.to for m in mailoutbox] == [[meeting.participant_b.user.email]]
    # The page is for approved delegates only now.
    assert client.get(url).status_code == 403
