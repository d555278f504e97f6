"""Event set-up: halls, booths, tables, the slot grid, the programme, networking rules."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.events.models import Booth, Hall, MeetingTable, ProgrammeSession, RequestRule, Slot
from keruen.people.models import Participant
from tests.factories import HallFactory, OrganisationFactory, ParticipantFactory

GRID = {
    "days": ["2026-06-27", "2026-06-28"],
    "slot_minutes": "30",
    "am_start": "09:00",
    "am_end": "12:00",
    "pm_start": "14:00",
    "pm_end": "17:00",
    "breaks": "10:30-10:45",
}


def _post(client, name, event, data):
    return client.post(reverse(name, args=[event.slug]), data)


def test_halls_booths_and_tables_are_added(organiser_client, event) -> None:
    assert (
        _post(
            organiser_client, "console-hall-add", event, {"code": "A", "name": "Hall A"}
        ).status_code
        == 302
    )
    hall = Hall.objects.get(event=event, code="A")
    exhibitor = OrganisationFactory(event=event)
    response = _post(
        organiser_client,
        "console-booth-add",
        event,
        {"hall": hall.pk, "code": "A-01", "exhibitor": exhibitor.pk, "area_m2": "18"},
    )
    assert response.status_code == 302
    booth = Booth.objects.get(event=event, code="A-01")
    exhibitor.refresh_from_db()
    assert booth.exhibitor == exhibitor
    assert exhibitor.is_exhibitor
    assert _post(organiser_client, "console-tables-add", event, {"count": "5"}).status_code == 302
    assert MeetingTable.objects.filter(event=event).count() == 5


def test_a_duplicate_hall_code_names_the_field(organiser_client, event) -> None:
    HallFactory(event=event, code="A")
    response = _post(organiser_client, "console-hall-add", event, {"code": "A", "name": "Again"})
    assert response.status_code == 422
    assert b"This hall code is taken" in response.content
    assert Hall.objects.filter(event=event).count() == 1


def test_an_exhibitor_of_another_event_cannot_get_a_booth(organiser_client, event, other_event):
    hall = HallFactory(event=event)
    booth = Booth.objects.create(event=event, hall=hall, code="B-1")
    foreign = OrganisationFactory(event=other_event)
    response = _post(
        organiser_client,
        "console-booth-exhibitor",
        event,
        {"booth": booth.pk, "exhibitor": foreign.pk},
    )
    assert response.status_code == 422
    booth.refresh_from_db()
    assert booth.exhibitor is None


def test_the_slot_grid_generates_slots_around_the_breaks(organiser_client, event) -> None:
    response = _post(organiser_client, "console-grid-set", event, GRID)
    assert response.status_code == 302
    slots = Slot.objects.filter(event=event)
    # AM 09:00-12:00 less 10:30-10:45 -> 5 slots, PM 14:00-17:00 -> 6 slots; two days.
    assert slots.count() == 22
    page = organiser_client.get(reverse("console-setup", args=[event.slug]))
    assert b"10:30-10:45" in page.content


def test_slot_grid_errors_name_the_field_and_change_nothing(organiser_client, event) -> None:
    cases = [
        ({"am_end": "08:00"}, b"The morning must end after it starts"),
        ({"pm_start": "11:00"}, b"The afternoon must start after the morning ends"),
        ({"breaks": "coffee"}, b"is not a break like 10:30-10:45"),
        ({"breaks": "11:00-10:00"}, b"must end after it starts"),
        ({"days": ["2027-01-01"]}, b"Select a valid choice"),
        ({"slot_minutes": "2"}, b"greater than or equal to 5"),
        ({"slot_minutes": "240", "am_end": "10:00", "pm_end": "15:00"}, b"No slot fits"),
    ]
    for change, message in cases:
        response = _post(organiser_client, "console-grid-set", event, {**GRID, **change})
        assert response.status_code == 422, change
        assert message in response.content, change
    assert not Slot.objects.filter(event=event).exists()


def test_a_programme_session_with_speakers_is_added(organiser_client, event) -> None:
    speaker = ParticipantFactory(event=event)
    response = _post(
        organiser_client,
        "console-session-add",
        event,
        {
            "kind": "forum",
            "title": "Energy forum",
            "start": "2026-06-27T10:00",
            "end": "2026-06-27T12:00",
            "speakers": [speaker.pk],
            "blocks_meetings": "on",
        },
    )
    assert response.status_code == 302
    session = ProgrammeSession.objects.get(event=event)
    assert list(session.speakers.all()) == [speaker]
    assert session.blocks_meetings
    assert session.start.astimezone(event.tz).hour == 10  # typed in the event's time zone


@pytest.mark.parametrize(
    ("language", "room", "stored"),
    [
        ("en", "Conference Hall A", {"en": "Conference Hall A"}),
        ("ru", " Конференц-зал А ", {"ru": "Конференц-зал А"}),
        ("zh-hans", "A会议厅", {"zh-hans": "A会议厅"}),
        ("kk", "", {}),
    ],
)
def test_a_new_sessions_room_is_stored_in_the_organisers_language(
    organiser_client, event, language, room, stored
) -> None:
    """Like the title, the room is typed in the interface language; the edit form adds others."""
    organiser_client.cookies["django_language"] = language
    response = _post(
        organiser_client,
        "console-session-add",
        event,
        {
            "kind": "forum",
            "title": "Forum",
            "start": "2026-06-27T10:00",
            "end": "2026-06-27T12:00",
            "room": room,
        },
    )
    assert response.status_code == 302
    session = ProgrammeSession.objects.get(event=event)
    assert session.room == stored
    assert session.title == {language: "Forum"}
    if room.strip():
        page = organiser_client.get(reverse("console-setup", args=[event.slug]))
        assert f"· {room.strip()}" in page.content.decode()


def test_a_session_ending_before_it_starts_is_refused(organiser_client, event) -> None:
    response = _post(
        organiser_client,
        "console-session-add",
        event,
        {"kind": "forum", "title": "X", "start": "2026-06-27T12:00", "end": "2026-06-27T10:00"},
    )
    assert response.status_code == 422
    assert b"must end after it starts" in response.content
    assert not ProgrammeSession.objects.filter(event=event).exists()


def test_networking_deadline_quota_and_rules_are_saved(organiser_client, event) -> None:
    response = _post(
        organiser_client,
        "console-networking-set",
        event,
        {"request_deadline": "2026-06-26T18:00", "request_quota": "20"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.request_quota == 20
    assert event.request_deadline.astimezone(event.tz).hour == 18
    response = _post(
        organiser_client,
        "console-rule-add",
        event,
        {"requester_role": "visitor", "allowed": "0", "target_role": ""},
    )
    assert response.status_code == 302
    rule = RequestRule.objects.get(event=event)
    assert (rule.requester_role, rule.target_role, rule.allowed) == ("visitor", "", False)
    page = organiser_client.get(reverse("console-setup", args=[event.slug]))
    assert b"may not request" in page.content


def test_a_quota_below_one_is_refused(organiser_client, event) -> None:
    response = _post(organiser_client, "console-networking-set", event, {"request_quota": "0"})
    assert response.status_code == 422
    event.refresh_from_db()
    assert event.request_quota is None


def test_the_setup_page_query_count_does_not_grow(
    organiser_client, event, django_assert_max_num_queries
) -> None:
    hall = HallFactory(event=event)
    for n in range(10):
        Booth.objects.create(
            event=event, hall=hall, code=f"B{n}", exhibitor=OrganisationFactory(event=event)
        )
        session_speaker = ParticipantFactory(event=event)
        session = ProgrammeSession.objects.create(
            event=event,
            kind="forum",
            title={"en": f"Forum {n}"},
            start="2026-06-27T02:00Z",
            end="2026-06-27T03:00Z",
        )
        session.speakers.add(session_speaker)
        MeetingTable.objects.create(event=event, number=n + 1, hall=hall, is_active=n % 2 == 0)
        roles = Participant.Role.values
        RequestRule.objects.create(
            event=event, requester_role=roles[n % len(roles)], target_role=roles[n // len(roles)]
        )
    with django_assert_max_num_queries(25):
        response = organiser_client.get(reverse("console-setup", args=[event.slug]))
    assert response.status_code == 200


def test_the_set_up_page_links_the_import_for_staff(client, event) -> None:
    """The import is the admin's page: staff organisers reach it from the console's set-up
    (and from the console menu's "Data" group, tests/console/test_navigation.py)."""
    url = reverse("console-setup", args=[event.slug])
    organiser = ParticipantFactory(event=event, role=Participant.Role.ORGANISER)
    client.force_login(organiser.user)
    assert 'id="import-link"' not in client.get(url).content.decode()
    organiser.user.is_staff = True
    organiser.user.save(update_fields=["is_staff"])
    page = client.get(url).content.decode()
    assert f'id="import-link"><a href="{reverse("imports:upload")}">' in page
