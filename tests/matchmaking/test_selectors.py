"""Suggestions with a deterministic word encoder: ranking, reasons, corrections, exclusions."""

from __future__ import annotations

import pytest

from keruen.common.errors import ValidationFailed
from keruen.matchmaking import selectors, services
from keruen.meetings.models import MeetingRequest
from tests.factories import MeetingFactory, MeetingRequestFactory, ParticipantFactory
from tests.matchmaking.conftest import GRAIN_OFFER, GRAIN_REQUEST, delegate


def ids(suggestions):
    return [s.participant_id for s in suggestions]


def test_the_matching_partner_comes_first(market):
    buyer, silos, tours, wind = market
    suggestions = selectors.suggestions_for_participant(participant=buyer)
    assert ids(suggestions)[0] == silos.pk
    assert set(ids(suggestions)) == {silos.pk, tours.pk, wind.pk}
    assert suggestions[0].organisation_name == "Silo Works"
    assert suggestions[0].score > suggestions[-1].score


def test_reasons_say_which_offer_answers_which_request(market):
    buyer, silos, tours, _ = market
    top = selectors.suggestions_for_participant(participant=buyer)[0]
    by_code = {r.code: r for r in top.reasons}
    match = by_code["opportunity_match"]
    assert match.data["direction"] == "their_offer_answers_your_request"
    assert match.data["their_opportunity_id"] == silos.organisation.opportunities.get().pk
    assert match.data["your_opportunity_id"] == buyer.organisation.opportunities.get().pk
    # Three offers in the event: none can stand out from the others, so it only "comes closest";
    # it is the silo maker's one offer, which "of their offers" would hide.
    assert match.text == (
        "Their only offer, “Steel grain silos”, comes closest to your request "
        "“Grain storage silos”."
    )
    assert by_code["shared_sectors"].text.startswith("Both in ")
    assert by_code["common_languages"].text == "You both speak Russian."
    tours_reasons = next(
        s
        for s in selectors.suggestions_for_participant(participant=buyer)
        if s.participant_id == tours.pk
    ).reasons
    interpreter = next(r for r in tours_reasons if r.code == "interpreter_needed")
    assert interpreter.text == "An interpreter is needed: they speak Uzbek."


GRAIN_DRYERS = ("offer", "en", "Grain dryers", "Mobile grain dryers for farms")


def _closest_text(viewer, partner_name: str) -> str:
    by_name = {
        s.organisation_name: s for s in selectors.suggestions_for_participant(participant=viewer)
    }
    [match] = [r for r in by_name[partner_name].reasons if r.code == "opportunity_match"]
    return match.text


def test_the_closest_of_several_offers_is_said_to_be_one_of_them(event, words):
    buyer = delegate(event, org_name="Buyer", opportunities=[GRAIN_REQUEST])
    delegate(event, org_name="Silo Works", opportunities=[GRAIN_OFFER, GRAIN_DRYERS])
    assert _closest_text(buyer, "Silo Works") == (
        "Of their offers, “Steel grain silos” comes closest to your request “Grain storage silos”."
    )


def test_the_viewers_only_offer_is_called_so(event, words):
    delegate(event, org_name="Buyer", opportunities=[GRAIN_REQUEST])
    maker = delegate(event, org_name="Silo Works", opportunities=[GRAIN_OFFER])
    assert _closest_text(maker, "Buyer") == (
        "Your only offer, “Steel grain silos”, comes closest to their request "
        "“Grain storage silos”."
    )
    # Another organisation's offer changes nothing; a second offer of the viewer's own (a
    # colleague's, say) makes it one of several again.
    delegate(event, org_name="Dryer Works", opportunities=[GRAIN_DRYERS])
    assert _closest_text(maker, "Buyer").startswith("Your only offer,")
    from tests.factories import OpportunityFactory

    OpportunityFactory(
        organisation=maker.organisation, direction="offer", language="en", title="Grain dryers"
    )
    assert _closest_text(maker, "Buyer") == (
        "Of your offers, “Steel grain silos” comes closest to their request “Grain storage silos”."
    )


def test_an_offer_that_stands_out_among_many_is_said_to_answer_the_request(event, words):
    buyer = delegate(event, org_name="Buyer", opportunities=[GRAIN_REQUEST])
    delegate(event, org_name="Silo Works", opportunities=[GRAIN_OFFER])
    products = "tours turbines cement tea carpets pumps buses honey wool tyres paper glass laptops"
    for n, product in enumerate(products.split()):
        offer = ("offer", "en", product.title(), f"{product} for export")
        delegate(event, org_name=f"Maker {n}", opportunities=[offer])
    services.event_embeddings_refresh(event=event)  # more than a page request encodes
    by_name = {
        s.organisation_name: s for s in selectors.suggestions_for_participant(participant=buyer)
    }
    [match] = [r for r in by_name["Silo Works"].reasons if r.code == "opportunity_match"]
    assert match.text == (
        "Their offer “Steel grain silos” answers your request “Grain storage silos”."
    )


def test_reason_shows_translation_in_the_readers_language(event, words):
    buyer = delegate(event, org_name="Buyer", opportunities=[GRAIN_REQUEST])
    maker = delegate(
        event,
        org_name="Maker",
        country="CN",
        opportunities=[("offer", "zh", "钢制粮仓 grain silos", "grain storage silos")],
    )
    opportunity = maker.organisation.opportunities.get()
    opportunity.translations = {"ru": {"title": "Стальные силосы", "body": "Силосы"}}
    opportunity.save()
    [top] = selectors.suggestions_for_participant(participant=buyer, language="ru")
    texts = [r.text for r in top.reasons if r.code == "opportunity_match"]
    assert "«钢制粮仓 grain silos» («Стальные силосы»)" in texts[0]
    [top_en] = selectors.suggestions_for_participant(participant=buyer, language="en")
    assert "Стальные" not in " ".join(r.text for r in top_en.reasons)


def test_feedback_changes_the_next_ranking(market):
    buyer, silos, _tours, wind = market
    services.suggestion_feedback_set(
        participant=buyer, organisation=silos.organisation, kind="met_before"
    )
    after = selectors.suggestions_for_participant(participant=buyer)
    moved = next(s for s in after if s.participant_id == silos.pk)
    assert moved.feedback == "met_before"
    assert "met_before" in [r.code for r in moved.reasons]
    services.suggestion_feedback_set(
        participant=buyer, organisation=wind.organisation, kind="not_interested"
    )
    assert wind.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    # Lists rank on the mutual score: a pair one side declined is not suggested either way.
    assert buyer.pk not in ids(selectors.suggestions_for_participant(participant=wind))


def test_met_before_ranks_lower(market):
    buyer, silos, *_ = market
    before = next(
        s.score
        for s in selectors.suggestions_for_participant(participant=buyer)
        if s.participant_id == silos.pk
    )
    services.suggestion_feedback_set(
        participant=buyer, organisation=silos.organisation, kind="met_before"
    )
    after = next(
        s.score
        for s in selectors.suggestions_for_participant(participant=buyer)
        if s.participant_id == silos.pk
    )
    assert after < before


@pytest.mark.parametrize("kind", ["competitor", "already_client"])
def test_competitor_and_client_remove_both_ways(market, kind):
    buyer, silos, *_ = market
    services.suggestion_feedback_set(participant=buyer, organisation=silos.organisation, kind=kind)
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    assert buyer.pk not in ids(selectors.suggestions_for_participant(participant=silos))


def test_own_organisation_and_other_events_are_never_suggested(market, other_event):
    buyer, _silos, *_ = market
    colleague = ParticipantFactory(event=buyer.event, organisation=buyer.organisation)
    stranger = delegate(other_event, org_name="Other Silos", opportunities=[GRAIN_OFFER])
    found = ids(selectors.suggestions_for_participant(participant=buyer))
    assert colleague.pk not in found
    assert stranger.pk not in found
    assert buyer.pk not in found
    assert buyer.pk not in ids(selectors.suggestions_for_participant(participant=stranger))


def test_one_person_per_organisation(market):
    buyer, silos, *_ = market
    second = ParticipantFactory(
        event=buyer.event, organisation=silos.organisation, languages=["zh"]
    )
    found = selectors.suggestions_for_participant(participant=buyer)
    assert [s.organisation_id for s in found].count(silos.organisation_id) == 1
    assert second.pk not in ids(found) or silos.pk not in ids(found)


def test_people_in_contact_are_left_out(market):
    buyer, silos, tours, wind = market
    MeetingRequestFactory(event=buyer.event, requester=buyer, target=silos)
    MeetingRequestFactory(
        event=buyer.event, requester=tours, target=buyer, status=MeetingRequest.Status.DECLINED
    )
    MeetingFactory(event=buyer.event, participant_a=wind, participant_b=buyer)
    assert ids(selectors.suggestions_for_participant(participant=buyer)) == [tours.pk]


def test_pending_and_rejected_delegates_are_not_suggested(market):
    buyer, *_ = market
    pending = delegate(
        buyer.event, org_name="Pending", status="pending", opportunities=[GRAIN_OFFER]
    )
    assert pending.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    assert selectors.suggestions_for_participant(participant=pending) == []


def test_limit(market):
    buyer, *_ = market
    assert len(selectors.suggestions_for_participant(participant=buyer, limit=1)) == 1
    with pytest.raises(ValidationFailed) as caught:
        selectors.suggestions_for_participant(participant=buyer, limit=0)
    assert caught.value.field == "limit"


def test_page_requests_encode_only_what_is_missing(market, words):
    buyer, *_ = market
    selectors.suggestions_for_participant(participant=buyer)  # few missing: encoded inline
    assert len(words.encoded) == 4
    words.encoded.clear()
    selectors.suggestions_for_participant(participant=buyer)
    assert words.encoded == []


def test_organiser_exclusion_removes_the_pair_both_ways(market):
    buyer, silos, *_ = market
    services.matchmaking_exclusion_create(
        event=buyer.event, organisation_a=silos.organisation, organisation_b=buyer.organisation
    )
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    assert buyer.pk not in ids(selectors.suggestions_for_participant(participant=silos))


def test_reasons_follow_the_requested_language_not_the_active_one(market):
    from django.utils import translation

    buyer, *_ = market
    with translation.override("en"):
        top = selectors.suggestions_for_participant(participant=buyer, language="ru")[0]
    languages = next(r for r in top.reasons if r.code == "common_languages")
    assert "Russian" not in languages.text  # the language name comes in Russian


def test_a_delegate_the_networking_rules_forbid_requesting_is_not_suggested(market):
    """Suggesting them would offer a "Request a meeting" that is then refused."""
    from keruen.events.services import request_rule_set
    from keruen.people.models import Participant

    buyer, silos, *_ = market
    Participant.objects.filter(pk=silos.pk).update(role=Participant.Role.GOVERNMENT)
    assert silos.pk in ids(selectors.suggestions_for_participant(participant=buyer))
    request_rule_set(
        event=buyer.event, requester_role=buyer.role, target_role="government", allowed=False
    )
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))


def test_a_partner_of_a_missed_meeting_is_not_suggested_again(market):
    """A no-show is still the pair's meeting: a second request to them is refused."""
    buyer, silos, *_ = market
    MeetingFactory(event=buyer.event, participant_a=silos, participant_b=buyer, status="no_show")
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
