"""Agreement scenarios: a meeting published at 17:00 on the event's clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from keruen.meetings.models import Meeting
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests.factories import (
    MeetingFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
    UserFactory,
)

# 27 June 2026, 17:00 in Shanghai (the factory's event's time zone, UTC+8).
MEETING_START = dt.datetime(2026, 6, 27, 9, 0, tzinfo=dt.UTC)


@dataclass
class Published:
    meeting: Meeting
    start: dt.datetime


def publish(meeting: Meeting, start: dt.datetime, *, number: int = 1) -> None:
    """Place ``meeting`` at a slot starting at ``start`` and publish a release with it."""
    event = meeting.event
    slot = SlotFactory(event=event, number=number, start=start)
    table = MeetingTableFactory(event=event, number=number)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slot, table=table
    )
    schedule_publish(event=event, by=None)


@pytest.fixture
def meeting(event) -> Meeting:
    """An accepted meeting between two delegates of two organisations, not scheduled."""
    return MeetingFactory(
        event=event,
        participant_a=ParticipantFactory(event=event),
        participant_b=ParticipantFactory(event=event),
    )


@pytest.fixture
def published(meeting) -> Published:
    """The meeting in the published schedule, at 17:00 on 27 June 2026 in Shanghai."""
    publish(meeting, MEETING_START)
    return Published(meeting=meeting, start=MEETING_START)


@pytest.fixture
def organiser_user(db):
    """The account a change is logged under."""
    return UserFactory()
