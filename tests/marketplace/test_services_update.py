"""Editing an offer or request: a change sends it back for review, no change leaves it be."""

from __future__ import annotations

from keruen.marketplace import services
from keruen.marketplace.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory

FIELDS = {
    "direction": "offer",
    "kind": "product",
    "language": "en",
    "title": "Grain silos, 10,000 t",
    "body": "Turnkey steel grain silos with aeration and temperature monitoring.",
    "translations": {},
    "sectors": ["A", "01"],
    "hs_codes": ["10", "1001"],
    "target_countries": ["KZ", "UZ"],
}


def test_an_unchanged_save_keeps_a_published_offer_published(event) -> None:
    offer = OpportunityFactory(
        organisation=OrganisationFactory(event=event),
        **{name: FIELDS[name] for name in ("sectors", "hs_codes", "target_countries")},
    )
    stamp = offer.updated_at
    # The same codes in another order, spaces around the title: no change either.
    services.opportunity_update(
        opportunity=offer,
        **{**FIELDS, "title": " Grain silos, 10,000 t ", "target_countries": ["UZ", "KZ"]},
    )
    offer.refresh_from_db()
    assert (offer.status, offer.updated_at) == ("published", stamp)
    assert offer.target_countries == ["KZ", "UZ"]


def test_a_change_sends_it_back_to_draft(event) -> None:
    offer = OpportunityFactory(organisation=OrganisationFactory(event=event))
    services.opportunity_update(opportunity=offer, title="Grain silos, 20,000 t")
    offer.refresh_from_db()
    assert (offer.status, offer.title) == ("draft", "Grain silos, 20,000 t")


def test_an_edit_from_a_stale_copy_keeps_the_review_decided_meanwhile(event) -> None:
    offer = OpportunityFactory(organisation=OrganisationFactory(event=event), status="pending")
    stale = Opportunity.objects.get(pk=offer.pk)
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=offer.pk), status="rejected", note="Which port?"
    )
    services.opportunity_update(opportunity=stale, **{**FIELDS, "title": offer.title})
    offer.refresh_from_db()
    # Changed (the codes), so a draft again; the organisers' note stays for the author.
    assert (offer.status, offer.review_note, offer.hs_codes) == (
        "draft",
        "Which port?",
        ["10", "1001"],
    )
    # Nothing changed since: the review stands as decided.
    services.opportunity_set_status(
        opportunity=Opportunity.objects.get(pk=offer.pk), status="pending"
    )
    services.opportunity_update(opportunity=stale, **{**FIELDS, "title": offer.title})
    offer.refresh_from_db()
    assert offer.status == "pending"
