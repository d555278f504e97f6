"""A meeting's calendar SEQUENCE grows whenever what its entry shows changes: slot, table,
booth, or the hall they stand in, even when the organiser moves a table between releases."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.meetings.selectors import meeting_sequences, participant_agenda
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests.factories import (
    BoothFactory,
    HallFactory,
    MeetingFactory,
    MeetingTableFactory,
    SlotFactory,
)


@pytest.fixture
def slots(event):
    first = dt.datetime(2026, 6, 27, 1, 30, tzinfo=dt.UTC)
    return [
        SlotFactory(
            event=event,
            number=index + 1,
            start=first + dt.timedelta(minutes=30 * index),
            end=first + dt.timedelta(minutes=30 * (index + 1)),
        )
        for index in range(3)
    ]


@pytest.fixture
def halls(event):
    return (
        HallFactory(event=event, code="A", name={"en": "Hall A"}),
        HallFactory(event=event, code="B", name={"en": "Hall B"}),
    )


@pytest.fixture
def meeting(event, two_delegates):
    alice, bob = two_delegates
    return MeetingFactory(event=event, participant_a=alice, participant_b=bob)


def _place(event, meeting, slot, *, table=None, booth=None) -> None:
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table, booth=booth)


def _sequence(event, meeting) -> int:
    return meeting_sequences(event=event, meeting_ids=[meeting.pk])[meeting.pk]


def _shown_place(meeting) -> str:
    """Where the delegate's agenda and calendar entry say the meeting is."""
    (entry,) = participant_agenda(participant=meeting.participant_a)
    return entry.place


def test_a_meeting_that_stays_put_keeps_sequence_0(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=1, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    other = MeetingFactory(event=event)
    _place(event, other, slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 0


def test_a_table_moved_to_another_hall_bumps_the_sequence_at_once(
    event, slots, halls, meeting
) -> None:
    table = MeetingTableFactory(event=event, number=9, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    assert _shown_place(meeting) == "Table T9, Hall A"
    assert _sequence(event, meeting) == 0

    # The organiser moves the table; no new release, but the entry now names Hall B.
    table.hall = halls[1]
    table.save()
    assert _shown_place(meeting) == "Table T9, Hall B"
    assert _sequence(event, meeting) == 1

    # A later release for another meeting counts that move once, not twice.
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 1

    # Moved back after that release: a third place shown, a third SEQUENCE.
    table.hall = halls[0]
    table.save()
    assert _shown_place(meeting) == "Table T9, Hall A"
    assert _sequence(event, meeting) == 2


def test_a_hall_change_seen_only_by_a_release_still_counts(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=3, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    table.hall = halls[1]
    table.save()
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    table.hall = None  # the organiser no longer says where the table is
    table.save()
    assert _shown_place(meeting) == "Table T3"
    assert _sequence(event, meeting) == 2


def test_a_move_to_a_table_of_the_same_name_in_another_hall_bumps_the_sequence(
    event, slots, halls, meeting
) -> None:
    in_a = MeetingTableFactory(event=event, number=1, label="VIP", hall=halls[0])
    in_b = MeetingTableFactory(event=event, number=2, label="VIP", hall=halls[1])
    _place(event, meeting, slots[0], table=in_a)
    schedule_publish(event=event, by=None)
    _place(event, meeting, slots[0], table=in_b)
    schedule_publish(event=event, by=None)
    assert _shown_place(meeting) == "Table VIP, Hall B"
    assert _sequence(event, meeting) == 1


def test_a_booth_moved_to_another_hall_bumps_the_sequence(event, slots, halls, meeting) -> None:
    exhibitor = meeting.participant_b
    booth = BoothFactory(event=event, code="A-101", hall=halls[0], exhibitor=exhibitor.organisation)
    exhibitor.booth = booth  # the exhibitor's meetings are held at the booth
    exhibitor.save()
    _place(event, meeting, slots[0], booth=booth)
    schedule_publish(event=event, by=None)
    booth.hall = halls[1]
    booth.save()
    assert _shown_place(meeting) == "Booth A-101, Hall B"
    assert _sequence(event, meeting) == 1


def test_a_release_keeps_the_hall_of_each_place(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=1, hall=halls[1])
    _place(event, meeting, slots[0], table=table)
    release = schedule_publish(event=event, by=None)
    (entry,) = release.entries.all()
    assert entry.hall_at_release == halls[1]
    draft = schedule_draft_get(event=event)
    assert draft.entries.get().hall_at_release is None  # the draft follows the table
