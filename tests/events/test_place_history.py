"""Every path that edits a hall, booth or table records what the calendar entries of meetings
there show differently (``keruen.events.place_history``), and only that."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.common.audit import audit_context
from keruen.common.models import AuditLogEntry
from keruen.events import editing, services
from keruen.events.models import Booth, MeetingTable, PlaceChange
from tests.factories import BoothFactory, HallFactory, MeetingTableFactory, OrganisationFactory


def _changes(event) -> list[tuple[object, ...]]:
    return list(
        PlaceChange.objects.filter(event=event)
        .order_by("id")
        .values_list("table_id", "booth_id", "kind", "hall_id")
    )


def test_the_consoles_edits_record_moves_and_renames(event) -> None:
    hall_a = HallFactory(event=event, code="A", name={"en": "Hall A"})
    hall_b = HallFactory(event=event, code="B", name={"en": "Hall B"})
    table = MeetingTableFactory(event=event, number=1, hall=hall_a)
    booth = BoothFactory(event=event, hall=hall_a, code="A-1")
    editing.table_update(table=table, label="T1", hall=hall_b, is_active=True)
    editing.table_update(table=table, label="VIP", hall=hall_b, is_active=True)
    editing.booth_update(  # moved and renamed in one save: one change
        booth=booth, hall=hall_b, code="B-1", area_m2=None, hosts_meetings=True, exhibitor=None
    )
    editing.hall_update(hall=hall_b, code="B", name={"en": "Silk Road Hall"})
    assert _changes(event) == [
        (table.pk, None, "moved", hall_b.pk),
        (table.pk, None, "renamed", hall_b.pk),
        (None, booth.pk, "moved", hall_b.pk),
        (table.pk, None, "hall_renamed", hall_b.pk),
        (None, booth.pk, "hall_renamed", hall_b.pk),
    ]


def test_edits_that_change_nothing_shown_record_nothing(event) -> None:
    hall = HallFactory(event=event, code="A", name={"en": "Hall A"})
    table = MeetingTableFactory(event=event, number=1, hall=hall)
    booth = BoothFactory(event=event, hall=hall, code="A-1")
    editing.table_update(table=table, label="", hall=hall, is_active=False)  # "T1" as before
    editing.booth_update(
        booth=booth, hall=hall, code="A-1", area_m2=12, hosts_meetings=False, exhibitor=None
    )
    services.booth_assign_exhibitor(booth=booth, organisation=OrganisationFactory(event=event))
    editing.hall_update(hall=hall, code="A2", name={"en": "Hall A"})  # the code is not shown
    assert _changes(event) == []


def test_update_fields_may_be_any_iterable(event) -> None:
    table = MeetingTableFactory(event=event, number=1)
    table.label = "VIP"
    table.save(update_fields=(name for name in ["label"]))
    assert _changes(event) == [(table.pk, None, "renamed", None)]
    assert MeetingTable.objects.filter(pk=table.pk).values_list("label", flat=True).get() == "VIP"


def test_a_field_left_out_of_update_fields_is_not_taken_for_a_change(event) -> None:
    hall_a, hall_b = HallFactory(event=event), HallFactory(event=event)
    table = MeetingTableFactory(event=event, number=1, hall=hall_a)
    booth = BoothFactory(event=event, hall=hall_a, code="A-1")
    table.hall = hall_b  # set on the instance, but never saved
    table.save(update_fields=["number", "updated_at"])  # the number it had: nothing changed
    table.label = "VIP"
    table.save(update_fields=["label"])  # renamed, still in hall A
    booth.code = "B-1"  # set, never saved
    booth.hall = hall_b
    booth.save(update_fields=["hall_id"])  # moved, still called A-1 (Django takes "hall_id")
    assert _changes(event) == [
        (table.pk, None, "renamed", hall_a.pk),
        (None, booth.pk, "moved", hall_b.pk),
    ]
    assert MeetingTable.objects.filter(pk=table.pk).values_list("hall", "label").get() == (
        hall_a.pk,
        "VIP",
    )
    assert Booth.objects.filter(pk=booth.pk).values_list("hall", "code").get() == (
        hall_b.pk,
        "A-1",
    )


def test_the_audit_log_has_the_places_own_writes_and_no_entry_for_the_records(event) -> None:
    # Each change is in the update (or deletion) of what was edited: the table's new hall,
    # the hall's new name, the hall gone; the history's rows add no entry of their own.
    hall_a = HallFactory(event=event, code="A", name={"en": "Hall A"})
    hall_b = HallFactory(event=event, code="B", name={"en": "Hall B"})
    table = MeetingTableFactory(event=event, number=1, hall=hall_a)
    MeetingTableFactory(event=event, number=2, hall=hall_a)  # left without a hall
    BoothFactory(event=event, hall=hall_b)
    hall_a_pk = hall_a.pk
    with audit_context(None, source="cli"):
        editing.table_update(table=table, label="", hall=hall_b, is_active=True)
        editing.hall_update(hall=hall_b, code="B", name={"en": "Silk Road Hall"})
        editing.hall_delete(hall=hall_a)
    entries = AuditLogEntry.objects.filter(event=event).order_by("id")
    assert list(entries.values_list("object_type", "object_id", "action")) == [
        ("events.MeetingTable", str(table.pk), "update"),
        ("events.Hall", str(hall_b.pk), "update"),
        ("events.Hall", str(hall_a_pk), "delete"),
    ]
    assert entries[0].changes["hall"] == [hall_a_pk, hall_b.pk]
    assert entries[1].changes["name"] == [{"en": "Hall B"}, {"en": "Silk Road Hall"}]
    # Moved; its hall renamed, for the table and the booth; the other table left its hall.
    assert [kind for _table, _booth, kind, _hall in _changes(event)] == [
        "moved",
        "hall_renamed",
        "hall_renamed",
        "moved",
    ]


def test_a_save_of_fields_no_entry_shows_costs_no_extra_query(event) -> None:
    table = MeetingTableFactory(event=event, number=1)
    table.is_active = False
    with CaptureQueriesContext(connection) as captured:
        table.save(update_fields=["is_active", "updated_at"])
    assert len(captured) == 1


def test_a_move_in_the_admin_is_recorded(admin_client, event) -> None:
    hall_a, hall_b = HallFactory(event=event), HallFactory(event=event)
    table = MeetingTableFactory(event=event, number=3, hall=hall_a)
    response = admin_client.post(
        reverse("admin:events_meetingtable_change", args=[table.pk]),
        {"event": event.pk, "number": 3, "hall": hall_b.pk, "label": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert _changes(event) == [(table.pk, None, "moved", hall_b.pk)]


def test_deleting_a_hall_records_that_its_tables_left_it(event, other_event) -> None:
    hall = HallFactory(event=event)
    tables = [MeetingTableFactory(event=event, hall=hall) for _ in range(2)]
    MeetingTableFactory(event=event, hall=HallFactory(event=event))
    editing.hall_delete(hall=hall)
    assert _changes(event) == [(table.pk, None, "moved", None) for table in tables]
    assert not PlaceChange.objects.filter(event=other_event).exists()


def test_an_event_with_halls_tables_and_their_history_can_be_deleted(event) -> None:
    hall = HallFactory(event=event)
    table = MeetingTableFactory(event=event, hall=hall)
    BoothFactory(event=event, hall=hall)
    editing.table_update(table=table, label="VIP", hall=hall, is_active=True)
    event.delete()  # the hall goes with the event: its tables left nothing to record
    assert not PlaceChange.objects.exists()
