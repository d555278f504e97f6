"""Every save that changes what a programme session's calendar entry shows (its start, end,
room as the feed writes it, or hall) records it (``ProgrammeSessionChange``, written by
``ProgrammeSession.save``), whichever path saves: the console's edit page, the admin, a
shell; so do its hall's renaming and deletion (``keruen.events.place_history``). Nothing else
is recorded."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.common.audit import audit_context
from keruen.common.models import AuditLogEntry
from keruen.events import editing, services
from keruen.events.models import ProgrammeSession, ProgrammeSessionChange
from keruen.people.models import Participant
from tests.factories import (
    HallFactory,
    MeetingTableFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)

TEN = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai, the event's zone
NOON = TEN + dt.timedelta(hours=2)


def _changes(event) -> list[tuple[object, ...]]:
    return list(
        ProgrammeSessionChange.objects.filter(event=event)
        .order_by("id")
        .values_list("session_id", "start", "end", "room", "hall_id")
    )


def _session(event, **fields) -> ProgrammeSession:
    return ProgrammeSessionFactory(
        event=event, start=TEN, end=NOON, room={"en": "Room 2"}, **fields
    )


def test_a_save_with_another_start_end_or_room_records_what_it_holds_after(
    event, other_event
) -> None:
    session = _session(event)
    later = TEN + dt.timedelta(minutes=30)
    session.start = later
    session.save()
    session.end = NOON + dt.timedelta(minutes=30)
    session.save(update_fields=["end", "updated_at"])
    session.room = {"en": "Room 3"}
    session.save()
    session.room = {"en": "Room 2"}  # back: the entry changes again
    session.save()
    assert _changes(event) == [
        (session.pk, later, NOON, {"en": "Room 2"}, None),
        (session.pk, later, NOON + dt.timedelta(minutes=30), {"en": "Room 2"}, None),
        (session.pk, later, NOON + dt.timedelta(minutes=30), {"en": "Room 3"}, None),
        (session.pk, later, NOON + dt.timedelta(minutes=30), {"en": "Room 2"}, None),
    ]
    assert _changes(other_event) == []


def test_a_room_translated_anew_is_recorded(event) -> None:
    session = _session(event)
    # Delegates reading Russian saw the English room; now they see another LOCATION.
    session.room = {"en": "Room 2", "ru": "Зал 2"}
    session.save()
    assert len(_changes(event)) == 1


def test_saves_that_change_nothing_the_entry_shows_record_nothing(event) -> None:
    session = _session(event)  # new
    session.title = {"en": "Renewables forum"}  # SUMMARY: not counted, as names are not
    session.description = {"en": "Panel"}
    session.kind = ProgrammeSession.Kind.KEYNOTE
    session.blocks_meetings = True
    session.save()
    session.start = TEN.astimezone(dt.timezone(dt.timedelta(hours=5)))  # the same instant
    session.save()
    session.room = {"en": "Room 2", "ru": "Room 2"}  # every language reads "Room 2" as before
    session.save()
    session.save()  # nothing changed at all
    assert _changes(event) == []


def test_a_field_left_out_of_update_fields_is_not_taken_for_a_change(event) -> None:
    session = _session(event)
    session.room = {"en": "Room 9"}  # set on the instance, but not saved
    session.hall = HallFactory(event=event)
    session.title = {"en": "Renamed"}
    session.save(update_fields=["title"])
    session.save(update_fields=["start", "title"])  # the start saved is the one it had
    assert _changes(event) == []
    assert ProgrammeSession.objects.filter(pk=session.pk).values_list("room", "hall").get() == (
        {"en": "Room 2"},
        None,
    )


def test_a_session_put_in_a_hall_moved_or_taken_out_of_it_records_it(event) -> None:
    # The entry's LOCATION names the hall ("Room 2, Hall B"): each is another place.
    hall_a = HallFactory(event=event, name={"en": "Hall A"})
    hall_b = HallFactory(event=event, name={"en": "Hall B"})
    session = _session(event)
    session.hall = hall_a
    session.save()
    session.hall = hall_b
    session.save(update_fields=["hall_id", "updated_at"])  # Django takes the column's name too
    session.hall = None
    session.save()
    room = {"en": "Room 2"}
    assert _changes(event) == [
        (session.pk, TEN, NOON, room, hall_a.pk),
        (session.pk, TEN, NOON, room, hall_b.pk),
        (session.pk, TEN, NOON, room, None),
    ]


def test_renaming_a_hall_records_each_session_in_it(event) -> None:
    hall = HallFactory(event=event, code="B", name={"en": "Hall B"})
    in_hall = [_session(event, hall=hall) for _ in range(2)]
    _session(event, hall=HallFactory(event=event))  # another hall's
    _session(event)  # in none
    editing.hall_update(hall=hall, code="B", name={"en": "Silk Road Hall"})
    assert _changes(event) == [
        (session.pk, TEN, NOON, {"en": "Room 2"}, hall.pk) for session in in_hall
    ]


def test_a_hall_renamed_as_no_entry_reads_it_records_no_session(event) -> None:
    hall = HallFactory(event=event, code="B", name={"en": "Hall B"})
    _session(event, hall=hall)
    MeetingTableFactory(event=event, hall=hall)
    editing.hall_update(hall=hall, code="B2", name={"en": "Hall B"})  # the code is not shown
    # Every language read "Hall B" before (English, the fallback) and still does.
    editing.hall_update(hall=hall, code="B2", name={"en": "Hall B", "ru": "Hall B"})
    assert _changes(event) == []


def test_deleting_a_hall_records_that_its_sessions_left_it(event, other_event) -> None:
    hall = HallFactory(event=event)
    in_hall = _session(event, hall=hall)
    _session(event, hall=HallFactory(event=event))
    other = _session(other_event, hall=HallFactory(event=other_event))
    editing.hall_delete(hall=hall)
    assert _changes(event) == [(in_hall.pk, TEN, NOON, {"en": "Room 2"}, None)]
    assert ProgrammeSession.objects.get(pk=in_hall.pk).hall is None
    assert _changes(other_event) == []
    assert other.hall is not None


def test_the_audit_log_has_the_sessions_update_and_no_entry_for_the_record(event) -> None:
    session = _session(event)
    with audit_context(None, source="cli"):
        session.room = {"en": "Room 3"}
        session.save()
    entries = AuditLogEntry.objects.filter(event=event)
    assert list(entries.values_list("object_type", "object_id", "action", "changes")) == [
        (
            "events.ProgrammeSession",
            str(session.pk),
            "update",
            {"room": [{"en": "Room 2"}, {"en": "Room 3"}]},
        )
    ]
    assert len(_changes(event)) == 1


def test_a_save_of_fields_no_entry_shows_costs_no_extra_query(event) -> None:
    session = _session(event)
    session.title = {"en": "Renamed"}
    with CaptureQueriesContext(connection) as captured:
        session.save(update_fields=["title", "updated_at"])
    assert len(captured) == 1


def test_a_new_session_records_nothing(event) -> None:
    services.programme_session_create(
        event=event, kind="forum", title={"en": "Forum"}, start=TEN, end=NOON, room={"en": "A"}
    )
    _session(event)
    assert _changes(event) == []


def test_the_consoles_edit_page_records_a_new_time_or_room(event) -> None:
    session = _session(event, title={"en": "Forum"})
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    client = Client()
    client.force_login(organiser.user)
    url = reverse("console-session-edit", args=[event.slug, session.pk])
    form = {"kind": "forum", "title_en": "Forum", "room_en": "Room 2"}
    as_before = {**form, "start": "2026-06-27T10:00", "end": "2026-06-27T12:00"}
    assert client.post(url, {**as_before, "title_en": "Green forum"}).status_code == 302
    assert _changes(event) == []  # the title only
    half_past = {**as_before, "start": "2026-06-27T10:30", "title_en": "Green forum"}
    assert client.post(url, half_past).status_code == 302
    assert client.post(url, {**half_past, "room_en": "Room 5"}).status_code == 302
    later = TEN + dt.timedelta(minutes=30)
    assert _changes(event) == [
        (session.pk, later, NOON, {"en": "Room 2"}, None),
        (session.pk, later, NOON, {"en": "Room 5"}, None),
    ]


def test_the_consoles_update_service_records_once_per_save(event) -> None:
    session = _session(event)
    hall = HallFactory(event=event)
    editing.programme_session_update(
        session=session,
        kind="forum",
        title={"en": "Forum"},
        start=TEN - dt.timedelta(hours=1),
        end=NOON - dt.timedelta(hours=1),  # start, end and hall in one save: one change
        room={"en": "Room 2"},
        hall=hall,
        blocks_meetings=False,
        speakers=[],
    )
    one_hour = dt.timedelta(hours=1)
    assert _changes(event) == [
        (session.pk, TEN - one_hour, NOON - one_hour, {"en": "Room 2"}, hall.pk)
    ]


def test_a_time_changed_in_the_admin_is_recorded(admin_client, event) -> None:
    session = _session(event, title={"en": "Forum"})
    response = admin_client.post(
        reverse("admin:events_programmesession_change", args=[session.pk]),
        {
            "event": event.pk,
            "kind": "forum",
            "title": '{"en": "Forum"}',
            "description": "{}",
            "start_0": "2026-06-27",
            "start_1": "02:15:00",  # the admin's clock is UTC
            "end_0": "2026-06-27",
            "end_1": "04:00:00",
            "room": '{"en": "Room 2"}',
            "sector": "",
            "speakers": "",
        },
    )
    assert response.status_code == 302
    quarter_past = TEN + dt.timedelta(minutes=15)
    assert _changes(event) == [(session.pk, quarter_past, NOON, {"en": "Room 2"}, None)]


def test_an_event_with_changed_sessions_can_be_deleted(event) -> None:
    session = _session(event, hall=HallFactory(event=event))
    session.end += dt.timedelta(minutes=5)
    session.save()
    event.delete()  # its hall goes with it: its sessions left nothing to record
    assert not ProgrammeSessionChange.objects.exists()
