"""The agenda page, the printable page and the ICS feed (checked with a real parser)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.test import Client

from keruen.common.errors import Conflict
from keruen.meetings import agenda as ics
from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.profiles import participant_update_profile
from tests.factories import (
    BoothFactory,
    EventFactory,
    HallFactory,
    MeetingFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)
from tests.portal.conftest import client_for

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def published(event, alice, bob, slots, tables):
    """Alice meets Bob in slot 1 at table 1 (09:30 Shanghai) in release v1."""
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob, language="ru")
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    schedule_publish(event=event, by=None)
    return meeting


def feed(client: Client, event, participant) -> icalendar.Calendar:
    response = client.get(f"/{event.slug}/me/agenda.ics?token={participant.feed_token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content, icalendar.Calendar.from_ical(response.content)


def test_agenda_page_shows_meetings_and_sessions(event, alice, bob, published, as_alice) -> None:
    session = ProgrammeSessionFactory(event=event, title={"en": "Green energy forum"})
    alice.chosen_sessions.add(session)
    page = as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    assert bob.display_name in page
    assert "Table T1" in page
    assert "09:30–10:00" in page
    assert "Asia/Shanghai" in page
    assert "Green energy forum" in page
    assert f"agenda.ics?token={alice.feed_token}" in page
    # Bob sees the same meeting from his side.
    page = client_for(bob).get(f"/{event.slug}/me/agenda/").content.decode()
    assert alice.display_name in page
    assert "09:30–10:00" in page
    printable = as_alice.get(f"/{event.slug}/me/agenda/print/").content.decode()
    assert "print.css" in printable
    assert bob.display_name in printable


def test_day_view_filters(event, alice, published, as_alice) -> None:
    ProgrammeSessionFactory(
        event=event,
        start=dt.datetime(2026, 6, 28, 2, tzinfo=dt.UTC),
        end=dt.datetime(2026, 6, 28, 3, tzinfo=dt.UTC),
        title={"en": "Closing forum"},
    )
    alice.chosen_sessions.add(*event.sessions.all())
    page = as_alice.get(f"/{event.slug}/me/agenda/?day=2026-06-27").content.decode()
    assert "09:30–10:00" in page
    assert "Closing forum" not in page
    page = as_alice.get(f"/{event.slug}/me/agenda/?day=2026-06-28").content.decode()
    assert "Closing forum" in page
    assert "09:30–10:00" not in page


def test_unpublished_draft_is_not_in_the_agenda(event, alice, bob, slots, tables, as_alice) -> None:
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    assert bob.display_name not in as_alice.get(f"/{event.slug}/me/agenda/").content.decode()


def test_ics_feed_parses_with_the_right_times(event, alice, bob, published) -> None:
    raw, calendar = feed(Client(), event, alice)
    assert b"\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Asia/Shanghai"]
    (vevent,) = calendar.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert start == dt.datetime(2026, 6, 27, 9, 30, tzinfo=SHANGHAI)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 6, 27, 1, 30, tzinfo=dt.UTC)
    assert vevent.decoded("DTEND") - start == dt.timedelta(minutes=30)
    assert str(vevent["UID"]) == f"meeting-{published.pk}@{event.slug}.keruen"
    assert int(vevent["SEQUENCE"]) == 0
    assert vevent.get("DTSTAMP") is not None
    assert bob.display_name in str(vevent["SUMMARY"])
    assert "T1" in str(vevent["LOCATION"])
    # The calendar reminds the delegate ten minutes before, with the meeting's summary.
    (alarm,) = vevent.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -dt.timedelta(minutes=10)
    assert str(alarm["DESCRIPTION"]) == str(vevent["SUMMARY"])


def test_a_meetings_calendar_entry_names_the_partner_as_the_pages_do(
    event, alice, bob, published
) -> None:
    bob.given_name, bob.family_name, bob.name_latin = "Мұрат", "Ахметов", "Murat Akhmetov"
    bob.title = {"en": "Sales Director"}
    bob.save()
    bob.organisation.name = {"en": "Hunda Agro (Shanghai)"}
    bob.organisation.country = "CN"
    bob.organisation.save()
    _raw, calendar = feed(Client(), event, alice)
    (vevent,) = calendar.walk("VEVENT")
    assert (
        str(vevent["SUMMARY"]) == "Meeting: Мұрат Ахметов (Murat Akhmetov), Hunda Agro (Shanghai)"
    )
    assert str(vevent["DESCRIPTION"]) == (
        "Sales Director, Hunda Agro (Shanghai), China\nMeeting language: Russian"
    )
    published.language = ""
    published.save()
    (vevent,) = feed(Client(), event, alice)[1].walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).endswith("No language in common: an interpreter is needed.")


def test_ics_sequence_bumps_when_a_meeting_moves(event, alice, published, slots, tables) -> None:
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=published, slot=slots[2], table=tables[1])
    schedule_publish(event=event, by=None)
    _, calendar = feed(Client(), event, alice)
    (vevent,) = calendar.walk("VEVENT")
    assert int(vevent["SEQUENCE"]) == 1
    assert str(vevent["UID"]) == f"meeting-{published.pk}@{event.slug}.keruen"
    assert vevent.decoded("DTSTART") == dt.datetime(2026, 6, 27, 10, 30, tzinfo=SHANGHAI)
    # Publishing again without a move is refused; the sequence stays.
    with pytest.raises(Conflict):
        schedule_publish(event=event, by=None)
    _, calendar = feed(Client(), event, alice)
    assert int(calendar.walk("VEVENT")[0]["SEQUENCE"]) == 1


def test_ics_sequence_bumps_when_the_table_moves_to_another_hall(
    event, alice, published, tables
) -> None:
    """LOCATION names the hall: an organiser moving the table changes it without a release,
    and calendars take the new place only if the SEQUENCE grows."""
    tables[0].hall = HallFactory(event=event, code="B", name={"en": "Hall B"})
    tables[0].save()
    _, calendar = feed(Client(), event, alice)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["LOCATION"]) == "Table T1, Hall B"
    assert int(vevent["SEQUENCE"]) == 1


def test_ics_escapes_and_folds_texts(event, alice, bob, published) -> None:
    bob.given_name = "Иван; \\ Петров,"
    bob.family_name = "Очень-длинная-фамилия-для-проверки-переноса-строк-в-календаре"
    bob.save()
    session = ProgrammeSessionFactory(
        event=event, title={"en": "Forum"}, description={"en": "Line one\nLine two; three, four"}
    )
    alice.chosen_sessions.add(session)
    raw, calendar = feed(Client(), event, alice)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    raw.decode("utf-8")  # folding never splits a character
    meeting, forum = sorted(calendar.walk("VEVENT"), key=lambda e: str(e["UID"]))
    assert bob.given_name in str(meeting["SUMMARY"])
    assert bob.family_name in str(meeting["SUMMARY"])
    assert str(forum["DESCRIPTION"]) == "Line one\nLine two; three, four"
    assert b"Line one\\nLine two\\; three\\, four" in raw.replace(b"\r\n ", b"")


def test_the_room_is_in_the_delegates_language(event, alice, published, as_alice) -> None:
    session = ProgrammeSessionFactory(
        event=event, room={"en": "Conference Hall A", "ru": "Конференц-зал А"}
    )
    alice.chosen_sessions.add(session)
    alice.user.language = "ru"
    alice.user.save()
    _, calendar = feed(Client(), event, alice)
    (forum,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert str(forum["LOCATION"]) == "Конференц-зал А"
    alice.user.language = "kk"  # no Kazakh text: English
    alice.user.save()
    _, calendar = feed(Client(), event, alice)
    (forum,) = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("session-")]
    assert str(forum["LOCATION"]) == "Conference Hall A"
    rooms = {"ru": "Конференц-зал А", "zh-hans": "Conference Hall A"}
    for language, room in rooms.items():
        as_alice.cookies["django_language"] = language
        for page in ("agenda/", "sessions/"):
            content = as_alice.get(f"/{event.slug}/me/{page}").content.decode()
            assert room in content, (language, page)
            assert not any(other in content for other in rooms.values() if other != room)


def test_a_sessions_place_names_its_room_and_hall(event, alice, published, as_alice) -> None:
    """On the page and in the feed, as a meeting's place is written ("Table T1, Hall B"), in
    the delegate's language: at an expo of several halls "Meeting room 1" alone is ambiguous."""
    hall = HallFactory(event=event, name={"en": "Hall B", "ru": "Зал Б", "zh-hans": "B馆"})
    in_room = ProgrammeSessionFactory(
        event=event, room={"en": "Meeting room 1", "ru": "Переговорная 1"}, hall=hall
    )
    in_hall = ProgrammeSessionFactory(event=event, hall=hall)  # no room given
    alice.chosen_sessions.add(in_room, in_hall)
    places = {
        "en": ("Meeting room 1, Hall B", "Hall B"),
        "ru": ("Переговорная 1, Зал Б", "Зал Б"),
        "zh-hans": ("B馆，Meeting room 1", "B馆"),
    }
    for language, (room_and_hall, hall_alone) in places.items():
        alice.user.language = language
        alice.user.save()
        _, calendar = feed(Client(), event, alice)
        locations = {str(e["UID"]): str(e.get("LOCATION", "")) for e in calendar.walk("VEVENT")}
        assert locations[f"session-{in_room.pk}@{event.slug}.keruen"] == room_and_hall
        assert locations[f"session-{in_hall.pk}@{event.slug}.keruen"] == hall_alone
        as_alice.cookies["django_language"] = language
        page = as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
        assert f">{room_and_hall}</td>" in page, language
        assert f">{hall_alone}</td>" in page, language


def test_ics_feed_only_with_the_right_token(event, other_event, alice, published) -> None:
    client = Client()
    for token in ("", "wrong-token-wrong-token", alice.feed_token[:-1] + "x"):
        assert client.get(f"/{event.slug}/me/agenda.ics?token={token}").status_code == 404
    # The token does not open the feed through another event's URL.
    assert (
        client.get(f"/{other_event.slug}/me/agenda.ics?token={alice.feed_token}").status_code == 404
    )


def test_ics_of_a_zone_with_an_offset_change() -> None:
    """Almaty moved from UTC+6 to UTC+5 on 1 March 2024: the VTIMEZONE must say so."""
    items = [
        ics.AgendaItem(
            uid="m-1@test",
            start=dt.datetime(2024, 6, 1, 4, 0, tzinfo=dt.UTC),
            end=dt.datetime(2024, 6, 1, 4, 30, tzinfo=dt.UTC),
            summary="Meeting",
        )
    ]
    stamp = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    text = ics.calendar_build(name="Test", time_zone="Asia/Almaty", items=items, stamp=stamp)
    calendar = icalendar.Calendar.from_ical(text)
    (vevent,) = calendar.walk("VEVENT")
    assert "DTSTART;TZID=Asia/Almaty:20240601T090000" in text
    assert vevent.decoded("DTSTART").astimezone(dt.UTC) == items[0].start
    assert "TZOFFSETFROM:+0600" in text
    assert "TZOFFSETTO:+0500" in text
    # The parser's own reading of our VTIMEZONE agrees with the zone database.
    timezone = calendar.walk("VTIMEZONE")[0].to_tz()
    local = dt.datetime(2024, 6, 1, 9, 0)
    assert timezone.utcoffset(local) == dt.timedelta(hours=5)


def test_ics_fold_and_escape_units() -> None:
    assert ics.ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "漢" * 60
    folded = ics.ics_fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(parts)) == line
    assert ics.ics_fold("short") == "short"


def test_choose_a_session_from_the_programme(event, alice, as_alice) -> None:
    session = ProgrammeSessionFactory(event=event, title={"en": "Logistics forum"})
    page = as_alice.get(f"/{event.slug}/me/sessions/").content.decode()
    assert "Add to my agenda" in page
    url = f"/{event.slug}/me/sessions/{session.pk}/choose/"
    assert as_alice.post(url, {"chosen": "1"}).status_code == 302
    assert list(alice.chosen_sessions.all()) == [session]
    assert "Logistics forum" in as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    # An outside `next` is not followed.
    response = as_alice.post(url, {"chosen": "0", "next": "https://evil.example/"})
    assert response["Location"] == f"/{event.slug}/me/sessions/"
    assert not alice.chosen_sessions.exists()


def test_sessions_of_another_event_cannot_be_chosen(event, other_event, alice, as_alice) -> None:
    theirs = ProgrammeSessionFactory(event=other_event)
    response = as_alice.post(f"/{event.slug}/me/sessions/{theirs.pk}/choose/", {"chosen": "1"})
    assert response.status_code == 404
    assert not alice.chosen_sessions.exists()


def test_nobody_sees_another_delegates_agenda(event, alice, bob, carol, published) -> None:
    page = client_for(carol).get(f"/{event.slug}/me/agenda/").content.decode()
    assert alice.display_name not in page
    assert bob.display_name not in page
    # A delegate of another event with the same account sees nothing of this one.
    other = EventFactory()
    ParticipantFactory(event=other, user=carol.user)
    page = client_for(carol).get(f"/{other.slug}/me/agenda/").content.decode()
    assert alice.display_name not in page


def test_agenda_query_count(event, alice, slots, django_assert_max_num_queries) -> None:
    from tests.factories import MeetingTableFactory

    draft = schedule_draft_get(event=event)
    for slot in slots:
        meeting = MeetingFactory(event=event, participant_a=alice)
        schedule_entry_place(
            schedule=draft, meeting=meeting, slot=slot, table=MeetingTableFactory(event=event)
        )
    for _ in range(5):
        alice.chosen_sessions.add(ProgrammeSessionFactory(event=event))
    schedule_publish(event=event, by=None)
    client = client_for(alice)
    for url in ("agenda/", "agenda/print/", "sessions/", ""):
        with django_assert_max_num_queries(12):
            assert client.get(f"/{event.slug}/me/{url}").status_code == 200
    with django_assert_max_num_queries(7):
        response = Client().get(f"/{event.slug}/me/agenda.ics?token={alice.feed_token}")
    assert response.status_code == 200


def test_choose_returns_to_the_programme(event, as_alice) -> None:
    session = ProgrammeSessionFactory(event=event)
    url = f"/{event.slug}/me/sessions/{session.pk}/choose/"
    response = as_alice.post(url, {"chosen": "1", "next": f"/{event.slug}/programme/"})
    assert response["Location"] == f"/{event.slug}/programme/"
    response = as_alice.post(url, {"chosen": "1", "next": "//evil.example/x"})
    assert response["Location"] == f"/{event.slug}/me/sessions/"


def _agenda(client: Client, event, query: str = "") -> str:
    return client.get(f"/{event.slug}/me/agenda/{query}").content.decode()


def test_cached_agenda_shows_every_change_on_the_next_view(
    event, alice, bob, published, slots, tables, as_alice
) -> None:
    from keruen.people.services import participant_choose_session

    assert bob.display_name in _agenda(as_alice, event)
    session = ProgrammeSessionFactory(event=event, title={"en": "Green energy forum"})
    participant_choose_session(participant=alice, session=session, chosen=True)
    assert "Green energy forum" in _agenda(as_alice, event)
    session.title = {"en": "Renewables forum"}
    session.save()
    assert "Renewables forum" in _agenda(as_alice, event)
    bob.organisation.name = {"en": "Silo Works Holding"}
    bob.organisation.save()
    assert "Silo Works Holding" in _agenda(as_alice, event)
    tables[0].label = "VIP 1"
    tables[0].save()
    assert "Table VIP 1" in _agenda(as_alice, event)
    carol = ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=carol)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[1], table=tables[1]
    )
    assert carol.display_name not in _agenda(as_alice, event)  # a draft is not the agenda
    schedule_publish(event=event, by=None)
    assert carol.display_name in _agenda(as_alice, event)
    participant_choose_session(participant=alice, session=session, chosen=False)
    assert "Renewables forum" not in _agenda(as_alice, event)


def test_cached_agenda_differs_by_day_and_language(event, alice, published, as_alice) -> None:
    assert "09:30" in _agenda(as_alice, event, "?day=2026-06-27")
    assert "09:30" not in _agenda(as_alice, event, "?day=2026-06-28")
    assert "Saturday" in _agenda(as_alice, event)
    as_alice.cookies["django_language"] = "ru"
    assert "суббота" in _agenda(as_alice, event).lower()  # the cached day headings too


def test_the_place_names_the_hall_of_the_table_or_booth(
    event, alice, bob, slots, tables, as_alice
) -> None:
    """At an expo of several halls "Table T1" alone sends delegates searching."""
    hall = HallFactory(event=event, code="B", name={"en": "Hall B", "zh-hans": "B馆"})
    tables[0].hall = hall
    tables[0].save()
    carol = ParticipantFactory(event=event)
    booth = BoothFactory(
        event=event,
        code="A-101",
        hall__name={"en": "Hall A", "ru": "Зал А"},
        exhibitor=carol.organisation,
    )
    carol.booth = booth  # she holds it: her meetings are held there
    carol.save()
    draft = schedule_draft_get(event=event)
    at_table = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    at_booth = MeetingFactory(event=event, participant_a=alice, participant_b=carol)
    schedule_entry_place(schedule=draft, meeting=at_table, slot=slots[0], table=tables[0])
    schedule_entry_place(schedule=draft, meeting=at_booth, slot=slots[1], booth=booth)
    dave = ParticipantFactory(event=event)
    at_second_table = MeetingFactory(event=event, participant_a=bob, participant_b=dave)
    schedule_entry_place(schedule=draft, meeting=at_second_table, slot=slots[2], table=tables[1])
    schedule_publish(event=event, by=None)

    page = as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    assert "Table T1, Hall B" in page
    assert "Booth A-101, Hall A" in page
    as_alice.cookies["django_language"] = "zh-hans"
    assert "B馆，洽谈桌 T1" in as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    as_alice.cookies["django_language"] = "ru"
    assert "Стенд A-101, Зал А" in as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    # A table of no particular hall is named alone.
    page = client_for(dave).get(f"/{event.slug}/me/agenda/").content.decode()
    assert "Table T2</td>" in page
    _raw, calendar = feed(Client(), event, alice)
    locations = sorted(str(vevent["LOCATION"]) for vevent in calendar.walk("VEVENT"))
    assert locations == ["Booth A-101, Hall A", "Table T1, Hall B"]


def test_the_programme_by_day_names_the_meetings_a_session_overlaps(
    event, alice, bob, published, slots, as_alice
) -> None:
    meeting_start = slots[0].start  # 09:30-10:00, Alice with Bob
    hour = dt.timedelta(hours=1)
    ProgrammeSessionFactory(
        event=event,
        title={"en": "Energy forum"},
        kind="forum",
        start=meeting_start - hour / 2,
        end=meeting_start + hour,
    )
    ProgrammeSessionFactory(
        event=event,
        title={"en": "B2B matchmaking"},
        kind="matchmaking",
        start=meeting_start - hour / 2,
        end=meeting_start + 2 * hour,
    )
    ProgrammeSessionFactory(
        event=event,
        title={"en": "Later keynote"},
        kind="keynote",
        start=meeting_start + hour / 2,
        end=meeting_start + hour,
    )
    page = as_alice.get(f"/{event.slug}/me/sessions/").content.decode()
    day = meeting_start.astimezone(SHANGHAI)
    assert f"{day:%B} {day.day}" in page or f"{day.day} {day:%B}" in page  # a day heading
    clash = f"During this session: your meeting with {bob.display_name} at 09:30."
    assert page.count(clash) == 1  # the forum's; meetings are held during B2B sessions
    assert page.index("Energy forum") < page.index(clash) < page.index("B2B matchmaking")
    theirs = client_for(bob).get(f"/{event.slug}/me/sessions/").content.decode()
    assert f"your meeting with {alice.display_name} at 09:30." in theirs


def test_a_meeting_at_a_time_the_delegate_ruled_out_is_flagged_where_it_is_listed(
    event, alice, published, slots, as_alice
) -> None:
    flag = "You are not available then: write to the organisers so that they move it."
    assert flag not in as_alice.get(f"/{event.slug}/me/agenda/").content.decode()
    participant_update_profile(participant=alice, unavailable_slot_ids=[slots[0].pk])
    for page in ("agenda/", "agenda/print/"):  # the home page lists what is to come only
        assert flag in as_alice.get(f"/{event.slug}/me/{page}").content.decode(), page
