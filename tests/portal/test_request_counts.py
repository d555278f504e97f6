"""The home page's request counts read a pending request past its deadline as expired, as
the request list does once opened (a review saw the home page count requests that the list
then showed expired)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.meetings.models import MeetingRequest
from keruen.portal.selectors import pending_request_counts
from tests.factories import MeetingRequestFactory, ParticipantFactory
from tests.portal.conftest import client_for


@pytest.fixture
def lapsed_and_waiting(requests_open, event, alice):
    """Alice received a request past its deadline (not marked expired), and one that is
    still waiting; she sent one past its deadline."""
    now = timezone.now()
    past, ahead = now - dt.timedelta(hours=1), now + dt.timedelta(days=1)
    sender = ParticipantFactory(event=event)
    return {
        "received_lapsed": MeetingRequestFactory(
            event=event, requester=sender, target=alice, expires_at=past
        ),
        "received_waiting": MeetingRequestFactory(event=event, target=alice, expires_at=ahead),
        "sent_lapsed": MeetingRequestFactory(event=event, requester=alice, expires_at=past),
        "sender": sender,
    }


def test_the_home_page_counts_what_the_request_list_shows(event, alice, lapsed_and_waiting) -> None:
    client = client_for(alice)
    home = client.get(f"/{event.slug}/me/").content.decode()
    assert "1 request waits for your answer." in home
    assert "None of your requests is waiting for an answer." in home  # not "0 requests"
    assert pending_request_counts(participant=alice) == {"received": 1, "sent": 0}
    # Opening the list marks them expired: the counts stay as they were.
    client.get(f"/{event.slug}/me/requests/")
    lapsed = lapsed_and_waiting["received_lapsed"]
    lapsed.refresh_from_db()
    assert lapsed.status == MeetingRequest.Status.EXPIRED
    assert client.get(f"/{event.slug}/me/").content.decode().count("request waits") == 1
    assert pending_request_counts(participant=alice) == {"received": 1, "sent": 0}


def test_the_senders_page_no_longer_says_her_request_waits(
    event, alice, lapsed_and_waiting
) -> None:
    """The delegate's page offers what a pending request allows (answering it) only while
    it can be answered."""
    sender = lapsed_and_waiting["sender"]
    lapsed = lapsed_and_waiting["received_lapsed"]
    page = client_for(alice).get(f"/{event.slug}/me/delegates/{sender.pk}/").content.decode()
    assert f"#request-{lapsed.pk}" not in page
    assert "Request a meeting" in page
