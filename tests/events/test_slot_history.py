"""Every save that gives a meeting slot another start or end records it (``SlotChange``,
written by ``Slot.save``): the calendar entries of the meetings in the slot show the new
time. Nothing else is recorded."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.common.audit import audit_context
from keruen.common.models import AuditLogEntry
from keruen.events import services
from keruen.events.models import Slot, SlotChange
from tests.factories import SlotFactory

NINE = dt.datetime(2026, 6, 27, 9, 0, tzinfo=dt.UTC)


def _changes(event) -> list[tuple[object, ...]]:
    return list(
        SlotChange.objects.filter(event=event).order_by("id").values_list("slot_id", "start", "end")
    )


def test_a_save_with_another_start_or_end_records_the_new_times(event, other_event) -> None:
    slot = SlotFactory(event=event, start=NINE, end=NINE + dt.timedelta(minutes=30))
    slot.start = NINE + dt.timedelta(minutes=10)
    slot.save()
    slot.end = NINE + dt.timedelta(minutes=35)
    slot.save(update_fields=["end"])
    half_past = NINE + dt.timedelta(minutes=30)
    assert _changes(event) == [
        (slot.pk, NINE + dt.timedelta(minutes=10), half_past),
        (slot.pk, NINE + dt.timedelta(minutes=10), NINE + dt.timedelta(minutes=35)),
    ]
    assert _changes(other_event) == []


def test_saves_that_change_no_time_record_nothing(event) -> None:
    slot = SlotFactory(event=event, start=NINE, end=NINE + dt.timedelta(minutes=30))  # new
    slot.number, slot.day_index = 40, 2  # neither is shown
    slot.save()
    slot.start = NINE.astimezone(dt.timezone(dt.timedelta(hours=5)))  # the same instant
    slot.save()
    assert _changes(event) == []


def test_a_field_left_out_of_update_fields_is_not_taken_for_a_change(event) -> None:
    half_past = NINE + dt.timedelta(minutes=30)
    slot = SlotFactory(event=event, start=NINE, end=half_past)
    slot.start = NINE + dt.timedelta(minutes=10)  # set on the instance, but never saved
    slot.save(update_fields=["end"])  # the end saved is the one it had
    slot.end = NINE + dt.timedelta(minutes=35)
    slot.save(update_fields=["end"])  # the new end, with the start the row holds
    assert _changes(event) == [(slot.pk, NINE, NINE + dt.timedelta(minutes=35))]
    assert Slot.objects.filter(pk=slot.pk).values_list("start", flat=True).get() == NINE


def test_update_fields_may_be_any_iterable(event) -> None:
    # Django takes a generator; the save reads the names more than once.
    slot = SlotFactory(event=event, start=NINE, end=NINE + dt.timedelta(minutes=30))
    slot.end = NINE + dt.timedelta(minutes=35)
    slot.save(update_fields=(name for name in ["end"]))
    assert _changes(event) == [(slot.pk, NINE, NINE + dt.timedelta(minutes=35))]
    assert Slot.objects.filter(pk=slot.pk).values_list("end", flat=True).get() == slot.end


def test_the_audit_log_has_the_slots_update_and_no_entry_for_the_record(event) -> None:
    # The new time is in the slot's own update; a second entry for the history would say it
    # twice in the event's activity.
    slot = SlotFactory(event=event, start=NINE, end=NINE + dt.timedelta(minutes=30))
    with audit_context(None, source="cli"):
        slot.end = NINE + dt.timedelta(minutes=35)
        slot.save()
    entries = AuditLogEntry.objects.filter(event=event)
    assert list(entries.values_list("object_type", "object_id", "action", "changes")) == [
        (
            "events.Slot",
            str(slot.pk),
            "update",
            {"end": ["2026-06-27T09:30:00+00:00", "2026-06-27T09:35:00+00:00"]},
        )
    ]
    assert len(_changes(event)) == 1


def test_a_save_of_fields_no_entry_shows_costs_no_extra_query(event) -> None:
    slot = SlotFactory(event=event)
    slot.number = 50
    with CaptureQueriesContext(connection) as captured:
        slot.save(update_fields=["number"])
    assert len(captured) == 1


def test_a_time_changed_in_the_admin_is_recorded(admin_client, event) -> None:
    slot = SlotFactory(event=event, number=1, start=NINE, end=NINE + dt.timedelta(minutes=30))
    response = admin_client.post(
        reverse("admin:events_slot_change", args=[slot.pk]),
        {
            "event": event.pk,
            "number": 1,
            "day_index": 1,
            "session": "AM",
            "start_0": "2026-06-27",
            "start_1": "09:15:00",  # the admin's clock is UTC
            "end_0": "2026-06-27",
            "end_1": "09:45:00",
        },
    )
    assert response.status_code == 302
    quarter_past = NINE + dt.timedelta(minutes=15)
    assert _changes(event) == [(slot.pk, quarter_past, quarter_past + dt.timedelta(minutes=30))]


def test_slots_the_grid_regenerates_record_nothing(event) -> None:
    for minutes in (30, 45):  # the second replaces the first's slots
        services.slot_grid_set(
            event=event,
            days=[dt.date(2026, 6, 27)],
            slot_minutes=minutes,
            am=(dt.time(9), dt.time(11)),
            pm=(dt.time(14), dt.time(15)),
        )
    assert _changes(event) == []


def test_an_event_with_retimed_slots_can_be_deleted(event) -> None:
    slot = SlotFactory(event=event)
    slot.end += dt.timedelta(minutes=5)
    slot.save()
    event.delete()
    assert not SlotChange.objects.exists()
