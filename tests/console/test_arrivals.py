"""Badges and the registration desk in the console."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from keruen.meetings.models import Schedule, ScheduledAttendance, ScheduledMeeting
from keruen.people.badge_codes import badge_code_display
from keruen.people.models import Participant
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
)


def _badge_url(event, person) -> str:
    return reverse("console-check-in-badge", args=[event.slug, person.badge_code])


def test_badges_come_four_to_a_sheet_with_the_check_in_link_in_the_qr(
    organiser_client, organiser, event
) -> None:
    delegates = [ParticipantFactory(event=event) for _ in range(4)]
    ParticipantFactory(event=event, status=Participant.Status.PENDING)
    page = organiser_client.get(reverse("console-badges", args=[event.slug])).content.decode()
    sheets = page.split('<div class="sheet">')[1:]
    assert [sheet.count('<article class="badge') for sheet in sheets] == [4, 1]  # 5 approved
    for person in [*delegates, organiser]:
        assert badge_code_display(person.badge_code) in page
    assert page.count('<svg viewBox="0 0') == 5
    assert "5 badges" in page


def test_a_badge_is_written_in_the_chosen_language_with_the_name_as_written(
    organiser_client, event
) -> None:
    delegation = DelegationFactory(
        event=event, name={"en": "Kazakhstan", "zh-hans": "哈萨克斯坦代表团"}
    )
    ParticipantFactory(
        event=event,
        given_name="Айгүл",
        family_name="Серікова",
        name_latin="Aigul Serikova",
        role=Participant.Role.GOVERNMENT,
        delegation=delegation,
    )
    url = reverse("console-badges", args=[event.slug])
    page = organiser_client.get(url, {"language": "zh-hans", "role": "government"})
    text = page.content.decode()
    assert "Айгүл Серікова" in text
    assert "Aigul Serikova" in text
    assert "哈萨克斯坦代表团" in text
    assert "哈萨克斯坦" in text  # the country of the organisation (KZ), in Chinese
    assert "band-government" in text
    assert "1 badge" in text
    assert "2026年6月26日–30日" in text  # the event's dates, in the badge's language, the year once


def test_scanning_a_badge_shows_the_delegate_and_checks_them_in(organiser_client, event) -> None:
    delegate = ParticipantFactory(event=event, given_name="Gaukhar", family_name="Seitova")
    url = _badge_url(event, delegate)
    page = organiser_client.get(url).content.decode()
    assert "Gaukhar Seitova" in page
    assert 'value="in"' in page
    response = organiser_client.post(url, {"action": "in"}, follow=True)
    text = response.content.decode()
    assert "Gaukhar Seitova is checked in." in text
    assert "Arrived at" in text
    delegate.refresh_from_db()
    arrived = delegate.checked_in_at
    assert arrived is not None
    again = organiser_client.post(url, {"action": "in"}, follow=True).content.decode()
    assert "had already arrived, at" in again
    delegate.refresh_from_db()
    assert delegate.checked_in_at == arrived
    organiser_client.post(url, {"action": "undo"})
    delegate.refresh_from_db()
    assert delegate.checked_in_at is None


def test_a_pending_registration_is_not_checked_in(organiser_client, event) -> None:
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    url = _badge_url(event, pending)
    assert "approve the registration first" in organiser_client.get(url).content.decode()
    text = organiser_client.post(url, {"action": "in"}, follow=True).content.decode()
    assert "approve the registration first" in text
    pending.refresh_from_db()
    assert pending.checked_in_at is None


def test_the_scanned_page_lists_the_next_published_meetings(organiser_client, event) -> None:
    delegate = ParticipantFactory(event=event)
    partner = ParticipantFactory(event=event, given_name="Li", family_name="Na")
    meeting = MeetingFactory(event=event, participant_a=delegate, participant_b=partner)
    start = dt.datetime(2099, 6, 27, 2, tzinfo=dt.UTC)
    slot = SlotFactory(event=event, number=1, start=start, end=start + dt.timedelta(minutes=30))
    release = Schedule.objects.create(
        event=event, version="v1", published_at=dt.datetime.now(dt.UTC)
    )
    table = MeetingTableFactory(event=event, number=7)
    entry = ScheduledMeeting.objects.create(
        schedule=release, meeting=meeting, slot=slot, table=table
    )
    for person in (delegate, partner):  # as publishing writes them
        ScheduledAttendance.objects.create(
            schedule=release, slot=slot, participant=person, entry=entry
        )
    page = organiser_client.get(_badge_url(event, delegate)).content.decode()
    assert "Li Na" in page
    assert "Table T7" in page


def test_another_events_badge_is_not_found(organiser_client, event, other_event) -> None:
    stranger = ParticipantFactory(event=other_event)
    assert organiser_client.get(_badge_url(event, stranger)).status_code == 404
    assert organiser_client.post(_badge_url(event, stranger), {"action": "in"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.checked_in_at is None


def test_the_desk_finds_by_typed_code_and_counts_arrivals(organiser_client, event) -> None:
    delegate = ParticipantFactory(event=event, given_name="Nurlan", family_name="Abenov")
    ParticipantFactory(event=event)  # expected, not yet arrived
    desk = reverse("console-check-in", args=[event.slug])
    typed = badge_code_display(delegate.badge_code).lower()
    page = organiser_client.get(desk, {"q": typed}).content.decode()
    assert "Nurlan Abenov" in page
    response = organiser_client.post(_badge_url(event, delegate), {"action": "in", "next": "desk"})
    assert response["Location"] == desk
    page = organiser_client.get(desk).content.decode()
    assert re.search(r'<span class="n">1</span>of 2 approved delegates arrived \(50%\)', page)
    assert "Nurlan Abenov</a>" in page.split("Latest arrivals")[1]
    assert "Nobody matches" in organiser_client.get(desk, {"q": "zzzz"}).content.decode()


def test_the_dashboard_counts_check_ins(organiser_client, event) -> None:
    delegate = ParticipantFactory(event=event)
    organiser_client.post(_badge_url(event, delegate), {"action": "in"})
    page = organiser_client.get(reverse("console-home", args=[event.slug])).content.decode()
    assert re.search(r'<span class="n">1</span>checked in at the desk', page)


def test_delegates_cannot_open_the_desk_or_a_badge(delegate_client, event) -> None:
    other = ParticipantFactory(event=event)
    for url in (
        reverse("console-check-in", args=[event.slug]),
        reverse("console-badges", args=[event.slug]),
        _badge_url(event, other),
    ):
        assert delegate_client.get(url).status_code == 403
    assert delegate_client.post(_badge_url(event, other), {"action": "in"}).status_code == 403
    other.refresh_from_db()
    assert other.checked_in_at is None


def test_a_scanner_typing_the_whole_address_into_the_desk_finds_the_badge(
    organiser_client, event, other_event
) -> None:
    delegate = ParticipantFactory(event=event, given_name="Dana", family_name="Omarova")
    desk = reverse("console-check-in", args=[event.slug])
    scanned = f"https://expo.example.org/{event.slug}/b/{delegate.badge_code}/\r\n"
    page = organiser_client.get(desk, {"q": scanned}).content.decode()
    assert "Dana Omarova" in page
    foreign = f"https://expo.example.org/{other_event.slug}/b/{delegate.badge_code}/"
    page = organiser_client.get(desk, {"q": foreign}).content.decode()
    assert f"another event ({other_event.slug})" in page
    assert "Dana Omarova" not in page


def test_the_desk_finds_cyrillic_names_in_any_case(organiser_client, event) -> None:
    ParticipantFactory(event=event, given_name="Айгүл", family_name="Серікова")
    desk = reverse("console-check-in", args=[event.slug])
    page = organiser_client.get(desk, {"q": "серікова"}).content.decode()
    assert "Айгүл Серікова" in page


def test_a_badge_address_with_control_characters_is_not_found(organiser_client, event) -> None:
    url = reverse("console-check-in-badge", args=[event.slug, "AB\x00CD"])
    response = organiser_client.get(url)
    assert response.status_code == 404
    assert "\x00" not in response.content.decode()


def test_withdrawn_people_are_not_latest_arrivals_nor_shown_as_arrived(
    organiser_client, event
) -> None:
    left = ParticipantFactory(event=event, given_name="Marat", family_name="Iskakov")
    organiser_client.post(_badge_url(event, left), {"action": "in"})
    Participant.objects.filter(pk=left.pk).update(status=Participant.Status.WITHDRAWN)
    desk = reverse("console-check-in", args=[event.slug])
    page = organiser_client.get(desk, {"q": "Iskakov"}).content.decode()
    latest = page.split("Latest arrivals")[1]
    assert "Marat Iskakov" not in latest
    found = page.split("Latest arrivals")[0]
    assert "withdrawn" in found
    assert "arrived at" not in found


def test_an_arrival_on_another_day_shows_its_day(organiser_client, event) -> None:
    yesterday = ParticipantFactory(event=event, given_name="Bolat", family_name="Ospanov")
    today = ParticipantFactory(event=event, given_name="Saule", family_name="Ermekova")
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=1, minutes=5)
    Participant.objects.filter(pk=yesterday.pk).update(checked_in_at=earlier)
    Participant.objects.filter(pk=today.pk).update(checked_in_at=dt.datetime.now(dt.UTC))
    desk = reverse("console-check-in", args=[event.slug])
    local = earlier.astimezone(event.tz)
    day = f"{local.day} {local:%b}, {local:%H:%M}"
    latest = organiser_client.get(desk).content.decode().split("Latest arrivals")[1]
    assert f"{day} · " in latest
    found = organiser_client.get(desk, {"q": "Ospanov"}).content.decode()
    assert f"arrived at {day}" in found.split("Latest arrivals")[0]
    assert re.search(r"<li>\d\d:\d\d · <a[^>]*>Saule Ermekova", latest)  # today: the time


@pytest.mark.parametrize(
    ("status", "says"),
    [
        ("withdrawn", "re-admit"),
        ("rejected", "cannot be checked in"),
    ],
)
def test_the_desk_says_what_a_registration_needs(organiser_client, event, status, says) -> None:
    person = ParticipantFactory(event=event, status=status)
    url = _badge_url(event, person)
    assert says in organiser_client.get(url).content.decode()
    text = organiser_client.post(url, {"action": "in"}, follow=True).content.decode()
    assert says in text
    assert "approve the registration first" not in text
    assert "approve it before" not in text
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_taking_back_a_check_in_not_made_says_so(organiser_client, event) -> None:
    delegate = ParticipantFactory(event=event, given_name="Erlan", family_name="Abdi")
    text = organiser_client.post(_badge_url(event, delegate), {"action": "undo"}, follow=True)
    page = text.content.decode()
    assert "the check-in is taken back" not in page
    assert "Erlan Abdi had not been checked in" in page
