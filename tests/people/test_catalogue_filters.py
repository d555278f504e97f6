"""Catalogue filters: HS code, type, spoken language and delegation for organisations;
HS code, country and kind for offers and requests; the same through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.marketplace.selectors import OpportunityFilters, opportunity_list_public
from keruen.people.selectors import (
    OrganisationFilters,
    organisation_countries,
    organisation_list_public,
)
from tests.factories import (
    DelegationFactory,
    OpportunityFactory,
    OrganisationFactory,
    ParticipantFactory,
)


@pytest.fixture
def catalogue(event):
    delegation = DelegationFactory(event=event, name={"en": "Delegation of Kazakhstan"})
    grain = OrganisationFactory(
        event=event, name={"en": "Steppe Grain"}, hs_codes=["1001"], delegation=delegation
    )
    ParticipantFactory(event=event, organisation=grain, languages=["kk", "ru"], public_listing=True)
    solar = OrganisationFactory(
        event=event, name={"en": "Sun Modules"}, country="CN", type="company"
    )
    ParticipantFactory(event=event, organisation=solar, languages=["zh"], public_listing=True)
    # An unlisted delegate's languages are not shown or searchable.
    ParticipantFactory(event=event, organisation=solar, languages=["hu"])
    OpportunityFactory(organisation=solar, title="TOPCon modules", hs_codes=["8541"])
    ministry = OrganisationFactory(event=event, name={"en": "Ministry of Trade"}, type="government")
    return grain, solar, ministry


def names(event, **query) -> set[str]:
    filters = OrganisationFilters.from_query(query)
    return {o.name["en"] for o in organisation_list_public(event=event, filters=filters)}


def test_hs_matches_own_codes_and_published_entries_by_chapter_or_heading(event, catalogue):
    assert names(event, hs="10") == {"Steppe Grain"}
    assert names(event, hs="1001") == {"Steppe Grain"}
    assert names(event, hs="85") == {"Sun Modules"}  # through its published offer
    assert names(event, hs="8541") == {"Sun Modules"}
    assert names(event, hs="8542") == set()


def test_unpublished_entries_do_not_count_for_hs(event, catalogue):
    _, solar, _ = catalogue
    solar.opportunities.update(status="draft")
    assert names(event, hs="85") == set()


def test_type_language_and_delegation(event, catalogue):
    grain, *_ = catalogue
    assert names(event, type="government") == {"Ministry of Trade"}
    assert names(event, language="kk") == {"Steppe Grain"}
    assert names(event, language="zh") == {"Sun Modules"}
    assert names(event, language="hu") == set()
    assert names(event, delegation=str(grain.delegation_id)) == {"Steppe Grain"}


@pytest.mark.parametrize(
    "query", [{"hs": "99999"}, {"hs": "77"}, {"language": "klingon"}, {"delegation": "x"}]
)
def test_bad_filter_values_are_dropped(event, catalogue, query):
    assert len(names(event, **query)) == 3


def test_offers_by_hs_country_and_kind(event, catalogue):
    OpportunityFactory(
        organisation=OrganisationFactory(event=event, country="UZ"),
        title="Cotton yarn",
        kind="service",
        hs_codes=["5205"],
    )

    def titles(**query) -> set[str]:
        filters = OpportunityFilters.from_query(query)
        return {o.title for o in opportunity_list_public(event=event, filters=filters)}

    assert titles(hs="85") == {"TOPCon modules"}
    assert titles(country="uz") == {"Cotton yarn"}
    assert titles(kind="service") == {"Cotton yarn"}
    assert titles(hs="52", country="CN") == set()


def test_filter_menus_on_the_page(client, event, catalogue):
    html = client.get(reverse("organisation-list", args=[event.slug]) + "?hs=10").content.decode()
    assert "Steppe Grain" in html
    assert "Sun Modules" not in html
    assert 'value="10" selected' in html
    assert "Delegation of Kazakhstan" in html
    spoken = html.split('<form method="get"')[1].split('name="language"')[1].split("</select>")[0]
    assert 'value="kk"' in spoken  # listed delegates speak it
    assert 'value="zh"' in spoken
    assert 'value="hu"' not in spoken
    client.cookies["django_language"] = "ru"
    html = client.get(reverse("organisation-list", args=[event.slug])).content.decode()
    assert "Все группы ТН ВЭД" in html
    spoken = html.split('<form method="get"')[1].split('name="language"')[1].split("</select>")[0]
    assert "казахский" in spoken.lower()


def test_offer_page_filters(client, event, catalogue):
    url = reverse("opportunity-list", args=[event.slug])
    html = client.get(url + "?hs=85&country=CN").content.decode()
    assert "TOPCon modules" in html
    assert 'value="CN" selected' in html


def test_each_country_is_offered_once(event, catalogue):
    OrganisationFactory(event=event, name={"en": "Second Chinese firm"}, country="CN")
    codes = [code for code, _ in organisation_countries(event=event, language="en")]
    assert sorted(codes) == sorted(set(codes))
    assert codes.count("CN") == 1


def _options(html: str, name: str) -> list[str]:
    menu = html.split('<form method="get"')[1].split(f'name="{name}"')[1].split("</select>")[0]
    return [part.split('"', 1)[0] for part in menu.split('value="')[1:] if part[0] != '"']


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Kazakh alphabet: а ә … к қ … о ө … р; code points put Р first and Ә, Ө last.
        ("kk", ["AZ", "KZ", "CN", "UZ", "RU"]),
        ("ru", ["AZ", "KZ", "CN", "RU", "UZ"]),
        ("en", ["AZ", "CN", "KZ", "RU", "UZ"]),
    ],
)
def test_country_menus_are_in_the_readers_alphabetical_order(client, event, language, expected):
    for country in ("RU", "CN", "UZ", "AZ", "KZ"):
        OrganisationFactory(event=event, country=country)
    codes = [code for code, _ in organisation_countries(event=event, language=language)]
    assert codes == expected
    client.cookies["django_language"] = language
    for page in ("opportunity-list", "organisation-list", "exhibitor-list"):
        html = client.get(reverse(page, args=[event.slug])).content.decode()
        assert _options(html, "country") == expected, page


def test_spoken_language_menu_is_in_kazakh_alphabetical_order(client, event):
    organisation = OrganisationFactory(event=event)
    ParticipantFactory(
        event=event,
        organisation=organisation,
        languages=["uz", "ru", "kk", "az"],
        public_listing=True,
    )
    client.cookies["django_language"] = "kk"
    html = client.get(reverse("organisation-list", args=[event.slug])).content.decode()
    # Әзірбайжан, Қазақ, Орыс, Өзбек: not О, Қ, Ә, Ө as code points have them.
    assert _options(html, "language") == ["az", "kk", "ru", "uz"]
