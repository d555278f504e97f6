"""The migration that gives meeting places a history starts it from the halls that releases
kept (``hall_at_release``), so that no calendar SEQUENCE goes down with the upgrade."""

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

BEFORE = [("meetings", "0010_scheduledmeeting_hall_at_release"), ("events", "0006_field_labels")]
AFTER = [("meetings", "0011_place_history")]


@pytest.mark.django_db(transaction=True)
def test_the_halls_releases_kept_become_the_history_of_their_places() -> None:
    old = migrate_to(BEFORE)
    try:
        event, organisation = old_event_and_organisation(old)
        model = old.get_model
        Hall = model("events", "Hall")
        hall_a, hall_b, hall_c = (
            Hall.objects.create(event=event, code=code, name={"en": code}) for code in "ABC"
        )
        moved = model("events", "MeetingTable").objects.create(event=event, number=1, hall=hall_c)
        booth = model("events", "Booth").objects.create(event=event, hall=hall_a, code="A-1")
        start = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)
        slot = old_slot(old, event, start)
        at_table, at_booth = old_two_meetings(old, event, organisation)
        Schedule = model("meetings", "Schedule")
        entries = model("meetings", "ScheduledMeeting").objects
        released = [start - dt.timedelta(days=2), start - dt.timedelta(days=1)]
        # The table stood in hall A at v1, in B at v2, and stands in C now; the booth stayed.
        for version, (at, hall) in enumerate(zip(released, (hall_a, hall_b), strict=True)):
            release = Schedule.objects.create(event=event, version=f"v{version}", published_at=at)
            entries.create(
                schedule=release, meeting=at_table, slot=slot, table=moved, hall_at_release=hall
            )
            entries.create(
                schedule=release, meeting=at_booth, slot=slot, booth=booth, hall_at_release=hall_a
            )
        draft = Schedule.objects.create(event=event)
        entries.create(schedule=draft, meeting=at_table, slot=slot, table=moved)

        new = migrate_to(AFTER)
        history = new.get_model("events", "PlaceChange").objects.order_by("changed_at")
        rows = list(history.values_list("table_id", "booth_id", "kind", "hall_id", "changed_at"))
        just_before_v2 = released[1] - dt.timedelta(microseconds=1)
        assert rows[0] == (moved.pk, None, "moved", hall_b.pk, just_before_v2)
        assert rows[1][:4] == (moved.pk, None, "moved", hall_c.pk)  # at the upgrade
        assert rows[1][4] > start
        assert len(rows) == 2

        migrate_to_latest()
        from keruen.events.models import Event
        from keruen.meetings.selectors import meeting_sequences

        # What the previous feed counted: hall A -> B at v2, B -> C since.
        sequences = meeting_sequences(
            event=Event.objects.get(pk=event.pk), meeting_ids=[at_table.pk, at_booth.pk]
        )
        assert sequences == {at_table.pk: 2, at_booth.pk: 0}
    finally:
        migrate_to_latest()
