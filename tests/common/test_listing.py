"""Change stamps and the cached catalogue lists: a write shows on the very next read."""

from __future__ import annotations

from django.urls import reverse

from keruen.common.listing import change_stamp
from keruen.marketplace.models import Opportunity
from keruen.people.models import Organisation
from tests.factories import OpportunityFactory, OrganisationFactory


def _stamp(event) -> str:
    return change_stamp(
        Organisation.objects.filter(event=event), Opportunity.objects.filter(event=event)
    )


def test_stamp_is_stable_while_nothing_changes(event):
    OrganisationFactory(event=event)
    assert _stamp(event) == _stamp(event)


def test_stamp_changes_on_insert_edit_and_delete(event):
    organisation = OrganisationFactory(event=event)
    seen = {_stamp(event)}
    OpportunityFactory(organisation=organisation)
    seen.add(_stamp(event))
    organisation.city = "Urumqi"
    organisation.save()
    seen.add(_stamp(event))
    Opportunity.objects.filter(organisation=organisation).delete()
    seen.add(_stamp(event))
    assert len(seen) == 4


def test_stamp_ignores_other_events(event, other_event):
    OrganisationFactory(event=event)
    before = _stamp(event)
    OrganisationFactory(event=other_event)
    assert _stamp(event) == before


def _organisations(client, event, query: str = "") -> str:
    return client.get(reverse("organisation-list", args=[event.slug]) + query).content.decode()


def test_organisation_list_shows_a_rename_and_a_deletion_at_once(client, event):
    organisation = OrganisationFactory(event=event, name={"en": "Steppe Grain"})
    assert "Steppe Grain" in _organisations(client, event)
    organisation.name = {"en": "Steppe Grain Holding"}
    organisation.save()
    assert "Steppe Grain Holding" in _organisations(client, event)
    organisation.delete()
    assert "Steppe Grain" not in _organisations(client, event)


def test_organisation_list_counts_a_new_offer_and_a_new_country(client, event):
    organisation = OrganisationFactory(event=event, name={"en": "Steppe Grain"})
    offers = '<td class="num" data-label="Offers and requests">{}</td>'
    html = _organisations(client, event)
    assert offers.format(0) in html
    assert 'value="UZ"' not in html
    OpportunityFactory(organisation=organisation)
    OrganisationFactory(event=event, country="UZ")
    html = _organisations(client, event)
    assert offers.format(1) in html
    assert 'value="UZ"' in html  # the country filter is cached under the same stamp


def test_cached_lists_differ_by_language_and_query(client, event):
    OrganisationFactory(event=event, name={"en": "Steppe Grain", "ru": "Степное зерно"})
    OrganisationFactory(event=event, name={"en": "Silk Road Cargo"}, country="CN")
    assert "Silk Road Cargo" not in _organisations(client, event, "?country=KZ")
    assert "Silk Road Cargo" in _organisations(client, event)
    client.cookies["django_language"] = "ru"
    assert "Степное зерно" in _organisations(client, event)


def test_opportunity_list_shows_a_new_and_a_withdrawn_entry_at_once(client, event):
    url = reverse("opportunity-list", args=[event.slug])
    offer = OpportunityFactory(organisation=OrganisationFactory(event=event), title="Cold store")
    assert "Cold store" in client.get(url).content.decode()
    offer.status = Opportunity.Status.REJECTED
    offer.save()
    assert "Cold store" not in client.get(url).content.decode()
    OpportunityFactory(organisation=offer.organisation, title="Reefer trucks")
    assert "Reefer trucks" in client.get(url).content.decode()
