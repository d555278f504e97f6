"""A meeting's calendar SEQUENCE grows whenever what its entry shows changes: slot, table,
booth, the hall they stand in or the names of any of them, the slot's time, even when the
organiser changes a place or a time between releases; by one per change, and it never goes
down."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.db.models import RestrictedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.events.models import Hall, Slot
from keruen.meetings.agenda import ics_local
from keruen.meetings.selectors import meeting_sequences, participant_agenda
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from keruen.portal.selectors import agenda_ics
from tests.factories import (
    BoothFactory,
    HallFactory,
    MeetingFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
)


@pytest.fixture
def slots(event):
    first = dt.datetime(2026, 6, 27, 1, 30, tzinfo=dt.UTC)
    return [
        SlotFactory(
            event=event,
            number=index + 1,
            start=first + dt.timedelta(minutes=30 * index),
            end=first + dt.timedelta(minutes=30 * (index + 1)),
        )
        for index in range(3)
    ]


@pytest.fixture
def halls(event):
    return (
        HallFactory(event=event, code="A", name={"en": "Hall A"}),
        HallFactory(event=event, code="B", name={"en": "Hall B"}),
    )


@pytest.fixture
def meeting(event, two_delegates):
    alice, bob = two_delegates
    return MeetingFactory(event=event, participant_a=alice, participant_b=bob)


def _place(event, meeting, slot, *, table=None, booth=None) -> None:
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table, booth=booth)


def _sequence(event, meeting) -> int:
    return meeting_sequences(event=event, meeting_ids=[meeting.pk])[meeting.pk]


def _shown_place(meeting) -> str:
    """Where the delegate's agenda and calendar entry say the meeting is."""
    (entry,) = participant_agenda(participant=meeting.participant_a)
    return entry.place


def test_a_meeting_that_stays_put_keeps_sequence_0(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=1, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    other = MeetingFactory(event=event)
    _place(event, other, slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 0


def test_a_table_moved_to_another_hall_bumps_the_sequence_at_once(
    event, slots, halls, meeting
) -> None:
    table = MeetingTableFactory(event=event, number=9, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    assert _shown_place(meeting) == "Table T9, Hall A"
    assert _sequence(event, meeting) == 0

    # The organiser moves the table; no new release, but the entry now names Hall B.
    table.hall = halls[1]
    table.save()
    assert _shown_place(meeting) == "Table T9, Hall B"
    assert _sequence(event, meeting) == 1

    # A later release for another meeting counts that move once, not twice.
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 1

    # Moved back after that release: a third place shown, a third SEQUENCE.
    table.hall = halls[0]
    table.save()
    assert _shown_place(meeting) == "Table T9, Hall A"
    assert _sequence(event, meeting) == 2


def test_a_hall_change_seen_only_by_a_release_still_counts(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=3, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    table.hall = halls[1]
    table.save()
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    table.hall = None  # the organiser no longer says where the table is
    table.save()
    assert _shown_place(meeting) == "Table T3"
    assert _sequence(event, meeting) == 2


def test_a_move_to_a_table_of_the_same_name_in_another_hall_bumps_the_sequence(
    event, slots, halls, meeting
) -> None:
    in_a = MeetingTableFactory(event=event, number=1, label="VIP", hall=halls[0])
    in_b = MeetingTableFactory(event=event, number=2, label="VIP", hall=halls[1])
    _place(event, meeting, slots[0], table=in_a)
    schedule_publish(event=event, by=None)
    _place(event, meeting, slots[0], table=in_b)
    schedule_publish(event=event, by=None)
    assert _shown_place(meeting) == "Table VIP, Hall B"
    assert _sequence(event, meeting) == 1


def test_a_booth_moved_to_another_hall_bumps_the_sequence(event, slots, halls, meeting) -> None:
    exhibitor = meeting.participant_b
    booth = BoothFactory(event=event, code="A-101", hall=halls[0], exhibitor=exhibitor.organisation)
    exhibitor.booth = booth  # the exhibitor's meetings are held at the booth
    exhibitor.save()
    _place(event, meeting, slots[0], booth=booth)
    schedule_publish(event=event, by=None)
    booth.hall = halls[1]
    booth.save()
    assert _shown_place(meeting) == "Booth A-101, Hall B"
    assert _sequence(event, meeting) == 1


def _move(place, hall) -> None:
    place.hall = hall
    place.save()


def test_a_table_moved_twice_between_releases_counts_two(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=9, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    hall_c = HallFactory(event=event, code="C", name={"en": "Hall C"})
    _move(table, halls[1])
    _move(table, hall_c)
    assert _shown_place(meeting) == "Table T9, Hall C"
    assert _sequence(event, meeting) == 2
    # A later release counts each move once, not again.
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 2


def test_a_table_moved_back_still_bumps_the_sequence(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=9, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    _move(table, halls[1])
    assert _sequence(event, meeting) == 1
    # Back where the release put it: a calendar that took Hall B must take Hall A again.
    _move(table, halls[0])
    assert _shown_place(meeting) == "Table T9, Hall A"
    assert _sequence(event, meeting) == 2
    _place(event, MeetingFactory(event=event), slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 2


def test_a_hall_deleted_in_the_admin_bumps_the_meetings_at_its_tables(
    event, slots, halls, meeting
) -> None:
    table = MeetingTableFactory(event=event, number=6, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    halls[0].delete()  # as the admin does; the console refuses (its tables hold meetings)
    assert _shown_place(meeting) == "Table T6"
    assert _sequence(event, meeting) == 1


def test_the_admins_confirmation_page_records_nothing_and_its_deletion_one_move(
    event, slots, halls, meeting, admin_client
) -> None:
    # The admin collects what a deletion would take to show it, and again before deleting:
    # only the deletion itself may count, once.
    table = MeetingTableFactory(event=event, number=6, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    url = reverse("admin:events_hall_delete", args=[halls[0].pk])
    assert admin_client.get(url).status_code == 200
    assert _sequence(event, meeting) == 0
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Hall.objects.filter(pk=halls[0].pk).exists()
    assert _sequence(event, meeting) == 1


def _retime(slot, *, start: int = 0, end: int = 0) -> None:
    """The organiser moves the slot's start and end by so many minutes, as the admin does."""
    slot.start += dt.timedelta(minutes=start)
    slot.end += dt.timedelta(minutes=end)
    slot.save()


def _shown_start(event, meeting) -> str:
    """The DTSTART line of the meeting's entry in its first delegate's feed."""
    participant = Participant.objects.get(pk=meeting.participant_a_id)
    lines = agenda_ics(participant=participant).split("\r\n")
    (line,) = [row for row in lines if row.startswith("DTSTART;")]  # not the VTIMEZONE's
    return line


def test_a_slot_given_another_time_bumps_the_meetings_in_it(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=1, hall=halls[0])
    later = MeetingFactory(event=event)
    _place(event, meeting, slots[0], table=table)
    _place(event, later, slots[1], table=table)
    schedule_publish(event=event, by=None)
    zone = zoneinfo.ZoneInfo(event.time_zone)
    old_start = f"DTSTART;TZID={zone.key}:{ics_local(slots[0].start, zone)}"
    assert _shown_start(event, meeting) == old_start

    # The morning starts 15 minutes early; no release, but the entry shows the new time.
    _retime(slots[0], start=-15, end=-15)
    assert _shown_start(event, meeting) != old_start
    assert _sequences(event, {"moved": meeting, "kept": later}) == {"moved": 1, "kept": 0}

    # A later release for another meeting counts that change once, not twice.
    _place(event, MeetingFactory(event=event), slots[2], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 1

    # Back to the time the release gave: a calendar that took the new time must take it too.
    _retime(slots[0], start=15, end=15)
    assert _shown_start(event, meeting) == old_start
    assert _sequence(event, meeting) == 2


def test_a_slot_shortened_bumps_the_meetings_in_it(event, slots, meeting) -> None:
    _place(event, meeting, slots[0], table=MeetingTableFactory(event=event))
    schedule_publish(event=event, by=None)
    _retime(slots[0], end=-5)  # DTEND only: five minutes to reach the next table
    assert _sequence(event, meeting) == 1
    slots[0].number = 7  # the number is not shown
    slots[0].save()
    assert _sequence(event, meeting) == 1


def test_a_slot_time_and_a_place_changed_count_one_each(event, slots, halls, meeting) -> None:
    table = MeetingTableFactory(event=event, number=9, hall=halls[0])
    _place(event, meeting, slots[0], table=table)
    schedule_publish(event=event, by=None)
    _retime(slots[0], start=10)
    _move(table, halls[1])
    assert _sequence(event, meeting) == 2


def test_a_slot_time_changed_before_the_release_that_placed_a_meeting_is_not_counted(
    event, slots, meeting
) -> None:
    table = MeetingTableFactory(event=event)
    _place(event, MeetingFactory(event=event), slots[0], table=table)
    schedule_publish(event=event, by=None)
    _retime(slots[1], start=5)
    # Placed in the slot after its new time: its entry never showed the old one.
    _place(event, meeting, slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 0
    # Given another slot by a later release, after a time change its entry showed: two.
    _retime(slots[1], end=5)
    _place(event, meeting, slots[2], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 2
    # Further changes of the slot it left are not its own.
    _retime(slots[1], start=5, end=5)
    assert _sequence(event, meeting) == 2


def test_a_slot_a_schedule_uses_cannot_be_deleted(event, slots, meeting) -> None:
    # A feed never shows a meeting in a slot that is gone: the deletion is refused.
    _place(event, meeting, slots[0], table=MeetingTableFactory(event=event))
    schedule_publish(event=event, by=None)
    with pytest.raises(RestrictedError):
        slots[0].delete()
    assert Slot.objects.filter(pk=slots[0].pk).exists()


@pytest.fixture
def three_places(event, slots, halls):
    """Three meetings in slot 1: at table T1 and at booth A-101 in Hall A, at table T2 in
    Hall B; published."""
    table_a = MeetingTableFactory(event=event, number=1, hall=halls[0])
    table_b = MeetingTableFactory(event=event, number=2, hall=halls[1])
    exhibitor = ParticipantFactory(event=event)
    booth = BoothFactory(event=event, code="A-101", hall=halls[0], exhibitor=exhibitor.organisation)
    exhibitor.booth = booth
    exhibitor.save()
    meetings = {
        "table A": MeetingFactory(event=event),
        "booth A": MeetingFactory(event=event, participant_b=exhibitor),
        "table B": MeetingFactory(event=event),
    }
    _place(event, meetings["table A"], slots[0], table=table_a)
    _place(event, meetings["booth A"], slots[0], booth=booth)
    _place(event, meetings["table B"], slots[0], table=table_b)
    schedule_publish(event=event, by=None)
    return {"table A": table_a, "booth A": booth, "table B": table_b}, meetings


def _sequences(event, meetings) -> dict[str, int]:
    found = meeting_sequences(event=event, meeting_ids=[m.pk for m in meetings.values()])
    return {name: found[meeting.pk] for name, meeting in meetings.items()}


def test_renaming_a_table_bumps_the_meetings_at_it(event, three_places) -> None:
    places, meetings = three_places
    places["table A"].label = "VIP 1"
    places["table A"].save()
    assert _shown_place(meetings["table A"]) == "Table VIP 1, Hall A"
    assert _sequences(event, meetings) == {"table A": 1, "booth A": 0, "table B": 0}


def test_renaming_a_booth_bumps_the_meetings_at_it(event, three_places) -> None:
    places, meetings = three_places
    places["booth A"].code = "A-102"
    places["booth A"].save()
    assert _shown_place(meetings["booth A"]) == "Booth A-102, Hall A"
    assert _sequences(event, meetings) == {"table A": 0, "booth A": 1, "table B": 0}


def test_renaming_a_hall_bumps_the_meetings_at_its_tables_and_booths(
    event, halls, three_places
) -> None:
    _, meetings = three_places
    halls[0].name = {"en": "Hall A", "ru": "Зал А"}  # a language added is a change too
    halls[0].save()
    assert _sequences(event, meetings) == {"table A": 1, "booth A": 1, "table B": 0}
    halls[0].name = {"en": "Silk Road Hall", "ru": "Зал А"}
    halls[0].save()
    assert _shown_place(meetings["table A"]) == "Table T1, Silk Road Hall"
    assert _sequences(event, meetings) == {"table A": 2, "booth A": 2, "table B": 0}


def test_a_save_that_changes_nothing_shown_bumps_nothing(event, halls, three_places) -> None:
    places, meetings = three_places
    halls[0].code = "HA"  # the code is not shown, nor is a table's being active
    halls[0].save()
    places["table A"].is_active = False
    places["table A"].save()
    places["table B"].save()  # nothing changed at all
    assert _sequences(event, meetings) == {"table A": 0, "booth A": 0, "table B": 0}


def test_a_change_before_the_release_that_placed_a_meeting_is_not_counted(
    event, slots, halls, meeting
) -> None:
    table = MeetingTableFactory(event=event, number=4, hall=halls[0])
    _place(event, MeetingFactory(event=event), slots[0], table=table)
    schedule_publish(event=event, by=None)
    table.label = "VIP"
    table.save()
    # Placed at the table after the rename: its entry never showed the old name.
    _place(event, meeting, slots[1], table=table)
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 0
    # Moved to another table by a later release, after a rename seen by its entry: two.
    table.label = "VIP 2"
    table.save()
    _place(event, meeting, slots[1], table=MeetingTableFactory(event=event, number=5))
    schedule_publish(event=event, by=None)
    assert _sequence(event, meeting) == 2
    # Further changes of the table it left are not its own.
    table.label = "VIP 3"
    table.save()
    assert _sequence(event, meeting) == 2


def test_the_feed_needs_as_many_queries_for_30_meetings_as_for_1(event, slots, halls) -> None:
    first = dt.datetime(2026, 6, 28, 1, 0, tzinfo=dt.UTC)
    slots = [
        *slots,
        *(
            SlotFactory(
                event=event,
                number=4 + index,
                start=first + dt.timedelta(minutes=30 * index),
                end=first + dt.timedelta(minutes=30 * (index + 1)),
            )
            for index in range(27)
        ),
    ]
    delegate = ParticipantFactory(event=event)
    tables: list = []

    def meetings_added(count: int) -> list[int]:
        """``count`` more meetings of the delegate, published; then every table moves and
        every slot used starts and ends a minute later."""
        for slot in slots[len(tables) : len(tables) + count]:
            tables.append(MeetingTableFactory(event=event, hall=halls[0]))
            meeting = MeetingFactory(event=event, participant_a=delegate)
            _place(event, meeting, slot, table=tables[-1])
        schedule_publish(event=event, by=None)
        for table, slot in zip(tables, slots, strict=False):
            _move(table, halls[1] if table.hall_id == halls[0].pk else halls[0])
            _retime(slot, start=1, end=1)
        return [entry.meeting_id for entry in participant_agenda(participant=delegate)]

    def counted(read) -> tuple[int, object]:
        with CaptureQueriesContext(connection) as captured:
            result = read()
        return len(captured), result

    def feed() -> str:
        """The feed as a request reads it: the delegate fresh from the database."""
        return agenda_ics(participant=Participant.objects.get(pk=delegate.pk))

    ids = meetings_added(1)
    assert counted(lambda: meeting_sequences(event=event, meeting_ids=ids)) == (2, {ids[0]: 2})
    feed()  # anything cached per process is cached now
    one, text = counted(feed)
    assert text.count("SEQUENCE:2") == 1

    ids = meetings_added(29)
    queries, sequences = counted(lambda: meeting_sequences(event=event, meeting_ids=ids))
    assert queries == 2
    # The first moved back and given a time once more: 4.
    assert sorted(sequences.values()) == [2] * 29 + [4]
    thirty, text = counted(feed)
    assert (text.count("SEQUENCE:2"), text.count("SEQUENCE:4")) == (29, 1)
    assert thirty == one
