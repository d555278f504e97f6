"""The API's request lists read a pending request past its deadline as expired, as the
portal's list and the dashboard do, whether or not anything has marked it so yet."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.meetings.models import MeetingRequest
from keruen.meetings.services import meeting_requests_expire
from tests.api.conftest import key_for
from tests.factories import MeetingRequestFactory, ParticipantFactory


@pytest.fixture
def bob_received(event):
    """Bob received one request past its deadline (not marked expired) and one still
    waiting for his answer."""
    bob = ParticipantFactory(event=event)
    now = timezone.now()
    lapsed = MeetingRequestFactory(event=event, target=bob, expires_at=now - dt.timedelta(1))
    waiting = MeetingRequestFactory(event=event, target=bob, expires_at=now + dt.timedelta(1))
    return bob, lapsed, waiting


def listed(api, event, key, **params) -> dict[int, str]:
    reply = api.get(f"/events/{event.slug}/meeting-requests", key=key, params=params)
    assert reply.status == 200, reply.body
    return {item["id"]: item["status"] for item in reply.body["items"]}


def test_a_request_past_its_deadline_is_listed_expired(api, event, bob_received) -> None:
    bob, lapsed, waiting = bob_received
    key = key_for(bob)
    shown = {lapsed.pk: "expired", waiting.pk: "pending"}
    assert listed(api, event, key) == shown
    assert listed(api, event, key, status="pending") == {waiting.pk: "pending"}
    assert listed(api, event, key, status="expired") == {lapsed.pk: "expired"}
    # The same once it is marked expired (the portal's list does so when it is opened).
    assert meeting_requests_expire(event=event) == 1
    assert listed(api, event, key) == shown
    assert listed(api, event, key, status="pending") == {waiting.pk: "pending"}
    assert listed(api, event, key, status="expired") == {lapsed.pk: "expired"}


def test_the_sender_sees_it_expired_too(api, event, bob_received) -> None:
    _bob, lapsed, _waiting = bob_received
    key = key_for(lapsed.requester)
    assert listed(api, event, key, box="sent") == {lapsed.pk: "expired"}


@pytest.mark.usefixtures("requests_open")
def test_answering_it_says_it_has_expired(api, event, bob_received) -> None:
    bob, lapsed, _waiting = bob_received
    url = f"/events/{event.slug}/meeting-requests/{lapsed.pk}"
    for action in ("accept", "decline"):
        reply = api.post(f"{url}/{action}", key=key_for(bob))
        assert reply.status == 409, reply.body
        assert reply.body["error"]["message"] == (
            "This request is no longer pending (it is expired)."
        )
    lapsed.refresh_from_db()
    assert lapsed.status == MeetingRequest.Status.PENDING  # nothing answered


def test_the_list_costs_the_same_queries_with_more_requests(
    api, event, bob_received, django_assert_max_num_queries
) -> None:
    bob = bob_received[0]
    key = key_for(bob)
    with django_assert_max_num_queries(20) as few:
        listed(api, event, key)
    for _ in range(5):
        MeetingRequestFactory(event=event, target=bob, expires_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed(api, event, key)
