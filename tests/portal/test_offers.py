"""The delegate's offers and requests: create, edit, submit for review; only their own."""

from __future__ import annotations

from keruen.marketplace.models import Opportunity
from tests.factories import OpportunityFactory, OrganisationFactory, ParticipantFactory

OFFER = {
    "direction": "offer",
    "kind": "product",
    "language": "ru",
    "title": "Зерноуборочные комбайны",
    "body": "Комбайны с доставкой в Алматы.",
    "sectors": ["28"],
    "hs_codes": ["8433"],
    "target_countries": ["KZ"],
    "title_en": "Combine harvesters",
    "body_en": "Harvesters delivered to Almaty.",
}


def test_create_edit_submit(event, alice, as_alice) -> None:
    response = as_alice.post(f"/{event.slug}/me/offers/new/", OFFER)
    assert response.status_code == 302, response.context["form"].errors
    offer = Opportunity.objects.get(organisation=alice.organisation)
    assert (offer.status, offer.language, offer.author) == ("draft", "ru", alice)
    assert offer.translations == {
        "en": {"title": "Combine harvesters", "body": "Harvesters delivered to Almaty."}
    }
    assert as_alice.post(f"/{event.slug}/me/offers/{offer.pk}/submit/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == "pending"
    # Editing a reviewed offer sends it back to draft.
    edited = {**OFFER, "title": "Комбайны, новая модель"}
    assert as_alice.post(f"/{event.slug}/me/offers/{offer.pk}/edit/", edited).status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.status) == ("Комбайны, новая модель", "draft")
    page = as_alice.get(f"/{event.slug}/me/offers/").content.decode()
    assert "Комбайны, новая модель" in page


def test_submit_twice_is_refused_politely(event, alice, as_alice) -> None:
    offer = OpportunityFactory(organisation=alice.organisation, status="pending")
    response = as_alice.post(f"/{event.slug}/me/offers/{offer.pk}/submit/", follow=True)
    # The status as the delegate reads it ("pending review"), not its code ("pending").
    assert "This offer or request is already “pending review”." in response.content.decode()


def test_bad_offer_input_names_the_field_and_creates_nothing(event, as_alice) -> None:
    for change, field in [
        ({"title": ""}, "title"),
        ({"language": "de"}, "language"),
        ({"hs_codes": ["77"]}, "hs_codes"),  # reserved: no goods are classified there
        ({"body_en": ""}, "body_en"),
        ({"direction": "gift"}, "direction"),
    ]:
        response = as_alice.post(f"/{event.slug}/me/offers/new/", {**OFFER, **change})
        assert response.status_code == 200
        assert field in response.context["form"].errors, field
    assert not Opportunity.objects.exists()


def test_only_my_organisations_offers(event, other_event, alice, bob, as_alice) -> None:
    theirs = OpportunityFactory(organisation=bob.organisation, status="draft")
    elsewhere = OpportunityFactory(organisation=OrganisationFactory(event=other_event))
    for offer in (theirs, elsewhere):
        assert as_alice.get(f"/{event.slug}/me/offers/{offer.pk}/edit/").status_code == 404
        assert as_alice.post(f"/{event.slug}/me/offers/{offer.pk}/edit/", OFFER).status_code == 404
        assert as_alice.post(f"/{event.slug}/me/offers/{offer.pk}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.title) == ("draft", "Grain silos, 10,000 t")
    assert "Grain silos" not in as_alice.get(f"/{event.slug}/me/offers/").content.decode()


def test_colleague_sees_the_organisations_offers(event, alice) -> None:
    from tests.portal.conftest import client_for

    colleague = ParticipantFactory(event=event, organisation=alice.organisation)
    offer = OpportunityFactory(organisation=alice.organisation, author=alice, status="draft")
    page = client_for(colleague).get(f"/{event.slug}/me/offers/").content.decode()
    assert offer.title in page


def test_offer_list_query_count(event, alice, as_alice, django_assert_max_num_queries) -> None:
    for _ in range(25):
        OpportunityFactory(organisation=alice.organisation, status="draft")
    with django_assert_max_num_queries(8):
        assert as_alice.get(f"/{event.slug}/me/offers/").status_code == 200


def test_editing_a_published_offer_says_it_leaves_the_catalogue(event, alice, as_alice) -> None:
    """A published offer that is edited goes back to draft (out of the catalogue and of the
    suggestions until approved again): the form says so before, a message after."""
    offer = OpportunityFactory(
        organisation=alice.organisation, author=alice, status=Opportunity.Status.PUBLISHED
    )
    url = f"/{event.slug}/me/offers/{offer.pk}/edit/"
    form = as_alice.get(url).content.decode()
    assert 'id="back-to-draft"' in form
    assert "it leaves the catalogue and the suggestions" in form
    response = as_alice.post(url, {**OFFER, "title": "Комбайны, новая модель"}, follow=True)
    offer.refresh_from_db()
    assert offer.status == Opportunity.Status.DRAFT  # the moderation rule stands
    page = response.content.decode()
    assert "is no longer in the catalogue or in the suggestions" in page
    assert "Submit it for review to have it published again." in page


def test_a_new_text_is_first_taken_to_be_in_the_language_of_the_site(event, as_alice) -> None:
    for site_language, written_in in (("ru", "ru"), ("zh-hans", "zh"), ("en", "en")):
        as_alice.cookies["django_language"] = site_language
        form = as_alice.get(f"/{event.slug}/me/offers/new/").context["form"]
        assert form["language"].value() == written_in
