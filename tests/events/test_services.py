from __future__ import annotations

import datetime as dt

import pytest

from keruen.common.errors import ValidationFailed
from keruen.events import editing, services
from keruen.events.models import Slot


def test_slot_grid_skips_lunch_and_breaks(event) -> None:
    saved = services.slot_grid_set(
        event=event,
        days=[dt.date(2026, 6, 27), dt.date(2026, 6, 28)],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(12, 0)),
        pm=(dt.time(14, 0), dt.time(17, 0)),
        breaks=[(dt.time(10, 30), dt.time(11, 0))],
    )
    # AM: 9:00-10:30 (3 slots) + 11:00-12:00 (2) ; PM: 6 slots; two days.
    assert len(saved.slots) == 2 * (5 + 6)
    first_day = [slot for slot in Slot.objects.filter(event=event) if slot.day_index == 1]
    local_starts = [slot.start.astimezone(event.tz).strftime("%H:%M") for slot in first_day]
    assert "10:30" not in local_starts
    assert local_starts[:4] == ["09:00", "09:30", "10:00", "11:00"]
    assert [slot.number for slot in Slot.objects.filter(event=event)] == list(range(1, 23))
    assert {slot.session for slot in first_day} == {"AM", "PM"}


def test_slot_grid_refuses_days_outside_the_event(event) -> None:
    with pytest.raises(ValidationFailed):
        services.slot_grid_set(
            event=event,
            days=[dt.date(2030, 1, 1)],
            slot_minutes=30,
            am=(dt.time(9), dt.time(12)),
            pm=(dt.time(14), dt.time(17)),
        )


def test_tables_are_numbered_after_existing_ones(event) -> None:
    assert [t.number for t in services.tables_create(event=event, count=3)] == [1, 2, 3]
    assert [t.number for t in services.tables_create(event=event, count=2)] == [4, 5]


def _session_times() -> dict[str, dt.datetime]:
    return {
        "start": dt.datetime(2026, 6, 27, 2, tzinfo=dt.UTC),
        "end": dt.datetime(2026, 6, 27, 3, tzinfo=dt.UTC),
    }


def test_a_sessions_room_is_kept_per_language(event) -> None:
    session = services.programme_session_create(
        event=event,
        kind="forum",
        title={"en": "Forum"},
        room={"en": " Room 2.1 ", "ru": "Зал 2.1", "kk": "  "},
        **_session_times(),
    )
    session.refresh_from_db()
    assert session.room == {"en": "Room 2.1", "ru": "Зал 2.1"}  # stripped, blank dropped
    editing.programme_session_update(
        session=session,
        kind="forum",
        title={},
        room={"en": "", "zh-hans": "2.1会议室"},
        hall=None,
        blocks_meetings=False,
        speakers=[],
        **_session_times(),
    )
    session.refresh_from_db()
    assert session.room == {"ru": "Зал 2.1", "zh-hans": "2.1会议室"}
    roomless = services.programme_session_create(
        event=event, kind="forum", title={"en": "Other"}, **_session_times()
    )
    assert roomless.room == {}


@pytest.mark.parametrize(
    ("room", "message"),
    [
        ({"ru": "З" * 101}, "Русский: текст длиннее 100 символов."),
        ({"xx": "Room"}, "Unknown language code 'xx'."),
        ("Room 2.1", "Expected an object of language code to text."),
    ],
)
def test_a_bad_room_is_refused_with_a_clear_message(event, room, message) -> None:
    from django.utils import translation

    from keruen.events.models import ProgrammeSession

    with translation.override("ru"), pytest.raises(ValidationFailed) as error:
        services.programme_session_create(
            event=event, kind="forum", title={"en": "Forum"}, room=room, **_session_times()
        )
    assert [(p.field, str(p.message)) for p in error.value.problems] == [("room", message)]
    assert not ProgrammeSession.objects.filter(event=event).exists()
