"""Editing the delegate's and the organisation's profile; the completeness meter."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from keruen.portal.selectors import profile_completeness
from tests.factories import OpportunityFactory, SlotFactory, move_ahead

PROFILE = {
    "given_name": "Alice",
    "family_name": "Wang",
    "title_en": "Export manager",
    "title_zh_hans": "出口经理",
    "languages": ["zh", "en"],
    "contact_email": "alice@example.org",
    "phone": "+86 10 5555 0101",
    "target_countries": ["KZ", "UZ"],
    "arrives_at": "2026-06-26T18:00",
    "departs_at": "2026-06-30T12:00",
}


def test_profile_saves_on_the_event_clock(event, alice, as_alice, slots) -> None:
    data = {**PROFILE, "unavailable_slots": [slots[0].pk, slots[2].pk]}
    response = as_alice.post(f"/{event.slug}/me/profile/", data)
    assert response.status_code == 302, response.context["form"].errors
    alice.refresh_from_db()
    assert alice.title == {"en": "Export manager", "zh-hans": "出口经理"}
    assert alice.languages == ["zh", "en"]
    assert alice.target_countries == ["KZ", "UZ"]
    # 18:00 in Shanghai is 10:00 UTC.
    assert alice.arrives_at == dt.datetime(2026, 6, 26, 10, 0, tzinfo=dt.UTC)
    assert set(alice.unavailable_slots.all()) == {slots[0], slots[2]}
    page = as_alice.get(f"/{event.slug}/me/profile/").content.decode()
    assert 'value="2026-06-26T18:00"' in page
    assert "Asia/Shanghai" in page
    # The slot grid is labelled on the event's clock: 09:30 in Shanghai.
    assert "09:30–10:00" in page


def test_bad_profile_input_names_the_field_and_changes_nothing(
    event, other_event, alice, as_alice, slots
) -> None:
    foreign_slot = SlotFactory(event=other_event)
    before = (alice.given_name, alice.contact_email, alice.languages)
    cases = [
        ({"departs_at": "2026-06-25T12:00"}, "departs_at"),
        ({"contact_email": "nope"}, "contact_email"),
        ({"languages": ["xx"]}, "languages"),
        ({"given_name": ""}, "given_name"),
        ({"unavailable_slots": [foreign_slot.pk]}, "unavailable_slots"),
    ]
    for change, field in cases:
        response = as_alice.post(f"/{event.slug}/me/profile/", {**PROFILE, **change})
        assert response.status_code == 200, field
        assert field in response.context["form"].errors, field
        alice.refresh_from_db()
        assert (alice.given_name, alice.contact_email, alice.languages) == before, field
        assert not alice.unavailable_slots.exists()


ORGANISATION = {
    "name_en": "Silk Road Machinery",
    "name_ru": "Машины Шёлкового пути",
    "description_en": "Harvesters and tractors.",
    "type": "company",
    "country": "CN",
    "city": "Xi'an",
    "website": "https://silk.example.org",
    "size": "medium",
    "sectors": ["28", "01"],
    "hs_codes": ["8433"],
}


def test_organisation_profile_saves(event, alice, as_alice) -> None:
    response = as_alice.post(f"/{event.slug}/me/organisation/", ORGANISATION)
    assert response.status_code == 302, response.context["form"].errors
    organisation = alice.organisation
    organisation.refresh_from_db()
    assert organisation.name == {"en": "Silk Road Machinery", "ru": "Машины Шёлкового пути"}
    assert organisation.sectors == ["28", "01"]
    assert organisation.hs_codes == ["8433"]
    page = as_alice.get(f"/{event.slug}/me/organisation/").content.decode()
    # Searchable lists with labels in the interface language.
    assert 'data-filter="1"' in page
    assert "8433 — " in page


def test_organisation_page_labels_in_kazakh(event, alice) -> None:
    from keruen import reference
    from tests.portal.conftest import client_for

    page = client_for(alice, "kk").get(f"/{event.slug}/me/organisation/").content.decode()
    assert reference.isic_label("01", "kk") in page


def test_bad_organisation_input_changes_nothing(event, alice, as_alice) -> None:
    before = dict(alice.organisation.name), list(alice.organisation.sectors)
    for change, field in [
        ({"sectors": ["999"]}, "sectors"),
        ({"hs_codes": ["0000"]}, "hs_codes"),
        ({"website": "not a url"}, "website"),
        ({"name_en": "", "name_ru": ""}, "name_en"),
    ]:
        response = as_alice.post(f"/{event.slug}/me/organisation/", {**ORGANISATION, **change})
        assert field in response.context["form"].errors, field
        alice.organisation.refresh_from_db()
        assert (alice.organisation.name, alice.organisation.sectors) == before


def test_completeness_counts_what_is_missing(event, alice, as_alice) -> None:
    alice.title, alice.languages, alice.contact_email, alice.phone = {}, [], "", ""
    alice.save()
    alice.organisation.sectors = []
    alice.organisation.save()
    empty = profile_completeness(participant=alice)
    assert empty.percent == 0
    assert len(empty.missing) == 10
    as_alice.post(f"/{event.slug}/me/profile/", PROFILE)
    as_alice.post(f"/{event.slug}/me/organisation/", ORGANISATION)
    alice.refresh_from_db()
    alice.organisation.refresh_from_db()
    almost = profile_completeness(participant=alice)
    assert almost.percent == 90
    assert almost.missing == ["an offer or a request"]
    OpportunityFactory(organisation=alice.organisation)
    assert profile_completeness(participant=alice).percent == 100
    move_ahead(event)  # the home page shows it while the event is ahead
    assert "100%" in as_alice.get(f"/{event.slug}/me/").content.decode()


def test_a_form_sent_back_says_at_its_top_what_to_correct(event, alice, as_alice) -> None:
    """The first error may be far down a long form (on a phone, 1,300 px): the summary
    above it names each field and links to it."""
    response = as_alice.post(
        f"/{event.slug}/me/profile/", {**PROFILE, "contact_email": "nope", "given_name": ""}
    )
    page = response.content.decode()
    summary = page.partition('id="form-errors"')[2].partition("</div>")[0]
    assert "Some of the input needs correcting:" in summary
    assert 'href="#field-contact_email"' in summary
    assert 'href="#field-given_name"' in summary
    assert 'id="form-errors"' not in as_alice.get(f"/{event.slug}/me/profile/").content.decode()


def test_marking_the_slot_of_a_published_meeting_unavailable_warns(
    event, alice, bob, as_alice, slots, tables
) -> None:
    """The meeting stays (the partner counts on it) until the organisers move it."""
    from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=meeting, slot=slots[1], table=tables[0])
    schedule_publish(event=event, by=None)
    page = as_alice.post(
        f"/{event.slug}/me/profile/",
        {**PROFILE, "unavailable_slots": [slots[0].pk, slots[1].pk]},
        follow=True,
    ).content.decode()
    assert "Your profile is saved." in page
    assert f"where your meeting with {bob.display_name} is in the published schedule" in page
    assert page.count("is in the published schedule") == 1  # not for the free slot


def test_the_unavailability_picker_names_its_days_as_the_portal_does(event, slots) -> None:
    from keruen.portal.forms.base import slot_choices

    with translation.override("en"):
        days = [day for day, _slots in slot_choices(event)]
    with translation.override("ru"):
        days_ru = [day for day, _slots in slot_choices(event)]
    first = slots[0].start.astimezone(event.tz).date()
    assert days[0] == f"{first:%a} {first.day} {first:%b}"  # "Sat 27 Jun", not "2026-06-27"
    assert days_ru[0] != days[0]


def _published(event, slots, tables, *pairs):
    """Publish the meetings of ``pairs`` ((delegate, delegate, slot index), ...)."""
    from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
    from tests.factories import MeetingFactory

    draft = schedule_draft_get(event=event)
    for table, (first, second, at) in zip(tables, pairs, strict=False):
        meeting = MeetingFactory(event=event, participant_a=first, participant_b=second)
        schedule_entry_place(schedule=draft, meeting=meeting, slot=slots[at], table=table)
    schedule_publish(event=event, by=None)


def test_moving_the_arrival_past_a_published_meeting_warns(
    event, alice, bob, carol, as_alice, slots, tables
) -> None:
    """Told as a slot marked unavailable is: with the partner and the time on the event's
    clock; the organisers read the new arrival in their activity log."""
    from keruen.common.models import AuditLogEntry

    bob.name_latin = "Bob Latin"
    bob.save()
    _published(event, slots, tables, (alice, bob, 1), (carol, alice, 3))
    page = as_alice.post(
        f"/{event.slug}/me/profile/",
        {**PROFILE, "arrives_at": "2026-06-27T10:15"},
        follow=True,
    ).content.decode()
    assert "Your profile is saved." in page
    assert (
        f"Your meeting with {bob.display_name} (Bob Latin) at 27 Jun 2026, 10:00 in the "
        "published schedule starts before your arrival (27 Jun 2026, 10:15)"
    ) in page
    assert page.count("in the published schedule") == 1  # not the 11:00 one, with Carol
    change = AuditLogEntry.objects.filter(object_id=str(alice.pk), action="update").last()
    assert change is not None
    assert "arrives_at" in change.changes


def test_moving_the_departure_before_a_published_meeting_warns(
    event, alice, bob, carol, as_alice, slots, tables
) -> None:
    _published(event, slots, tables, (alice, carol, 0), (bob, alice, 1))
    page = as_alice.post(
        f"/{event.slug}/me/profile/",
        {**PROFILE, "departs_at": "2026-06-27T10:15"},
        follow=True,
    ).content.decode()
    # 10:00-10:30 ends after 10:15; 09:30-10:00 is over by then.
    assert f"with {bob.display_name} at 27 Jun 2026, 10:00 in the published schedule ends " in page
    assert "after your departure (27 Jun 2026, 10:15)" in page
    assert page.count("in the published schedule") == 1


def test_a_meeting_ruled_out_twice_is_warned_of_once(
    event, alice, bob, as_alice, slots, tables
) -> None:
    _published(event, slots, tables, (alice, bob, 0))
    page = as_alice.post(
        f"/{event.slug}/me/profile/",
        {**PROFILE, "arrives_at": "2026-06-27T10:15", "unavailable_slots": [slots[0].pk]},
        follow=True,
    ).content.decode()
    assert "You are now unavailable at 27 Jun 2026, 09:30" in page
    assert page.count("in the published schedule") == 1
