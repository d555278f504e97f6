"""The prepared event pool and the memoised lists: reused while nothing changed, exact after
any change, and the cached correction forms still carry a valid CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from keruen.matchmaking import selectors, services
from keruen.matchmaking.models import MatchmakingExclusion
from keruen.matchmaking.profiles import prepared_event
from keruen.meetings.services import (
    meeting_cancel,
    meeting_request_accept,
    meeting_request_decline,
)
from tests.factories import MeetingRequestFactory
from tests.matchmaking.conftest import GRAIN_OFFER, delegate
from tests.matchmaking.test_selectors import ids


def test_prepared_pool_is_reused_until_the_event_changes(market):
    buyer, silos, *_ = market
    first = prepared_event(event_id=buyer.event_id, viewer=buyer)
    assert prepared_event(event_id=buyer.event_id, viewer=silos) is first
    silos.languages = ["zh", "ru", "en"]
    silos.save()
    assert prepared_event(event_id=buyer.event_id, viewer=buyer) is not first


def test_a_new_partner_appears_on_the_next_view(market):
    buyer, *_ = market
    before = ids(selectors.suggestions_for_participant(participant=buyer))
    newcomer = delegate(buyer.event, org_name="Aral Silos", opportunities=[GRAIN_OFFER])
    after = ids(selectors.suggestions_for_participant(participant=buyer))
    assert newcomer.pk not in before
    assert newcomer.pk in after


def test_a_withdrawn_offer_leaves_on_the_next_view(market):
    buyer, silos, *_ = market
    assert silos.pk in ids(selectors.suggestions_for_participant(participant=buyer))
    offer = silos.organisation.opportunities.get()
    offer.status = "rejected"
    offer.save()
    found = selectors.suggestions_for_participant(participant=buyer)
    assert all("Steel grain silos" not in r.text for s in found for r in s.reasons)


@pytest.mark.usefixtures("requests_open")
def test_memoised_list_follows_corrections_contacts_and_exclusions(market):
    buyer, silos, tours, wind = market
    assert ids(selectors.suggestions_for_participant(participant=buyer))[0] == silos.pk
    services.suggestion_feedback_set(
        participant=buyer, organisation=wind.organisation, kind="not_interested"
    )
    assert wind.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    request = MeetingRequestFactory(event=buyer.event, requester=buyer, target=silos)
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    meeting_request_decline(request=request, by=silos)
    assert silos.pk in ids(selectors.suggestions_for_participant(participant=buyer))
    meeting = meeting_request_accept(
        request=MeetingRequestFactory(event=buyer.event, requester=silos, target=buyer), by=buyer
    )
    assert silos.pk not in ids(selectors.suggestions_for_participant(participant=buyer))
    accepted_at = meeting.updated_at
    assert meeting_cancel(meeting=meeting, by=buyer).updated_at > accepted_at  # it moves stamps
    low, high = sorted([buyer.organisation_id, tours.organisation_id])
    MatchmakingExclusion.objects.create(
        event=buyer.event, organisation_a_id=low, organisation_b_id=high
    )
    assert tours.pk not in ids(selectors.suggestions_for_participant(participant=buyer))


def test_memoised_list_differs_by_reader_language(market):
    buyer, *_ = market
    english = selectors.suggestions_for_participant(participant=buyer, language="en")
    russian = selectors.suggestions_for_participant(participant=buyer, language="ru")
    assert english[0].reasons[0].text != russian[0].reasons[0].text


def test_cached_cards_post_with_a_valid_token_from_a_new_browser(market):
    buyer, silos, *_ = market
    page = reverse("suggestion-list", args=[buyer.event.slug])
    first = Client(enforce_csrf_checks=True)
    first.force_login(buyer.user)
    assert "Silo Works" in first.get(page).content.decode()  # the cards are cached now
    second = Client(enforce_csrf_checks=True)  # another browser: another CSRF secret
    second.force_login(buyer.user)
    cards = second.get(page).content.decode().split('<ol class="suggestions">')[1]
    token = cards.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = second.post(
        reverse("suggestion-feedback", args=[buyer.event.slug]),
        {"organisation": silos.organisation_id, "kind": "met_before", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
