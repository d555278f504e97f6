from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from keruen.meetings.models import Meeting
from tests.factories import (
    AgreementFactory,
    EventFactory,
    HallFactory,
    MeetingFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    ProgrammeSessionFactory,
)


@pytest.fixture
def client() -> Client:
    return Client()


def test_public_pages_render(event, client, django_assert_max_num_queries) -> None:
    for index in range(30):
        organisation = OrganisationFactory(event=event, country="CN" if index % 2 else "KZ")
        OpportunityFactory(organisation=organisation)
    ProgrammeSessionFactory(event=event)
    for url in ("", "programme/", "organisations/", "opportunities/"):
        response = client.get(f"/{event.slug}/{url}")
        assert response.status_code == 200, url
    # No N+1: the list pages do a fixed number of queries whatever the row count.
    with django_assert_max_num_queries(8):
        assert client.get(f"/{event.slug}/organisations/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"/{event.slug}/opportunities/").status_code == 200


def test_pages_in_every_language(event, client) -> None:
    for language, word in (("ru", "Организации"), ("kk", "Ұйымдар"), ("zh-hans", "机构")):
        client.cookies["django_language"] = language
        response = client.get(f"/{event.slug}/organisations/")
        assert word in response.content.decode(), language


@pytest.mark.parametrize(
    ("language", "signed", "words"),
    [
        ("en", 1, "agreement signed"),
        ("en", 2, "agreements signed"),
        ("ru", 1, "подписанное соглашение"),
        ("ru", 3, "подписанных соглашения"),
        ("ru", 5, "подписанных соглашений"),
    ],
)
def test_the_key_figures_agree_with_their_number(event, client, language, signed, words) -> None:
    for _ in range(signed):
        AgreementFactory(event=event)
    client.cookies["django_language"] = language
    page = client.get(f"/{event.slug}/").content.decode()
    assert f'<span class="n">{signed}</span><span>{words}</span>' in page


def test_organisation_of_another_event_is_404(event, other_event, client) -> None:
    theirs = OrganisationFactory(event=other_event)
    assert client.get(f"/{event.slug}/organisations/{theirs.pk}/").status_code == 404
    assert client.get(f"/{other_event.slug}/organisations/{theirs.pk}/").status_code == 200


def test_contact_details_never_on_public_pages(event, client) -> None:
    from tests.factories import ParticipantFactory

    person = ParticipantFactory(event=event, public_listing=True, phone="+7 701 555 0101")
    page = client.get(f"/{event.slug}/organisations/{person.organisation_id}/").content.decode()
    assert person.display_name in page
    assert person.contact_email not in page
    assert "555 0101" not in page


ROOM = {"en": "Conference Hall A", "zh-hans": "A号会议厅", "ru": "Конференц-зал А"}


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("en", "Conference Hall A", "Конференц-зал А"),
        ("zh-hans", "A号会议厅", "Conference Hall A"),
        ("ru", "Конференц-зал А", "Conference Hall A"),
        ("kk", "Conference Hall A", "Конференц-зал А"),  # no Kazakh text: English
    ],
)
def test_programme_shows_the_room_in_the_readers_language(
    event, client, language, shown, not_shown
) -> None:
    ProgrammeSessionFactory(event=event, room=ROOM)
    client.cookies["django_language"] = language
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert f'<td class="room">{shown}</td>' in page
    assert not_shown not in page


def test_a_room_in_one_language_only_is_shown_to_everyone(event, client) -> None:
    ProgrammeSessionFactory(event=event, room={"kk": "Қол қою залы"})
    ProgrammeSessionFactory(event=event, room={})
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert '<td class="room">Қол қою залы</td>' in page
    assert '<td class="room"></td>' in page


def test_the_site_home_lists_coming_events_before_held_ones(client, db) -> None:
    today = dt.date.today()
    held = EventFactory(
        name={"en": "Expo held"},
        start_date=today - dt.timedelta(days=200),
        end_date=today - dt.timedelta(days=196),
    )
    coming = EventFactory(
        name={"en": "Expo coming"},
        start_date=today + dt.timedelta(days=100),
        end_date=today + dt.timedelta(days=104),
    )
    page = client.get("/").content.decode()
    assert page.index("Coming and under way") < page.index("Expo coming")
    assert page.index("Expo coming") < page.index("Held") < page.index("Expo held")
    assert held.slug in page
    assert coming.slug in page


def test_a_held_events_page_counts_the_meetings_that_took_place(client, db) -> None:
    today = dt.date.today()
    event = EventFactory(
        start_date=today - dt.timedelta(days=30), end_date=today - dt.timedelta(days=26)
    )
    MeetingFactory(event=event, status=Meeting.Status.HELD)
    MeetingFactory(event=event, status=Meeting.Status.NO_SHOW)
    MeetingFactory(event=event, status=Meeting.Status.ACCEPTED)  # never recorded
    page = client.get(f"/{event.slug}/").content.decode()
    assert "This edition has taken place" in page
    assert '<span class="n">1</span><span>meeting held</span>' in page
    coming = EventFactory(
        start_date=today + dt.timedelta(days=30), end_date=today + dt.timedelta(days=34)
    )
    MeetingFactory(event=coming)
    page = client.get(f"/{coming.slug}/").content.decode()
    assert "has taken place" not in page
    assert '<span class="n">1</span><span>meeting</span>' in page


@pytest.mark.parametrize(
    "path",
    [
        "organisations/?delegation=%C2%B2",  # "²": a digit to str.isdigit, not to int
        "organisations/?delegation=99999999999999999999999",
        "exhibitors/?q=a%00b&hall=%00",  # PostgreSQL refuses NUL in a query
        "opportunities/?q=%00grain",
    ],
)
def test_odd_filters_are_no_filters_not_server_errors(event, client, path) -> None:
    assert client.get(f"/{event.slug}/{path}").status_code == 200


def test_an_organisation_only_a_rejected_sign_up_brought_is_not_public(event, client) -> None:
    spam = OrganisationFactory(event=event, name={"en": "Cheap Watches Ltd"})
    ParticipantFactory(event=event, organisation=spam, status="rejected")
    waiting = OrganisationFactory(event=event, name={"en": "Waiting Ltd"})
    ParticipantFactory(event=event, organisation=waiting, status="pending")
    entered = OrganisationFactory(event=event, name={"en": "Entered By The Organisers"})
    listing = client.get(f"/{event.slug}/organisations/").content.decode()
    assert "Cheap Watches" not in listing
    assert "Waiting Ltd" not in listing
    assert "Entered By The Organisers" in listing
    assert client.get(f"/{event.slug}/organisations/{spam.pk}/").status_code == 404
    assert client.get(f"/{event.slug}/organisations/{entered.pk}/").status_code == 200
    # Nor counted on the event's home page.
    figures = client.get(f"/api/v1/events/{event.slug}").json()["figures"]
    assert figures["organisations"] == 1


def test_a_speaker_who_withdrew_is_not_announced(event, client) -> None:
    session = ProgrammeSessionFactory(event=event)
    staying = ParticipantFactory(event=event, given_name="Aliya", family_name="Staying")
    gone = ParticipantFactory(event=event, given_name="Boris", family_name="Gone")
    session.speakers.set([staying, gone])
    gone.status = "withdrawn"
    gone.save()
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert "Staying" in page
    assert "Gone" not in page


def test_a_session_over_several_days_shows_the_day_it_ends(event, client) -> None:
    ProgrammeSessionFactory(
        event=event,
        title={"en": "Exhibition"},
        start=dt.datetime(2026, 6, 26, 1, 0, tzinfo=dt.UTC),  # 09:00 in Shanghai
        end=dt.datetime(2026, 6, 29, 10, 0, tzinfo=dt.UTC),  # 18:00 three days later
    )
    ProgrammeSessionFactory(event=event)  # 10:00-12:00 the same day
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert '<td class="time">09:00–29 Jun 18:00</td>' in page
    assert '<td class="time">10:00–12:00</td>' in page


def test_the_programme_names_the_hall_beside_the_room(event, client) -> None:
    # At an expo of several halls "Meeting room 1" alone sends delegates searching; the
    # programme writes the place as the agenda and the calendar do.
    hall = HallFactory(event=event, name={"en": "Hall B"})
    ProgrammeSessionFactory(event=event, room={"en": "Meeting room 1"}, hall=hall)
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert '<td class="room">Meeting room 1, Hall B</td>' in page


def test_names_in_another_script_carry_their_latin_form(event, client) -> None:
    # A protocol officer reading the English programme cannot read "Рустам Турсунов".
    speaker = ParticipantFactory(
        event=event,
        given_name="Рустам",
        family_name="Турсунов",
        name_latin="Rustam Tursunov",
        public_listing=True,
    )
    ProgrammeSessionFactory(event=event).speakers.add(speaker)
    for url in ("programme/", f"organisations/{speaker.organisation_id}/"):
        page = client.get(f"/{event.slug}/{url}").content.decode()
        assert 'Рустам Турсунов <span class="latin">(Rustam Tursunov)</span>' in page, url


def test_a_speaker_is_announced_with_title_organisation_and_country(event, client) -> None:
    organisation = OrganisationFactory(
        event=event, name={"en": "Ministry of Trade and Integration"}, country="KZ"
    )
    speaker = ParticipantFactory(
        event=event, organisation=organisation, title={"en": "Minister"}, given_name="Arman"
    )
    ProgrammeSessionFactory(event=event).speakers.add(speaker)
    page = client.get(f"/{event.slug}/programme/").content.decode()
    assert (
        f"{speaker.display_name} — Minister, Ministry of Trade and Integration (Kazakhstan)" in page
    )


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Asia/Shanghai", "Asia/Shanghai, UTC+8"),
        ("Asia/Kolkata", "Asia/Kolkata, UTC+5:30"),
        ("America/New_York", "America/New_York, UTC−4"),  # in June: summer time
    ],
)
def test_the_events_clock_is_named_with_its_offset(event, client, zone, label) -> None:
    event.time_zone = zone
    event.save()
    assert event.start_date.month == 6  # the factory's default edition
    assert event.clock_label == label
    assert f"({label})" in client.get(f"/{event.slug}/").content.decode()


def test_a_deadline_is_named_with_the_offset_of_its_own_date(event) -> None:
    # A June expo in New York (summer time, UTC−4) with a deadline in February (UTC−5).
    from keruen.common.templatetags.keruen import clock_at

    event.time_zone = "America/New_York"
    february = dt.datetime(2026, 2, 10, 23, 0, tzinfo=dt.UTC)
    assert clock_at(event, february) == "America/New_York, UTC−5"
    assert clock_at(event, None) == event.clock_label == "America/New_York, UTC−4"
