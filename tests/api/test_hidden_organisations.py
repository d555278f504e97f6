"""An organisation the public catalogue hides stays hidden everywhere in the API.

The catalogue (``public_organisations``) leaves out an organisation that only a pending or
rejected sign-up brought in, or whose every delegate withdrew: its name is whatever the
sign-up typed. The event's figures do not count its offers, and a delegate's corrections can
neither name it nor list it.
"""

from __future__ import annotations

import pytest

from keruen.matchmaking.models import SuggestionFeedback
from keruen.people.models import Participant
from tests import factories as f


@pytest.fixture
def hidden(expo):
    """Two organisations of `expo.event` the catalogue hides, each with a published offer."""
    pending = f.ParticipantFactory(event=expo.event, status=Participant.Status.PENDING)
    withdrawn = f.ParticipantFactory(event=expo.event, status=Participant.Status.WITHDRAWN)
    f.OpportunityFactory(organisation=pending.organisation, direction="request")
    f.OpportunityFactory(organisation=withdrawn.organisation, direction="offer")
    return [pending.organisation, withdrawn.organisation]


def test_figures_count_only_the_offers_and_requests_the_public_list_shows(api, expo, hidden):
    slug = expo.event.slug
    figures = api.get(f"/events/{slug}").body["figures"]
    listed = {
        direction: api.get(f"/events/{slug}/opportunities", params={"direction": direction}).body
        for direction in ("offer", "request")
    }
    assert figures["offers"] == listed["offer"]["count"] == 1  # B's; A's is a draft
    assert figures["requests"] == listed["request"]["count"] == 0
    assert figures["organisations"] == api.get(f"/events/{slug}/organisations").body["count"]


def test_a_correction_cannot_name_a_hidden_organisation(api, expo, hidden):
    for organisation in hidden:
        url = f"/events/{expo.event.slug}/suggestions/corrections/{organisation.pk}"
        reply = api.call("PUT", url, key=expo.key_a, body={"kind": "competitor"})
        assert reply.status == 404, reply.body
        assert reply.body["error"]["code"] == "not_found"
        assert organisation.name["en"] not in str(reply.body)
        assert api.call("DELETE", url, key=expo.key_a).status == 404
    assert not SuggestionFeedback.objects.exists()


def test_the_corrections_list_is_a_page_without_hidden_organisations(api, expo, hidden):
    slug = expo.event.slug
    shown = [expo.b.organisation, expo.c.organisation]
    for organisation in shown:
        reply = api.call(
            "PUT",
            f"/events/{slug}/suggestions/corrections/{organisation.pk}",
            key=expo.key_a,
            body={"kind": "met_before"},
        )
        assert reply.status == 200, reply.body
    # One made while the organisation was shown, before its delegates left.
    SuggestionFeedback.objects.create(
        event=expo.event, participant=expo.a, organisation=hidden[1], kind="competitor"
    )
    url = f"/events/{slug}/suggestions/corrections"
    whole = api.get(url, key=expo.key_a).body
    assert whole["count"] == 2
    assert {item["organisation"]["id"] for item in whole["items"]} == {o.pk for o in shown}
    assert set(whole["items"][0]["organisation"]) == {"id", "code", "name", "country"}
    first = api.get(url, key=expo.key_a, params={"limit": 1}).body
    second = api.get(url, key=expo.key_a, params={"limit": 1, "offset": 1}).body
    assert (first["count"], second["count"]) == (2, 2)
    assert first["items"] + second["items"] == whole["items"]
