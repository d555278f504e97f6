"""Re-scheduling during the event: what has begun since the first release is history."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.common.errors import ValidationFailed
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.scheduler import (
    schedule_draft_reschedule,
    schedule_draft_solve,
    schedule_entry_move_checked,
    schedule_instance_build,
)
from keruen.meetings.services import meeting_cancel, schedule_draft_get, schedule_publish
from tests.factories import MeetingFactory, ParticipantFactory
from tests.meetings.test_scheduling import _grid


@pytest.fixture
def running(event):
    """Eight meetings of twelve delegates published before the event; slot 1 is a day earlier
    than the clock below, slot 3 has not begun."""
    _grid(event)
    people = [ParticipantFactory(event=event) for _ in range(12)]
    meetings = [
        MeetingFactory(event=event, participant_a=people[a], participant_b=people[b])
        for a, b in [(0, 1), (0, 2), (1, 3), (2, 3), (4, 5), (6, 7), (8, 9), (10, 11)]
    ]
    schedule_draft_solve(event=event, time_limit=5, workers=1, seed=1)
    release = schedule_publish(event=event, by=None)
    slots = list(event.slots.order_by("number"))
    Schedule.objects.filter(pk=release.pk).update(
        published_at=slots[0].start - dt.timedelta(days=7)
    )
    now = slots[2].start - dt.timedelta(minutes=1)  # slots 1 and 2 have begun
    return event, people, meetings, release, now


def _slot_of(release: Schedule, meeting: Meeting) -> int:
    return ScheduledMeeting.objects.get(schedule=release, meeting=meeting).slot.number


def test_meetings_that_began_are_fixed_and_started_slots_closed(running) -> None:
    event, _people, meetings, release, now = running
    started = {1, 2}
    built = schedule_instance_build(event=event, now=now)
    assert built.started == started
    core = built.instance.meeting_by_id
    for meeting in meetings:
        slot = _slot_of(release, meeting)
        assert core[str(meeting.pk)].fixed == (slot if slot in started else None)
    for person in built.instance.participants:
        own = {
            _slot_of(release, m)
            for m in meetings
            if person.id in (str(m.participant_a_id), str(m.participant_b_id))
        }
        assert person.forbidden >= started - own
        assert not person.forbidden & own & started


def test_before_the_first_release_nothing_is_history(event) -> None:
    _grid(event)
    MeetingFactory(event=event)
    built = schedule_instance_build(event=event, now=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    assert built.started == frozenset()
    assert not any(p.forbidden for p in built.instance.participants)


def test_a_recorded_outcome_keeps_the_meeting_in_the_next_release(running) -> None:
    event, people, meetings, release, now = running
    done = next(m for m in meetings if _slot_of(release, m) in (1, 2))
    Meeting.objects.filter(pk=done.pk).update(status=Meeting.Status.HELD)
    # A late change: a meeting that has not begun is cancelled, a new one is accepted.
    later = next(m for m in meetings if _slot_of(release, m) > 2)
    meeting_cancel(meeting=later, by=None, now=now)
    MeetingFactory(event=event, participant_a=people[4], participant_b=people[6])
    draft = schedule_draft_reschedule(event=event, time_limit=5, now=now)
    entries = {e.meeting_id: e for e in ScheduledMeeting.objects.filter(schedule=draft)}
    assert done.pk in entries
    for meeting in meetings:
        before = ScheduledMeeting.objects.get(schedule=release, meeting=meeting)
        if before.slot.number in (1, 2):
            after = entries[meeting.pk]
            assert (after.slot_id, after.table_id, after.booth_id) == (
                before.slot_id,
                before.table_id,
                before.booth_id,
            )
    assert all(e.slot.number > 2 for m, e in entries.items() if m not in {x.pk for x in meetings})


def test_a_fresh_solve_during_the_event_leaves_history_alone(running) -> None:
    event, _people, meetings, release, now = running
    draft = schedule_draft_solve(event=event, time_limit=5, workers=1, seed=3, now=now)
    for meeting in meetings:
        before = ScheduledMeeting.objects.get(schedule=release, meeting=meeting)
        after = ScheduledMeeting.objects.get(schedule=draft, meeting=meeting)
        if before.slot.number in (1, 2):
            assert (after.slot_id, after.table_id) == (before.slot_id, before.table_id)
        else:
            assert after.slot.number > 2


def test_a_hand_move_of_history_or_into_it_is_refused(running) -> None:
    # The test clock of the fixture cannot reach a hand move: the real clock is past the
    # whole grid of June 2026, so every slot has begun since the release.
    event, people, _meetings, _release, _now = running
    draft = schedule_draft_get(event=event)
    entry = ScheduledMeeting.objects.filter(schedule=draft).select_related("slot", "table")[0]
    with pytest.raises(ValidationFailed, match="it stays where it took place") as error:
        schedule_entry_move_checked(
            event=event, meeting=entry.meeting, slot=entry.slot, table=entry.table, booth=None
        )
    assert error.value.field == "meeting"
    fresh = MeetingFactory(event=event, participant_a=people[8], participant_b=people[10])
    slot = event.slots.order_by("number").last()
    with pytest.raises(ValidationFailed, match="has already begun") as error:
        schedule_entry_move_checked(
            event=event, meeting=fresh, slot=slot, table=entry.table, booth=None
        )
    assert error.value.field == "slot"
