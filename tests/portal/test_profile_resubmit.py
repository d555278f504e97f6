"""Saving a profile, organisation or offer form as the page shows it: nothing is lost, nothing
is changed that the delegate did not change, and a stored value never blocks another edit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from keruen.common.models import AuditLogEntry
from keruen.marketplace.models import Opportunity
from keruen.people.models import ORGANISATION_DESCRIPTION_MAX, ORGANISATION_NAME_MAX
from tests.factories import (
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
)
from tests.html_forms import read_form, submit
from tests.portal.conftest import client_for


def form_data(client: Any, url: str) -> dict[str, list[str]]:
    """What a browser would post for the page's form if nobody touched it."""
    page = client.get(url)
    assert page.status_code == 200
    return form_of(page)


def form_of(page: Any) -> dict[str, list[str]]:
    """The portal form of a page (a response) as a browser would post it."""
    return read_form(page, lambda form: "portal-form" in form.get("class", ""), first=True)


def resubmit(client: Any, url: str, **changes: Any) -> Any:
    """GET the form, change what a delegate would change, POST the rest as shown."""
    return submit(client, url, form_data(client, url), **changes)


def saved(response: Any) -> bool:
    assert response.status_code in (200, 302)
    assert response.status_code == 302, response.context["form"].errors
    return True


@pytest.fixture
def coming(db):
    return EventFactory(coming=True)


# --- Whole ISIC sections and HS chapters (the import's "10;1001") -----------------------------


def test_organisation_keeps_sections_and_chapters_when_the_city_changes(coming) -> None:
    organisation = OrganisationFactory(event=coming, sectors=["A", "01"], hs_codes=["10", "1001"])
    alice = ParticipantFactory(event=coming, organisation=organisation)
    url = f"/{coming.slug}/me/organisation/"
    assert saved(resubmit(client_for(alice), url, city="Almaty"))
    organisation.refresh_from_db()
    assert organisation.city == "Almaty"
    assert (organisation.sectors, organisation.hs_codes) == (["A", "01"], ["10", "1001"])


def test_offer_keeps_sections_and_chapters_when_the_title_changes(coming) -> None:
    alice = ParticipantFactory(event=coming)
    offer = OpportunityFactory(
        organisation=alice.organisation, sectors=["A", "01"], hs_codes=["10", "1001"]
    )
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    assert saved(resubmit(client_for(alice), url, title="Wheat, 2026 crop"))
    offer.refresh_from_db()
    assert offer.title == "Wheat, 2026 crop"
    assert (offer.sectors, offer.hs_codes) == (["A", "01"], ["10", "1001"])


def test_a_whole_section_or_chapter_can_be_chosen_in_the_readers_language(coming) -> None:
    import re

    from keruen import reference

    alice = ParticipantFactory(event=coming)
    page = client_for(alice, "ru").get(f"/{coming.slug}/me/organisation/").content.decode()
    options = dict(re.findall(r'<option value="(\w+)"[^>]*>([^<]*)</option>', page))
    assert options["B"].startswith("B — ")
    assert options["B"].endswith(reference.isic_label("B", "ru"))
    assert options["10"].endswith(reference.hs_label("10", "ru"))
    # Chapter 93 (arms) has no curated heading: it is offered all the same.
    assert options["93"].endswith(reference.hs_label("93", "ru"))
    url = f"/{coming.slug}/me/organisation/"
    assert saved(resubmit(client_for(alice), url, sectors=["B"], hs_codes=["93", "1001"]))
    alice.organisation.refresh_from_db()
    assert (alice.organisation.sectors, alice.organisation.hs_codes) == (["B"], ["93", "1001"])


# --- The import's text limits -----------------------------------------------------------------


def test_an_imported_long_name_and_description_stay_editable(coming) -> None:
    organisation = OrganisationFactory(
        event=coming,
        name={"en": "N" * ORGANISATION_NAME_MAX},
        description={"en": "Grain. " * 430},  # 3,010 characters
    )
    alice = ParticipantFactory(event=coming, organisation=organisation)
    assert saved(resubmit(client_for(alice), f"/{coming.slug}/me/organisation/", city="Almaty"))
    organisation.refresh_from_db()
    assert organisation.city == "Almaty"
    assert organisation.description == {"en": ("Grain. " * 430).strip()}


def test_the_form_and_the_import_take_the_same_lengths(coming) -> None:
    from keruen.imports.kinds.organisations import COLUMNS

    limits = {column.name: column for column in COLUMNS}
    assert limits["name_en"].parse("N" * ORGANISATION_NAME_MAX)
    assert limits["description_ru"].parse("D" * ORGANISATION_DESCRIPTION_MAX)
    alice = ParticipantFactory(event=coming)
    url = f"/{coming.slug}/me/organisation/"
    response = resubmit(
        client_for(alice), url, description_en="D" * (ORGANISATION_DESCRIPTION_MAX + 1)
    )
    assert "description_en" in response.context["form"].errors


# --- What the delegate did not change ---------------------------------------------------------


def test_an_arrival_outside_the_window_does_not_block_a_phone_edit(coming) -> None:
    alice = ParticipantFactory(event=coming)
    early = dt.datetime.combine(coming.start_date - dt.timedelta(days=10), dt.time(12, 0, 30))
    alice.arrives_at = early.replace(tzinfo=dt.UTC)  # seconds: the picker shows minutes only
    alice.save()
    url = f"/{coming.slug}/me/profile/"
    assert saved(resubmit(client_for(alice), url, phone="+7 701 555 0101"))
    alice.refresh_from_db()
    assert (alice.phone, alice.arrives_at) == ("+7 701 555 0101", early.replace(tzinfo=dt.UTC))
    # An arrival being changed is still held to the window.
    earlier = f"{coming.start_date - dt.timedelta(days=11):%Y-%m-%d}T12:00"
    response = resubmit(client_for(alice), url, arrives_at=earlier)
    assert "arrives_at" in response.context["form"].errors


def test_an_unchanged_profile_save_logs_no_change_of_languages(coming) -> None:
    alice = ParticipantFactory(
        event=coming, languages=["ru", "en", "kk"], target_countries=["UZ", "CN"]
    )
    before = AuditLogEntry.objects.count()
    assert saved(resubmit(client_for(alice), f"/{coming.slug}/me/profile/", phone="+77015550101"))
    alice.refresh_from_db()
    assert alice.languages == ["ru", "en", "kk"]  # the delegate's order, not the list's
    assert alice.target_countries == ["UZ", "CN"]
    changes = [entry.changes for entry in AuditLogEntry.objects.order_by("id")[before:]]
    assert changes == [{"phone": ["", "+77015550101"]}]


def test_changed_unavailable_slots_reach_the_audit_log(coming) -> None:
    alice = ParticipantFactory(event=coming)
    first, second = (SlotFactory(event=coming, number=n) for n in (1, 2))
    alice.unavailable_slots.set([first])
    url = f"/{coming.slug}/me/profile/"
    before = AuditLogEntry.objects.count()
    assert saved(resubmit(client_for(alice), url, unavailable_slots=[str(second.pk)]))
    assert list(alice.unavailable_slots.all()) == [second]
    entries = list(AuditLogEntry.objects.order_by("id")[before:])
    assert [(e.object_id, e.changes) for e in entries] == [
        (
            str(alice.pk),
            # Slot 1 starts 09:30 UTC, 17:30 in Shanghai; slot 2 half an hour later.
            {
                "action": "unavailable_slots",
                "before": "2026-06-27 17:30",
                "after": "2026-06-27 18:00",
            },
        )
    ]
    # The same slots again: nothing to log.
    assert saved(resubmit(client_for(alice), url))
    assert AuditLogEntry.objects.count() == before + 1


def test_an_unchanged_published_offer_stays_published(coming) -> None:
    alice = ParticipantFactory(event=coming)
    offer = OpportunityFactory(organisation=alice.organisation, sectors=["01"])
    stamp = offer.updated_at
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    as_alice = client_for(alice)
    response = resubmit(as_alice, url)
    assert saved(response)
    offer.refresh_from_db()
    assert (offer.status, offer.updated_at) == (Opportunity.Status.PUBLISHED, stamp)
    page = as_alice.get(response.url).content.decode()
    assert "Nothing changed: it stays “published”." in page
