"""Published meetings that a change rules out (``keruen.meetings.clashes``)."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.meetings import clashes
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from tests.factories import MeetingFactory, MeetingTableFactory, ParticipantFactory, SlotFactory

NINE = dt.datetime(2026, 6, 27, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai


@pytest.fixture
def slots(event):
    """09:00, 09:30, 10:00 and 10:30 on 27 June 2026, the event's clock."""
    return [
        SlotFactory(
            event=event,
            number=n + 1,
            start=NINE + dt.timedelta(minutes=30 * n),
            end=NINE + dt.timedelta(minutes=30 * (n + 1)),
        )
        for n in range(4)
    ]


def _place(event, slot, a, b, table):
    meeting = MeetingFactory(event=event, participant_a=a, participant_b=b)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slot, table=table
    )
    return meeting


def test_only_meetings_of_the_current_release_count(event, other_event, slots) -> None:
    ann, ben, cy = (ParticipantFactory(event=event) for _ in range(3))
    tables = [MeetingTableFactory(event=event, number=n) for n in (1, 2)]
    during = {"start": slots[0].start, "end": slots[3].end}
    assert clashes.meetings_during(event=event, participants=[ann], **during) == []  # no release
    _place(event, slots[1], ann, ben, tables[0])
    cancelled = _place(event, slots[3], ben, ann, tables[1])
    schedule_publish(event=event, by=None)
    cancelled.status = cancelled.Status.CANCELLED
    cancelled.save()
    _place(event, slots[2], ann, cy, tables[0])  # in the draft only: nobody holds it yet
    found = clashes.meetings_during(event=event, participants=[ann, ben], **during)
    assert [(c.participant, c.other, c.start) for c in found] == [
        (ann, ben, slots[1].start),
        (ben, ann, slots[1].start),  # a meeting of two of them, for each
    ]
    assert found[0].time(event) == "27 Jun 2026, 09:30"
    # Another event's delegates have none of this event's meetings.
    stranger = ParticipantFactory(event=other_event)
    assert clashes.meetings_during(event=event, participants=[stranger], **during) == []


def test_a_stay_rules_out_what_starts_before_arrival_or_ends_after_departure(event, slots) -> None:
    ann, ben = ParticipantFactory(event=event), ParticipantFactory(event=event)
    table = MeetingTableFactory(event=event)
    for slot in slots:
        _place(event, slot, ann, ParticipantFactory(event=event), table)
    schedule_publish(event=event, by=None)
    assert clashes.meetings_outside_stay(participant=ann) == []  # no stay given
    ann.arrives_at = slots[1].start + dt.timedelta(minutes=10)  # 09:40
    ann.departs_at = slots[3].start + dt.timedelta(minutes=10)  # 10:40
    ruled_out = clashes.meetings_outside_stay(participant=ann)
    # 09:00 and 09:30 start before 09:40; 10:30 ends after 10:40; 10:00 is kept.
    assert [c.start for c in ruled_out] == [slots[0].start, slots[1].start, slots[3].start]
    assert clashes.meetings_in_slots(participant=ann, slot_ids={slots[2].pk})[0].start == (
        slots[2].start
    )
    assert clashes.meetings_outside_stay(participant=ben) == []
