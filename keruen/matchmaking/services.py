"""Writes of the matchmaking app: delegates' corrections and the embedding store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from django.db import transaction
from django.utils.translation import gettext as _

from keruen.common.errors import NotFound, ValidationFailed
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.matchmaking import encoding
from keruen.matchmaking.models import (
    MatchmakingExclusion,
    OpportunityEmbedding,
    SuggestionFeedback,
)
from keruen.people.models import Organisation, Participant

DEFAULT_BATCH_SIZE: Final = 64


def suggestion_feedback_set(
    *, participant: Participant, organisation: Organisation, kind: str
) -> SuggestionFeedback:
    """Record (or change) a delegate's correction about one organisation.

    The next ranking honours it: see ``SuggestionFeedback`` for what each kind does.
    """
    if kind not in SuggestionFeedback.Kind.values:
        raise ValidationFailed(_("Choose one of the corrections offered."), field="kind")
    if organisation.event_id != participant.event_id:
        raise NotFound(_("No such organisation in this event."))
    if organisation.pk == participant.organisation_id:
        raise ValidationFailed(_("This is your own organisation."), field="organisation")
    feedback, _created = SuggestionFeedback.objects.update_or_create(
        participant=participant,
        organisation=organisation,
        defaults={"kind": kind, "event_id": participant.event_id},
    )
    return feedback


def suggestion_feedback_clear(*, participant: Participant, organisation: Organisation) -> None:
    """Withdraw a delegate's correction about one organisation (nothing if there is none)."""
    for feedback in SuggestionFeedback.objects.filter(
        participant=participant, organisation=organisation
    ):
        feedback.delete()  # one by one, so the audit log records it


@dataclass(frozen=True)
class EmbeddingRefresh:
    """What ``event_embeddings_refresh`` did."""

    total: int  # published opportunities of the event
    encoded: int  # encoded now (new or changed text, or a new model)
    unchanged: int  # already stored with the same content hash


def _stale(
    opportunities: Sequence[Opportunity], model_name: str
) -> list[tuple[Opportunity, str, str]]:
    """(opportunity, text, hash) of those whose stored vector is missing or out of date."""
    stored = dict(
        OpportunityEmbedding.objects.filter(
            opportunity__in=[o.pk for o in opportunities], model_name=model_name
        ).values_list("opportunity_id", "content_hash")
    )
    out = []
    for opp in opportunities:
        text = encoding.opportunity_text(title=opp.title, body=opp.body)
        digest = encoding.content_hash(model_name=model_name, text=text)
        if stored.get(opp.pk) != digest:
            out.append((opp, text, digest))
    return out


def _store(items: Sequence[tuple[Opportunity, str, str]], model_name: str) -> None:
    """Encode one batch and upsert its vectors in one statement."""
    vectors = encoding.encode_texts([text for _, text, _ in items])
    rows = [
        OpportunityEmbedding(
            opportunity=opp,
            model_name=model_name,
            content_hash=digest,
            dim=int(vector.shape[0]),
            vector=encoding.vector_to_bytes(vector),
        )
        for (opp, _, digest), vector in zip(items, vectors, strict=True)
    ]
    # A cache, not a user's write: bulk upsert (no per-row audit entries).
    OpportunityEmbedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["opportunity", "model_name"],
        update_fields=["content_hash", "dim", "vector", "updated_at"],
    )


def opportunity_embeddings_ensure(
    *,
    opportunities: Iterable[Opportunity],
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> EmbeddingRefresh:
    """Store the vectors of ``opportunities`` that are missing or out of date.

    Raises one of ``encoding.ENCODER_ERRORS`` if the model cannot be loaded.
    """
    opportunities = list(opportunities)
    model_name = encoding.event_encoder().name
    todo = _stale(opportunities, model_name)
    done = 0
    for start in range(0, len(todo), batch_size):
        batch = todo[start : start + batch_size]
        with transaction.atomic():
            _store(batch, model_name)
        done += len(batch)
        if progress is not None:
            progress(done, len(todo))
    return EmbeddingRefresh(
        total=len(opportunities), encoded=len(todo), unchanged=len(opportunities) - len(todo)
    )


def event_embeddings_refresh(
    *,
    event: Event,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> EmbeddingRefresh:
    """Encode the event's published opportunities whose text changed since the last run.

    Incremental by content hash, in batches of ``batch_size`` (each stored in its own
    transaction, so an interrupted run keeps what it finished). ``progress(done, todo)``
    is called after each batch: the organiser console's background job shows it.
    """
    if batch_size < 1:
        raise ValidationFailed(_("The batch size must be at least 1."), field="batch_size")
    opportunities = Opportunity.objects.filter(
        event=event, status=Opportunity.Status.PUBLISHED
    ).only("id", "title", "body")
    return opportunity_embeddings_ensure(
        opportunities=opportunities, batch_size=batch_size, progress=progress
    )


def matchmaking_exclusion_create(
    *, event: Event, organisation_a: Organisation, organisation_b: Organisation, reason: str = ""
) -> MatchmakingExclusion:
    """Organiser rule: never suggest these two organisations of ``event`` to each other."""
    if organisation_a.event_id != event.pk or organisation_b.event_id != event.pk:
        raise NotFound(_("No such organisation in this event."))
    if organisation_a.pk == organisation_b.pk:
        raise ValidationFailed(_("Choose two different organisations."), field="organisation_b")
    if len(reason) > 300:
        raise ValidationFailed(
            _("The reason is too long (300 characters at most)."), field="reason"
        )
    first, second = sorted((organisation_a, organisation_b), key=lambda o: o.pk)
    exclusion, _created = MatchmakingExclusion.objects.get_or_create(
        event=event, organisation_a=first, organisation_b=second, defaults={"reason": reason}
    )
    return exclusion


def matchmaking_exclusion_delete(*, exclusion: MatchmakingExclusion) -> None:
    """Withdraw an organiser's exclusion."""
    exclusion.delete()
