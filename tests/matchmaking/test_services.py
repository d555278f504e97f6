from __future__ import annotations

import pytest

from keruen.common.errors import NotFound, ValidationFailed
from keruen.marketplace.models import Opportunity
from keruen.matchmaking import services
from keruen.matchmaking.models import (
    MatchmakingExclusion,
    OpportunityEmbedding,
    SuggestionFeedback,
)
from tests.factories import OpportunityFactory, OrganisationFactory


def test_feedback_set_creates_then_changes_one_row(two_delegates):
    me, other = two_delegates
    services.suggestion_feedback_set(
        participant=me, organisation=other.organisation, kind="competitor"
    )
    feedback = services.suggestion_feedback_set(
        participant=me, organisation=other.organisation, kind="met_before"
    )
    assert SuggestionFeedback.objects.get() == feedback
    assert feedback.kind == "met_before"
    assert feedback.event == me.event


@pytest.mark.parametrize("kind", ["", "spam", "clear"])
def test_feedback_set_refuses_unknown_kind(two_delegates, kind):
    me, other = two_delegates
    with pytest.raises(ValidationFailed) as caught:
        services.suggestion_feedback_set(participant=me, organisation=other.organisation, kind=kind)
    assert caught.value.field == "kind"
    assert not SuggestionFeedback.objects.exists()


def test_feedback_refuses_own_and_other_events_organisations(two_delegates, other_event):
    me, _ = two_delegates
    with pytest.raises(ValidationFailed) as caught:
        services.suggestion_feedback_set(
            participant=me, organisation=me.organisation, kind="competitor"
        )
    assert caught.value.field == "organisation"
    with pytest.raises(NotFound):
        services.suggestion_feedback_set(
            participant=me, organisation=OrganisationFactory(event=other_event), kind="competitor"
        )
    assert not SuggestionFeedback.objects.exists()


def test_feedback_clear(two_delegates):
    me, other = two_delegates
    services.suggestion_feedback_set(
        participant=me, organisation=other.organisation, kind="not_interested"
    )
    services.suggestion_feedback_clear(participant=me, organisation=other.organisation)
    services.suggestion_feedback_clear(participant=me, organisation=other.organisation)
    assert not SuggestionFeedback.objects.exists()


def test_refresh_encodes_published_opportunities_once(event, other_event, words):
    organisation = OrganisationFactory(event=event)
    first = OpportunityFactory(organisation=organisation, title="Grain silos")
    second = OpportunityFactory(organisation=organisation, title="Wind turbines")
    OpportunityFactory(organisation=organisation, status=Opportunity.Status.DRAFT)
    OpportunityFactory(organisation=OrganisationFactory(event=other_event))
    progress: list[tuple[int, int]] = []

    result = services.event_embeddings_refresh(
        event=event, batch_size=1, progress=lambda done, todo: progress.append((done, todo))
    )

    assert (result.total, result.encoded, result.unchanged) == (2, 2, 0)
    assert progress == [(1, 2), (2, 2)]
    stored = OpportunityEmbedding.objects.filter(model_name=words.name)
    assert set(stored.values_list("opportunity_id", flat=True)) == {first.pk, second.pk}
    assert stored.first().as_array().shape == (words.dim,)

    words.encoded.clear()
    again = services.event_embeddings_refresh(event=event)
    assert (again.encoded, again.unchanged) == (0, 2)
    assert words.encoded == []

    second.body = "Wind turbines, 2.5 MW, with service"
    second.save()
    changed = services.event_embeddings_refresh(event=event)
    assert changed.encoded == 1
    assert words.encoded == ["Wind turbines\nWind turbines, 2.5 MW, with service"]
    assert OpportunityEmbedding.objects.count() == 2


def test_refresh_refuses_bad_batch_size(event, words):
    with pytest.raises(ValidationFailed) as caught:
        services.event_embeddings_refresh(event=event, batch_size=0)
    assert caught.value.field == "batch_size"


def test_exclusion_is_one_row_per_pair_in_either_order(two_delegates):
    me, other = two_delegates
    first = services.matchmaking_exclusion_create(
        event=me.event, organisation_a=other.organisation, organisation_b=me.organisation
    )
    again = services.matchmaking_exclusion_create(
        event=me.event, organisation_a=me.organisation, organisation_b=other.organisation
    )
    assert first == again
    assert first.organisation_a_id < first.organisation_b_id
    services.matchmaking_exclusion_delete(exclusion=first)
    assert not MatchmakingExclusion.objects.exists()


def test_exclusion_refuses_bad_pairs(two_delegates, other_event):
    me, other = two_delegates
    with pytest.raises(ValidationFailed) as caught:
        services.matchmaking_exclusion_create(
            event=me.event, organisation_a=me.organisation, organisation_b=me.organisation
        )
    assert caught.value.field == "organisation_b"
    with pytest.raises(NotFound):
        services.matchmaking_exclusion_create(
            event=me.event,
            organisation_a=me.organisation,
            organisation_b=OrganisationFactory(event=other_event),
        )
    with pytest.raises(ValidationFailed) as caught:
        services.matchmaking_exclusion_create(
            event=me.event,
            organisation_a=me.organisation,
            organisation_b=other.organisation,
            reason="x" * 301,
        )
    assert caught.value.field == "reason"
    assert not MatchmakingExclusion.objects.exists()
