"""A pending request past its deadline is expired, whoever reads it and whether or not
``meeting_requests_expire`` has marked it yet: the dashboard, the portal's home page and a
delegate's page agree with the request list (a review saw the dashboard count 114 requests
as pending past the deadline, and 0 after the request list was opened once). Answering one
says it has expired, not that it "is pending"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from keruen.analytics.selectors import requests_by_status
from keruen.common.errors import Conflict
from keruen.meetings import services
from keruen.meetings.models import MeetingRequest
from keruen.portal.selectors import pending_request_counts, pending_requests_between
from tests.factories import MeetingRequestFactory, ParticipantFactory

# The factory's event is in June 2026; its requests' deadline, and a clock on each side.
DEADLINE = dt.datetime(2026, 6, 20, 10, 0, tzinfo=dt.UTC)
BEFORE = DEADLINE - dt.timedelta(hours=1)
AFTER = DEADLINE + dt.timedelta(hours=1)


@pytest.fixture
def requests(event):
    """Bob received two requests with the deadline (Alice's, Carol's) and one without
    (Dan's); Alice also sent one to Carol, which Carol let expire and was marked so."""
    alice, bob, carol, dan = (ParticipantFactory(event=event) for _ in range(4))
    return {
        "alice": alice,
        "bob": bob,
        "carol": carol,
        "alice_bob": MeetingRequestFactory(
            event=event, requester=alice, target=bob, expires_at=DEADLINE
        ),
        "carol_bob": MeetingRequestFactory(
            event=event, requester=carol, target=bob, expires_at=DEADLINE
        ),
        "dan_bob": MeetingRequestFactory(event=event, requester=dan, target=bob),
        "alice_carol": MeetingRequestFactory(
            event=event,
            requester=alice,
            target=carol,
            expires_at=DEADLINE,
            status=MeetingRequest.Status.EXPIRED,
        ),
    }


def everything_read(event, rows, now) -> dict:
    return {
        "dashboard": dict(requests_by_status(event=event, now=now)),
        "home": pending_request_counts(participant=rows["bob"], now=now),
        "between": pending_requests_between(participant=rows["alice"], other=rows["bob"], now=now),
        "statuses": {
            name: services.meeting_request_status(request=row, now=now)
            for name, row in rows.items()
            if isinstance(row, MeetingRequest)
        },
    }


def test_before_the_deadline_the_requests_are_pending(event, requests) -> None:
    read = everything_read(event, requests, BEFORE)
    assert read["dashboard"] == {
        "pending": 3,
        "accepted": 0,
        "declined": 0,
        "expired": 1,
        "cancelled": 0,
    }
    assert read["home"] == {"received": 3, "sent": 0}
    assert read["between"] == (requests["alice_bob"].pk, None)
    assert read["statuses"]["alice_bob"] == "pending"


def test_past_the_deadline_every_reader_reads_them_expired(event, requests) -> None:
    read = everything_read(event, requests, AFTER)
    assert read["dashboard"]["pending"] == 1  # Dan's, which has no deadline
    assert read["dashboard"]["expired"] == 3
    assert read["home"] == {"received": 1, "sent": 0}
    assert read["between"] == (None, None)
    assert read["statuses"] == {
        "alice_bob": "expired",
        "carol_bob": "expired",
        "dan_bob": "pending",
        "alice_carol": "expired",
    }
    # Marking them expired, as the request list does when it is opened, changes no figure.
    assert services.meeting_requests_expire(event=event, now=AFTER) == 2
    for row in requests.values():
        row.refresh_from_db()
    assert everything_read(event, requests, AFTER) == read


def test_the_consoles_delegate_page_counts_only_requests_still_waiting(event, requests) -> None:
    from keruen.meetings.roster import pending_request_counts as roster_counts

    assert roster_counts(participant=requests["bob"], now=BEFORE) == (0, 3)
    assert roster_counts(participant=requests["bob"], now=AFTER) == (0, 1)  # Dan's
    assert roster_counts(participant=requests["alice"], now=AFTER) == (0, 0)


def test_the_dashboard_counts_in_one_query(event, requests, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        requests_by_status(event=event, now=AFTER)


def test_a_status_filter_reads_as_the_statuses_do(event, requests) -> None:
    every = MeetingRequest.objects.filter(event=event)
    for status in MeetingRequest.Status.values:
        matched = set(every.filter(services.requests_in_status(status, now=AFTER)))
        shown = {
            row
            for row in every
            if services.meeting_request_status(request=row, now=AFTER) == status
        }
        assert matched == shown, status


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("answer", ["accept", "decline", "withdraw"])
def test_answering_a_request_past_its_deadline_says_it_has_expired(
    event, two_delegates, answer
) -> None:
    alice, bob = two_delegates
    request = services.meeting_request_create(event=event, requester=alice, target=bob)
    # Its deadline passed; nothing has marked it expired.
    lapsed = timezone.now() - dt.timedelta(seconds=1)
    MeetingRequest.objects.filter(pk=request.pk).update(expires_at=lapsed)
    request.refresh_from_db()
    answers = {
        "accept": lambda: services.meeting_request_accept(request=request, by=bob),
        "decline": lambda: services.meeting_request_decline(request=request, by=bob),
        "withdraw": lambda: services.meeting_request_cancel(request=request, by=alice),
    }
    with pytest.raises(Conflict) as refused:
        answers[answer]()
    assert refused.value.message == "This request is no longer pending (it is expired)."
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING  # refused: nothing written


@pytest.mark.usefixtures("requests_open")
def test_a_lapsed_request_does_not_stop_the_pair_asking_again(event, two_delegates) -> None:
    """Requests open, and one between the two past the deadline it was sent with (before the
    deadlines moved with the event's): it is expired, so a new one can be sent."""
    alice, bob = two_delegates
    old = MeetingRequestFactory(
        event=event, requester=bob, target=alice, expires_at=timezone.now() - dt.timedelta(1)
    )
    new = services.meeting_request_create(event=event, requester=alice, target=bob)
    old.refresh_from_db()
    assert (old.status, new.status) == ("expired", "pending")
