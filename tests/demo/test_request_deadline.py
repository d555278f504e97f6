"""The demo's meeting-request deadline: on the event's clock, before the last meeting day."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.demo.config import SMALL
from keruen.demo.generate import demo_build
from keruen.events.models import Slot
from keruen.meetings.models import MeetingRequest


@pytest.mark.django_db
def test_requests_close_on_the_eve_of_the_last_meeting_day() -> None:
    event = demo_build(seed=7, size=SMALL, schedule=False, embeddings=False).event
    deadline = event.request_deadline.astimezone(event.tz)
    # Meetings run 25-27 June 2027: requests close at 18:00 on 26 June, event time.
    assert deadline.replace(tzinfo=None) == dt.datetime(2027, 6, 26, 18, 0)
    last_day = Slot.objects.filter(event=event).order_by("-start").first()
    assert last_day is not None
    assert deadline.date() < last_day.start.astimezone(event.tz).date()
    # Its requests keep the rule the pages and the API enforce: nobody asks a colleague
    # or a member of their own delegation.
    pairs = MeetingRequest.objects.filter(event=event).select_related("requester", "target")
    assert pairs.exists()
    for request in pairs:
        assert request.requester.organisation_id != request.target.organisation_id
        same = request.requester.delegation_id == request.target.delegation_id
        assert request.requester.delegation_id is None or not same
