"""Two colleagues with the same form open: both saves stand, and only a real clash is refused."""

from __future__ import annotations

import pytest

from keruen.people import profiles as people_profiles
from tests.factories import (
    EventFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
)
from tests.portal.conftest import client_for
from tests.portal.test_profile_resubmit import form_data, form_of, saved, submit


@pytest.fixture
def coming(db):
    return EventFactory(coming=True)


@pytest.fixture
def colleagues(coming):
    organisation = OrganisationFactory(
        event=coming,
        city="Astana",
        name={"en": "KazGrain", "ru": "КазГрейн"},
        description={"en": "Grain exporter.", "ru": "Экспортёр зерна."},
    )
    aigerim, wang = (ParticipantFactory(event=coming, organisation=organisation) for _ in "ab")
    return organisation, client_for(aigerim), client_for(wang)


def test_a_stale_form_does_not_undo_a_colleagues_save(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, city="Almaty"))
    # Wang's page still shows Astana; he only writes the Chinese name.
    assert saved(submit(wang, url, his, name_zh_hans="哈萨克粮食"))
    organisation.refresh_from_db()
    assert organisation.city == "Almaty"
    assert organisation.name == {"en": "KazGrain", "ru": "КазГрейн", "zh-hans": "哈萨克粮食"}


def test_two_languages_of_one_text_are_merged(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, description_kk="Астық экспорттаушысы."))
    assert saved(submit(wang, url, his, description_zh_hans="粮食出口商。"))
    organisation.refresh_from_db()
    assert organisation.description == {
        "en": "Grain exporter.",
        "ru": "Экспортёр зерна.",
        "kk": "Астық экспорттаушысы.",
        "zh-hans": "粮食出口商。",
    }


def test_the_same_text_edited_by_both_is_refused_then_kept_on_purpose(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, description_ru="Экспортёр пшеницы.", city="Almaty"))
    clash = submit(wang, url, his, description_ru="Экспортёр ячменя.")
    assert clash.status_code == 200
    errors = clash.context["form"].errors
    assert list(errors) == ["description_ru"]
    assert "it now reads “Экспортёр пшеницы.”" in errors["description_ru"][0]
    organisation.refresh_from_db()
    assert organisation.description["ru"] == "Экспортёр пшеницы."  # nothing was written
    # The form that came back shows her city now, and keeps his text.
    again = form_of(clash)
    assert again["city"] == ["Almaty"]
    assert again["description_ru"] == ["Экспортёр ячменя."]
    # Saving it again keeps his text on purpose, and her city.
    assert saved(wang.post(url, again))
    organisation.refresh_from_db()
    assert organisation.description["ru"] == "Экспортёр ячменя."
    assert organisation.city == "Almaty"


def test_the_same_change_on_both_sides_is_no_clash(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, city="Almaty"))
    assert saved(submit(wang, url, his, city="Almaty", website="https://kazgrain.example.com"))
    organisation.refresh_from_db()
    assert (organisation.city, organisation.website) == ("Almaty", "https://kazgrain.example.com")


def test_an_offer_edited_by_two_colleagues_keeps_both_edits(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    offer = OpportunityFactory(organisation=organisation, hs_codes=["1001"])
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, title="Grain silos, 20,000 t"))
    assert saved(submit(wang, url, his, hs_codes=["1001", "8437"]))
    offer.refresh_from_db()
    assert offer.title == "Grain silos, 20,000 t"
    assert sorted(offer.hs_codes) == ["1001", "8437"]


def test_an_organisers_change_to_a_profile_is_not_undone_by_the_open_form(coming) -> None:
    delegate = ParticipantFactory(event=coming, phone="+7 701 555 0101")
    client = client_for(delegate)
    url = f"/{coming.slug}/me/profile/"
    mine = form_data(client, url)
    # The organisers correct the phone number meanwhile (the desk, the console, the API).
    people_profiles.participant_update_profile(participant=delegate, phone="+7 701 555 0199")
    assert saved(submit(client, url, mine, title_en="Export director"))
    delegate.refresh_from_db()
    assert delegate.phone == "+7 701 555 0199"
    assert delegate.title["en"] == "Export director"


def test_a_form_without_its_base_still_saves_what_differs(coming, colleagues) -> None:
    """A page opened before an upgrade posts no base: the old rule, what differs is written."""
    organisation, aigerim, _wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    data = form_data(aigerim, url)
    data["base"] = ["not json"]
    assert saved(submit(aigerim, url, data, city="Almaty"))
    organisation.refresh_from_db()
    assert organisation.city == "Almaty"


def test_two_emptied_languages_do_not_merge_into_no_name(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, name_en=""))  # the Russian name is left
    refused = submit(wang, url, his, name_ru="")  # his form still shows the English one
    errors = refused.context["form"].errors
    assert "Give the name in at least one language" in str(errors)
    organisation.refresh_from_db()
    assert organisation.name == {"ru": "КазГрейн"}


def test_two_halves_of_one_translation_are_merged(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    offer = OpportunityFactory(
        organisation=organisation,
        translations={"ru": {"title": "Силосы", "body": "Стальные силосы."}},
    )
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, title_ru="Зерновые силосы"))
    assert saved(submit(wang, url, his, body_ru="Стальные силосы на 10 000 т."))
    offer.refresh_from_db()
    assert offer.translations == {
        "ru": {"title": "Зерновые силосы", "body": "Стальные силосы на 10 000 т."}
    }


def test_a_colleagues_translation_into_the_new_language_is_a_clash(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    offer = OpportunityFactory(organisation=organisation)  # written in English
    url = f"/{coming.slug}/me/offers/{offer.pk}/edit/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, title_ru="Силосы", body_ru="Стальные силосы."))
    # Wang rewrites the offer in Russian: her translation into Russian would be hidden.
    clash = submit(
        wang, url, his, language="ru", title="Силосы для зерна", body="Стальные силосы, 10 000 т."
    )
    errors = clash.context["form"].errors
    assert sorted(errors) == ["body_ru", "title_ru"]
    assert "it now reads “Силосы”" in errors["title_ru"][0]
    # Saving again keeps his version: the text in Russian, her translation dropped.
    assert saved(wang.post(url, form_of(clash)))
    offer.refresh_from_db()
    assert (offer.language, offer.title, offer.translations) == ("ru", "Силосы для зерна", {})


def test_slots_marked_in_another_tab_are_not_undone(coming) -> None:
    from tests.factories import SlotFactory

    delegate = ParticipantFactory(event=coming)
    first, second = (SlotFactory(event=coming, number=n) for n in (1, 2))
    url = f"/{coming.slug}/me/profile/"
    old_tab, new_tab = client_for(delegate), client_for(delegate)
    stale, fresh = form_data(old_tab, url), form_data(new_tab, url)
    assert saved(submit(new_tab, url, fresh, unavailable_slots=[str(first.pk)]))
    assert saved(submit(old_tab, url, stale, phone="+7 701 555 0101"))
    delegate.refresh_from_db()
    assert list(delegate.unavailable_slots.all()) == [first]
    assert delegate.phone == "+7 701 555 0101"
    # One tab frees the first slot while the other marks the second: both changes stand.
    again = form_data(old_tab, url)
    assert saved(submit(new_tab, url, form_data(new_tab, url), unavailable_slots=[]))
    assert saved(submit(old_tab, url, again, unavailable_slots=[str(first.pk), str(second.pk)]))
    assert list(delegate.unavailable_slots.all()) == [second]


def test_sectors_and_codes_added_by_two_colleagues_are_all_kept(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    organisation.sectors, organisation.hs_codes = ["01"], ["1001"]
    organisation.save()
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, sectors=["01", "10"], hs_codes=[]))
    # Wang's page still shows 01 and 1001; he adds a sector and an HS code of his own.
    assert saved(submit(wang, url, his, sectors=["01", "52"], hs_codes=["1001", "8437"]))
    organisation.refresh_from_db()
    assert sorted(organisation.sectors) == ["01", "10", "52"]
    assert organisation.hs_codes == ["8437"]  # her removal of 1001 stands too


def test_after_a_clash_the_form_ticks_the_sectors_a_colleague_added(coming, colleagues) -> None:
    organisation, aigerim, wang = colleagues
    url = f"/{coming.slug}/me/organisation/"
    hers, his = form_data(aigerim, url), form_data(wang, url)
    assert saved(submit(aigerim, url, hers, city="Almaty", sectors=["10"]))
    refused = submit(wang, url, his, city="Shymkent")
    assert refused.status_code == 200
    returned = form_of(refused)
    assert returned["sectors"] == ["10"]
    assert saved(submit(wang, url, returned, city="Shymkent"))
    organisation.refresh_from_db()
    assert (organisation.city, organisation.sectors) == ("Shymkent", ["10"])


def test_after_a_clash_the_form_shows_the_arrival_a_colleague_changed(coming) -> None:
    """An instant changed meanwhile is shown like any other value: on the event's clock, as
    the picker reads it, and saving again keeps it."""
    from django.utils import timezone

    delegate = ParticipantFactory(event=coming, phone="+7 701 555 0101")
    url = f"/{coming.slug}/me/profile/"
    old_tab, new_tab = client_for(delegate), client_for(delegate)
    stale, fresh = form_data(old_tab, url), form_data(new_tab, url)
    arrival = f"{coming.start_date:%Y-%m-%d}T09:30"  # on the event's clock (Shanghai)
    assert saved(submit(new_tab, url, fresh, arrives_at=arrival, phone="+7 701 555 0102"))
    refused = submit(old_tab, url, stale, phone="+7 701 555 0199")
    assert list(refused.context["form"].errors) == ["phone"]
    returned = form_of(refused)
    assert returned["arrives_at"] == [arrival]
    assert returned["phone"] == ["+7 701 555 0199"]
    assert saved(submit(old_tab, url, returned))
    delegate.refresh_from_db()
    assert delegate.phone == "+7 701 555 0199"
    assert timezone.localtime(delegate.arrives_at, coming.tz).strftime("%Y-%m-%dT%H:%M") == arrival


def test_a_clash_on_an_arrival_says_it_on_the_events_clock(coming) -> None:
    delegate = ParticipantFactory(event=coming)
    url = f"/{coming.slug}/me/profile/"
    old_tab, new_tab = client_for(delegate), client_for(delegate)
    stale, fresh = form_data(old_tab, url), form_data(new_tab, url)
    day = coming.start_date
    assert saved(submit(new_tab, url, fresh, arrives_at=f"{day:%Y-%m-%d}T09:30"))
    refused = submit(old_tab, url, stale, arrives_at=f"{day:%Y-%m-%d}T11:00")
    errors = refused.context["form"].errors
    assert list(errors) == ["arrives_at"]
    assert f"it now reads “{day:%-d %b %Y}, 09:30”" in errors["arrives_at"][0]
