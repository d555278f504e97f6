"""The slot grid: what a new grid keeps of the old one (unavailability, one-day breaks), the
event's clock over a daylight-saving change, the request deadline and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils.formats import date_format

from keruen.common.audit import audit_context
from keruen.common.errors import ValidationFailed
from keruen.common.models import AuditLogEntry
from keruen.events import services
from keruen.events.models import GridBreak, Slot, SlotGrid
from tests.factories import EventFactory, ParticipantFactory, UserFactory

JUNE_27, JUNE_28 = dt.date(2026, 6, 27), dt.date(2026, 6, 28)


def _grid(event, *, days=(JUNE_27,), minutes=30, am=(9, 11), pm=(14, 15), breaks=()):
    return services.slot_grid_set(
        event=event,
        days=list(days),
        slot_minutes=minutes,
        am=(dt.time(am[0]), dt.time(am[1])),
        pm=(dt.time(pm[0]), dt.time(pm[1])),
        breaks=list(breaks),
    )


def _local(event, slot) -> str:
    return f"{slot.start.astimezone(event.tz):%d %H:%M}"


def _slot_at(event, day: int, hhmm: str) -> Slot:
    return next(s for s in Slot.objects.filter(event=event) if _local(event, s) == f"{day} {hhmm}")


def _unavailable(event, delegate) -> list[str]:
    return sorted(_local(event, slot) for slot in delegate.unavailable_slots.all())


# --- Unavailability survives a new grid ---------------------------------------------------


def test_unavailability_moves_to_every_new_slot_at_that_time(event) -> None:
    _grid(event)  # 27 June, 30-minute slots 09:00-11:00 and 14:00-15:00
    early, late = ParticipantFactory(event=event), ParticipantFactory(event=event)
    early.unavailable_slots.set([_slot_at(event, 27, "14:00")])
    late.unavailable_slots.set([_slot_at(event, 27, "14:30"), _slot_at(event, 27, "09:00")])

    saved = _grid(event, minutes=20)  # 14:00, 14:20, 14:40 (and 09:00 ... 10:40)

    # Busy 14:00-14:30: the 14:00 and 14:20 slots overlap it, the 14:40 slot does not.
    assert _unavailable(event, early) == ["27 14:00", "27 14:20"]
    assert _unavailable(event, late) == ["27 09:00", "27 09:20", "27 14:20", "27 14:40"]
    assert (saved.unavailability_kept, saved.unavailability_dropped) == (3, 0)


def test_unavailability_with_no_new_slot_at_that_time_is_dropped_and_counted(event) -> None:
    _grid(event)
    delegate = ParticipantFactory(event=event)
    delegate.unavailable_slots.set([_slot_at(event, 27, "09:00"), _slot_at(event, 27, "14:00")])

    saved = _grid(event, am=(10, 11))  # nothing at 09:00 any more

    assert _unavailable(event, delegate) == ["27 14:00"]
    assert (saved.unavailability_kept, saved.unavailability_dropped) == (1, 1)


def test_a_refused_grid_keeps_every_declaration(event) -> None:
    _grid(event)
    delegate = ParticipantFactory(event=event)
    delegate.unavailable_slots.set([_slot_at(event, 27, "09:00")])
    with pytest.raises(ValidationFailed):
        _grid(event, minutes=240)  # no slot fits
    assert _unavailable(event, delegate) == ["27 09:00"]


# --- The event's clock over a daylight-saving change --------------------------------------


@pytest.fixture
def berlin(db):
    """An expo in Berlin over both clock changes of 2026 (29 March and 25 October)."""
    return EventFactory(
        time_zone="Europe/Berlin", start_date=dt.date(2026, 3, 27), end_date=dt.date(2026, 10, 30)
    )


def test_slots_last_their_length_on_the_day_the_clocks_go_forward(berlin) -> None:
    # 02:00-03:00 does not exist on 29 March: the session 01:00-04:00 lasts two hours.
    saved = _grid(berlin, days=[dt.date(2026, 3, 29)], am=(1, 4), pm=(5, 6))
    starts = [f"{s.start.astimezone(berlin.tz):%H:%M}" for s in saved.slots]
    assert starts == ["01:00", "01:30", "03:00", "03:30", "05:00", "05:30"]
    assert {s.end - s.start for s in Slot.objects.filter(event=berlin)} == {
        dt.timedelta(minutes=30)
    }


def test_slots_last_their_length_on_the_day_the_clocks_go_back(berlin) -> None:
    # 02:00-03:00 happens twice on 25 October: the session 01:00-04:00 lasts four hours.
    _grid(berlin, days=[dt.date(2026, 10, 25)], am=(1, 4), pm=(5, 6))
    assert {s.end - s.start for s in Slot.objects.filter(event=berlin)} == {
        dt.timedelta(minutes=30)
    }
    assert Slot.objects.filter(event=berlin).count() == 8 + 2


@pytest.mark.parametrize(
    ("day", "change", "field", "words"),
    [
        (dt.date(2026, 3, 29), {"am": (dt.time(2, 30), dt.time(4))}, "am_start", "does not exist"),
        (dt.date(2026, 10, 25), {"am": (dt.time(1), dt.time(2, 30))}, "am_end", "happens twice"),
        (
            dt.date(2026, 3, 29),
            {"breaks": [(dt.time(1, 45), dt.time(2, 15))]},
            "breaks",
            "does not exist",
        ),
    ],
)
def test_a_time_the_clocks_skip_or_repeat_is_refused_naming_field_and_day(
    berlin, day, change, field, words
) -> None:
    grid = {"am": (dt.time(1), dt.time(4)), "pm": (dt.time(5), dt.time(6)), "breaks": []}
    with pytest.raises(ValidationFailed) as error:
        services.slot_grid_set(
            event=berlin,
            days=[dt.date(2026, 3, 28), day],
            slot_minutes=30,
            **{**grid, **change},
        )
    assert error.value.field == field
    assert words in error.value.message
    assert date_format(day, "DATE_FORMAT") in error.value.message
    assert not Slot.objects.filter(event=berlin).exists()


# --- Breaks on one day only ---------------------------------------------------------------


def test_a_break_on_one_day_holds_no_slot_that_day_and_outlives_a_new_grid(event) -> None:
    # Made in the admin: a plenary on 27 June, 14:00-14:30.
    GridBreak.objects.create(event=event, day=JUNE_27, start=dt.time(14), end=dt.time(14, 30))
    _grid(event, days=[JUNE_27, JUNE_28], breaks=[(dt.time(9), dt.time(9, 30))])
    pm = sorted(_local(event, s) for s in Slot.objects.filter(event=event, session="PM"))
    assert pm == ["27 14:30", "28 14:00", "28 14:30"]

    _grid(event, days=[JUNE_27, JUNE_28], breaks=[(dt.time(10), dt.time(10, 30))])

    # The every-day break (no day) first, on every database: PostgreSQL puts NULL last.
    breaks = GridBreak.objects.filter(event=event).order_by(F("day").asc(nulls_first=True), "start")
    assert [(b.day, f"{b}") for b in breaks] == [
        (None, "10:00-10:30"),  # the every-day break replaced
        (JUNE_27, "14:00-14:30"),  # the one-day break kept
    ]
    pm = sorted(_local(event, s) for s in Slot.objects.filter(event=event, session="PM"))
    assert pm == ["27 14:30", "28 14:00", "28 14:30"]


def _at(event, day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=event.tz)


# --- The request deadline stays before the last meeting day -------------------------------


def test_moving_the_meeting_days_before_the_deadline_is_refused(event) -> None:
    _grid(event, days=[JUNE_27, JUNE_28])
    services.event_networking_set(
        event=event, request_deadline=_at(event, JUNE_27, 18), request_quota=None
    )
    with pytest.raises(ValidationFailed) as error:
        _grid(event, days=[dt.date(2026, 6, 26), JUNE_27])
    assert error.value.field == "days"
    assert "deadline" in error.value.message
    assert SlotGrid.objects.get(event=event).days == ["2026-06-27", "2026-06-28"]
    assert Slot.objects.filter(event=event).count() == 2 * 6


# --- The audit trail ----------------------------------------------------------------------


def _actions(event, name: str) -> list[dict[str, object]]:
    entries = AuditLogEntry.objects.filter(event=event, changes__action=name).order_by("id")
    return [entry.changes for entry in entries]


def test_a_new_grid_and_new_tables_are_in_the_activity_log(event) -> None:
    with audit_context(UserFactory(), source="web"):
        _grid(event, days=[JUNE_27, JUNE_28], breaks=[(dt.time(10), dt.time(10, 30))])
        services.tables_create(event=event, count=3)
        services.tables_create(event=event, count=2)
    [grid] = _actions(event, "slot_grid_set")
    assert grid["days"] == "2026-06-27, 2026-06-28"
    assert grid["slots"] == 2 * 5
    assert grid["breaks"] == "10:00-10:30"
    assert [(t["tables"], t["numbers"]) for t in _actions(event, "tables_added")] == [
        (3, "1-3"),
        (2, "4-5"),
    ]
