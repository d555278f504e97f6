"""The migration that makes a programme session's history record its hall gives each session
standing in a hall one change: its entry's LOCATION names the hall from then on, which
subscribed calendars take only from a higher SEQUENCE."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.migrations import migrate_to, migrate_to_latest, old_event_and_organisation

BEFORE = [("events", "0009_programmesessionchange")]
AFTER = [("events", "0011_programmesession_hall_shown")]
TEN = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)


@pytest.mark.django_db(transaction=True)
def test_each_session_in_a_hall_gets_one_change_at_the_upgrade() -> None:
    old = migrate_to(BEFORE)
    try:
        event, _organisation = old_event_and_organisation(old)
        hall = old.get_model("events", "Hall").objects.create(
            event=event, code="B", name={"en": "Hall B"}
        )
        sessions = old.get_model("events", "ProgrammeSession").objects
        common = {"event": event, "kind": "forum", "title": {"en": "Forum"}}
        in_hall = sessions.create(
            **common, start=TEN, end=TEN + dt.timedelta(hours=1), room={"en": "R2"}, hall=hall
        )
        moved_before = sessions.create(
            **common, start=TEN, end=TEN + dt.timedelta(hours=2), room={"en": "R3"}, hall=hall
        )
        in_none = sessions.create(
            **common, start=TEN, end=TEN + dt.timedelta(hours=1), room={"en": "R4"}
        )
        # The old save recorded this one's move to room R3 (no hall then).
        old.get_model("events", "ProgrammeSessionChange").objects.create(
            event=event, session=moved_before, start=TEN, end=moved_before.end, room={"en": "R3"}
        )

        new = migrate_to(AFTER)
        changes = new.get_model("events", "ProgrammeSessionChange").objects.order_by("id")
        rows = list(changes.values_list("session_id", "start", "end", "room", "hall_id"))
        assert rows == [
            (moved_before.pk, TEN, moved_before.end, {"en": "R3"}, None),  # hall not known
            (in_hall.pk, TEN, in_hall.end, {"en": "R2"}, hall.pk),
            (moved_before.pk, TEN, moved_before.end, {"en": "R3"}, hall.pk),
        ]

        migrate_to_latest()
        from keruen.events.models import ProgrammeSession
        from keruen.events.selectors import programme_sessions_sequenced

        sequenced = programme_sessions_sequenced(
            sessions=ProgrammeSession.objects.filter(event_id=event.pk).order_by("id")
        )
        assert [(session.pk, sequence) for session, sequence in sequenced] == [
            (in_hall.pk, 1),
            (moved_before.pk, 2),
            (in_none.pk, 0),
        ]
    finally:
        migrate_to_latest()
