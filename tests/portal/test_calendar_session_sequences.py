"""A programme session's entry in a delegate's calendar feed gets a higher SEQUENCE whenever
its time or place (room, hall, the hall's name) changes, whichever page changed it: calendars
take an update only when the SEQUENCE grew (RFC 5546), and would keep the delegate at the old
time or in the old room. One per change, back to an earlier time or place too; never down."""

from __future__ import annotations

import datetime as dt

import icalendar
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from keruen.events import editing
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from keruen.people.services import participant_choose_session
from tests.factories import HallFactory, MeetingFactory, ParticipantFactory, ProgrammeSessionFactory

TEN = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai, the event's zone
NOON = TEN + dt.timedelta(hours=2)


def _entries(event, participant) -> dict[str, icalendar.Event]:
    """The delegate's feed as their calendar app reads it, by UID."""
    response = Client().get(
        reverse("portal-agenda-ics", args=[event.slug]), {"token": participant.feed_token}
    )
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(vevent["UID"]): vevent for vevent in calendar.walk("VEVENT")}


def _entry(event, participant, session) -> icalendar.Event:
    return _entries(event, participant)[f"session-{session.pk}@{event.slug}.keruen"]


def _shown(entry: icalendar.Event) -> tuple[object, ...]:
    """What the entry shows: start and end (as UTC instants), place, SEQUENCE."""
    return (
        entry.decoded("DTSTART").astimezone(dt.UTC),
        entry.decoded("DTEND").astimezone(dt.UTC),
        str(entry.get("LOCATION", "")),
        int(entry["SEQUENCE"]),
    )


def _chosen(event, alice, **fields):
    session = ProgrammeSessionFactory(
        event=event, start=TEN, end=NOON, room={"en": "Room 2"}, **fields
    )
    participant_choose_session(participant=alice, session=session, chosen=True)
    return session


def test_a_session_given_another_time_bumps_its_entry(event, alice) -> None:
    session = _chosen(event, alice)
    assert _shown(_entry(event, alice, session)) == (TEN, NOON, "Room 2", 0)

    # Starts half an hour later: a calendar keeping SEQUENCE 0 would keep 10:00.
    later = TEN + dt.timedelta(minutes=30)
    session.start = later
    session.save()
    assert _shown(_entry(event, alice, session)) == (later, NOON, "Room 2", 1)

    # Back to 10:00: the calendar took 10:30, it must take 10:00 again.
    session.start = TEN
    session.save()
    assert _shown(_entry(event, alice, session)) == (TEN, NOON, "Room 2", 2)

    # Runs over by 15 minutes: DTEND alone counts too.
    session.end = NOON + dt.timedelta(minutes=15)
    session.save()
    assert _shown(_entry(event, alice, session))[1:] == (
        NOON + dt.timedelta(minutes=15),
        "Room 2",
        3,
    )


def test_a_session_given_another_room_bumps_its_entry(event, alice) -> None:
    session = _chosen(event, alice)
    session.room = {"en": "Conference Hall B"}
    session.save()
    assert _shown(_entry(event, alice, session)) == (TEN, NOON, "Conference Hall B", 1)


def test_a_room_translated_anew_bumps_the_entry_its_readers_see_change(event, alice) -> None:
    session = _chosen(event, alice)
    alice.user.language = "ru"
    alice.user.save()
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2", 0)  # English, the fallback
    session.room = {"en": "Room 2", "ru": "Зал 2"}
    session.save()
    assert _shown(_entry(event, alice, session))[2:] == ("Зал 2", 1)


def test_a_new_title_or_description_keeps_the_sequence(event, alice) -> None:
    # SUMMARY and DESCRIPTION, as a meeting partner's name (keruen.meetings.agenda).
    session = _chosen(event, alice, title={"en": "Energy forum"})
    session.title = {"en": "Renewables forum"}
    session.description = {"en": "Three panels"}
    session.save()
    entry = _entry(event, alice, session)
    assert str(entry["SUMMARY"]) == "Renewables forum"
    assert _shown(entry) == (TEN, NOON, "Room 2", 0)


def test_a_new_hall_or_its_new_name_bumps_the_entry(event, alice) -> None:
    # LOCATION names the room and the hall, as a meeting's names its table and hall: at an
    # expo of several halls "Room 2" alone sends delegates searching.
    hall_a = HallFactory(event=event, code="A", name={"en": "Hall A"})
    hall_b = HallFactory(event=event, code="B", name={"en": "Hall B"})
    session = _chosen(event, alice)
    session.hall = hall_a
    session.save()
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Hall A", 1)
    session.hall = hall_b
    session.save()
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Hall B", 2)
    editing.hall_update(hall=hall_b, code="B", name={"en": "Silk Road Hall"})
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Silk Road Hall", 3)
    editing.hall_update(hall=hall_b, code="B2", name={"en": "Silk Road Hall"})  # not shown
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Silk Road Hall", 3)
    editing.hall_delete(hall=hall_b)
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2", 4)


def test_a_hall_translated_anew_bumps_the_entry_its_readers_see_change(event, alice) -> None:
    hall = HallFactory(event=event, code="B", name={"en": "Hall B"})
    session = _chosen(event, alice, hall=hall)
    alice.user.language = "ru"
    alice.user.save()
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Hall B", 0)
    editing.hall_update(hall=hall, code="B", name={"en": "Hall B", "ru": "Зал Б"})
    assert _shown(_entry(event, alice, session))[2:] == ("Room 2, Зал Б", 1)


def test_the_sequence_is_the_sessions_whoever_reads_it(event, alice, bob) -> None:
    # One UID per session: every delegate's feed gives it the same SEQUENCE, also one who
    # chose it after the changes, and it does not go down when a delegate drops and takes
    # it again.
    session = _chosen(event, alice)
    session.room = {"en": "Room 3"}
    session.save()
    participant_choose_session(participant=bob, session=session, chosen=True)
    participant_choose_session(participant=alice, session=session, chosen=False)
    participant_choose_session(participant=alice, session=session, chosen=True)
    assert _shown(_entry(event, alice, session))[3] == _shown(_entry(event, bob, session))[3] == 1


def test_a_time_changed_on_the_consoles_edit_page_bumps_the_entry(event, alice) -> None:
    session = _chosen(event, alice, title={"en": "Forum"})
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    console = Client()
    console.force_login(organiser.user)
    url = reverse("console-session-edit", args=[event.slug, session.pk])
    form = {"kind": "forum", "title_en": "Forum", "room_en": "Room 2", "end": "2026-06-27T12:00"}
    # The organiser moves the forum to 11:00 (Shanghai), then to another room.
    assert console.post(url, {**form, "start": "2026-06-27T11:00"}).status_code == 302
    eleven = TEN + dt.timedelta(hours=1)
    assert _shown(_entry(event, alice, session)) == (eleven, NOON, "Room 2", 1)
    moved = {**form, "start": "2026-06-27T11:00", "room_en": "Room 7"}
    assert console.post(url, moved).status_code == 302
    assert _shown(_entry(event, alice, session)) == (eleven, NOON, "Room 7", 2)
    # Saved again as it is: nothing new for calendars.
    assert console.post(url, moved).status_code == 302
    assert _shown(_entry(event, alice, session))[3] == 2


def test_meetings_and_sessions_keep_their_order_and_their_own_sequences(
    event, alice, bob, slots, tables
) -> None:
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    schedule_publish(event=event, by=None)
    at_the_meeting = _chosen(event, alice)
    at_the_meeting.start, at_the_meeting.end = slots[0].start, slots[0].end  # one change
    at_the_meeting.save()
    earlier = _chosen(event, alice)
    earlier.start = slots[0].start - dt.timedelta(hours=1)
    earlier.end = slots[0].start
    earlier.save()
    earlier.room = {"en": "Room 4"}
    earlier.save()
    entries = _entries(event, alice)
    # In time order, the meeting before a session at the same time, as the agenda lists them.
    assert [(uid.split("@")[0], int(entry["SEQUENCE"])) for uid, entry in entries.items()] == [
        (f"session-{earlier.pk}", 2),
        (f"meeting-{meeting.pk}", 0),
        (f"session-{at_the_meeting.pk}", 1),
    ]


def test_the_feed_needs_as_many_queries_for_30_sessions_as_for_1(
    event, alice, slots, tables
) -> None:
    delegate = Participant.objects.get(pk=alice.pk)
    meeting = MeetingFactory(event=event, participant_a=delegate)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    schedule_publish(event=event, by=None)
    url = reverse("portal-agenda-ics", args=[event.slug])
    sessions: list = []

    halls = [HallFactory(event=event) for _ in range(3)]

    def sessions_added(count: int) -> None:
        """``count`` more sessions chosen, in halls; then every session moves to another
        room."""
        for _ in range(count):
            sessions.append(_chosen(event, delegate, hall=halls[len(sessions) % len(halls)]))
        for session in sessions:
            session.room = {"en": f"Room {len(sessions)}"}
            session.save()

    def feed() -> tuple[int, str]:
        client = Client()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"token": delegate.feed_token})
        assert response.status_code == 200
        return len(captured), response.content.decode()

    sessions_added(1)
    feed()  # anything cached per process is cached now
    one, text = feed()
    assert text.count("SEQUENCE:1") == 1
    assert text.count("SEQUENCE:0") == 1  # the meeting

    sessions_added(29)  # the first moved a second time
    thirty, text = feed()
    assert (text.count("SEQUENCE:0"), text.count("SEQUENCE:1"), text.count("SEQUENCE:2")) == (
        1,
        29,
        1,
    )
    assert thirty == one
