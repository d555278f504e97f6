"""The dashboard counts a pending request past its deadline as expired, before anything has
marked it so: a review saw it show 114 pending and 36 expired past the deadline, and 0 and
150 once a delegate had opened their request list."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from keruen.analytics.selectors import event_dashboard
from keruen.meetings.services import meeting_requests_expire
from tests.factories import MeetingRequestFactory


def test_the_funnel_reads_the_same_before_and_after_the_requests_are_marked(
    event, other_event
) -> None:
    now = timezone.now()
    past, ahead = now - dt.timedelta(minutes=5), now + dt.timedelta(days=1)
    for expires_at in (past, past, past, ahead, None):
        MeetingRequestFactory(event=event, expires_at=expires_at)
    MeetingRequestFactory(event=event, expires_at=past, status="expired")
    MeetingRequestFactory(event=event, expires_at=past, status="accepted")
    MeetingRequestFactory(event=other_event, expires_at=past)  # another event's

    before = event_dashboard(event=event)
    assert dict(before.requests_by_status) == {
        "pending": 2,
        "accepted": 1,
        "declined": 0,
        "expired": 4,
        "cancelled": 0,
    }
    assert before.requests_sent == 7

    assert meeting_requests_expire(event=event) == 3
    after = event_dashboard(event=event)
    assert (after.requests_by_status, after.requests_sent) == (
        before.requests_by_status,
        before.requests_sent,
    )
