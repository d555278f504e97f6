"""The migration that keeps each release's halls fills them for releases already published."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import (
    migrate_to,
    migrate_to_latest,
    old_event_and_organisation,
    old_slot,
    old_two_meetings,
)

BEFORE = [("meetings", "0009_schedule_idle_gaps_labels")]
AFTER = [("meetings", "0010_scheduledmeeting_hall_at_release")]


@pytest.mark.django_db(transaction=True)
def test_published_placements_get_the_hall_their_table_or_booth_is_in() -> None:
    old = migrate_to(BEFORE)
    try:
        event, organisation = old_event_and_organisation(old)
        model = old.get_model
        hall = model("events", "Hall").objects.create(event=event, code="B", name={"en": "B"})
        table = model("events", "MeetingTable").objects.create(event=event, number=1, hall=hall)
        booth = model("events", "Booth").objects.create(event=event, hall=hall, code="B-1")
        start = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)
        slot = old_slot(old, event, start)
        at_table, at_booth = old_two_meetings(old, event, organisation)
        Schedule = model("meetings", "Schedule")
        release = Schedule.objects.create(event=event, version="v1", published_at=start)
        draft = Schedule.objects.create(event=event)
        entries = model("meetings", "ScheduledMeeting").objects
        for schedule in (release, draft):
            entries.create(schedule=schedule, meeting=at_table, slot=slot, table=table)
            entries.create(schedule=schedule, meeting=at_booth, slot=slot, booth=booth)

        new = migrate_to(AFTER)
        rows = new.get_model("meetings", "ScheduledMeeting").objects.values_list(
            "schedule__published_at", "hall_at_release"
        )
        assert sorted(rows, key=str) == sorted(
            [(start, hall.pk), (start, hall.pk), (None, None), (None, None)], key=str
        )
    finally:
        migrate_to_latest()
