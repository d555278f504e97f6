"""Reads of the matchmaking app: a delegate's ranked, explained suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext

from keruen.common.errors import ValidationFailed
from keruen.common.i18n import localize, ui_language
from keruen.marketplace.models import Opportunity
from keruen.matching import Correction, Matcher, OrganiserRules, explain
from keruen.matching import Suggestion as CoreSuggestion
from keruen.matchmaking import encoding, reasons
from keruen.matchmaking.models import MatchmakingExclusion, SuggestionFeedback
from keruen.matchmaking.profiles import (
    EventPool,
    event_pool,
    key_pk,
    organisation_key,
    participant_key,
)
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.people.models import Participant

MAX_LIMIT: Final = 100
# One person per organisation: a list of partners, not of one company's staff.
MAX_PER_ORGANISATION: Final = 1
# Reasons that give two delegates something to talk about (languages only make it easier).
BUSINESS_REASONS: Final = frozenset(
    {"opportunity_match", "shared_sectors", "hs_match", "target_country", "complementary_roles"}
)
_OPPORTUNITY_FIELDS: Final = ("your_opportunity_id", "their_opportunity_id", "opportunity_id")


@dataclass(frozen=True)
class SuggestionReason:
    """One reason behind a suggestion: a code, a sentence, its weight, structured data.

    ``data`` holds the core's fields; opportunity ids in it are Opportunity primary keys.
    """

    code: str
    text: str
    contribution: float
    data: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """A suggested partner for a delegate, best first in a list."""

    participant_id: int
    participant_name: str
    organisation_id: int
    organisation_name: str
    country: str
    languages: tuple[str, ...]
    score: float  # mutual: the harmonic mean of how good the pair is for each side
    reasons: tuple[SuggestionReason, ...]
    feedback: str | None = None  # the viewer's correction about this organisation, if any


def _feedback(participant: Participant) -> list[SuggestionFeedback]:
    """The viewer's corrections, and others' corrections about the viewer's organisation."""
    return list(
        SuggestionFeedback.objects.filter(event_id=participant.event_id).filter(
            Q(participant=participant) | Q(organisation_id=participant.organisation_id)
        )
    )


def _organiser_exclusions(participant: Participant) -> frozenset[frozenset[str]]:
    """The organiser's excluded organisation pairs that involve the viewer's organisation."""
    pairs = MatchmakingExclusion.objects.filter(event_id=participant.event_id).filter(
        Q(organisation_a_id=participant.organisation_id)
        | Q(organisation_b_id=participant.organisation_id)
    )
    return frozenset(
        frozenset({organisation_key(a), organisation_key(b)})
        for a, b in pairs.values_list("organisation_a_id", "organisation_b_id")
    )


def participants_in_contact(*, participant: Participant) -> set[int]:
    """Delegates with whom ``participant`` has a pending or accepted request or a meeting."""
    requests = MeetingRequest.objects.filter(
        event_id=participant.event_id,
        status__in=[MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED],
    ).filter(Q(requester=participant) | Q(target=participant))
    meetings = Meeting.objects.filter(
        event_id=participant.event_id,
        status__in=[Meeting.Status.ACCEPTED, Meeting.Status.HELD],
    ).filter(Q(participant_a=participant) | Q(participant_b=participant))
    others: set[int] = set()
    for a, b in requests.values_list("requester_id", "target_id"):
        others.update((a, b))
    for a, b in meetings.values_list("participant_a_id", "participant_b_id"):
        others.update((a, b))
    others.discard(participant.pk)
    return others


def _reason(
    reason: explain.Reason, opportunities: Mapping[str, Opportunity], language: str
) -> SuggestionReason:
    data = reasons.reason_data(reason)
    for name in _OPPORTUNITY_FIELDS:
        if name in data:
            data[name] = key_pk(data[name])
    return SuggestionReason(
        code=reason.code,
        text=reasons.reason_text(reason, opportunities=opportunities, language=language),
        contribution=round(reason.contribution, 4),
        data=data,
    )


def _has_business_reason(found: tuple[explain.Reason, ...]) -> bool:
    """A shared language alone is no reason to meet: something to talk about must exist."""
    return any(r.code in BUSINESS_REASONS and r.contribution > 0 for r in found) or any(
        r.code == "opportunity_match" for r in found
    )


def _core_opportunities(pool: EventPool) -> dict[str, Opportunity]:
    return {
        opp.id: pool.opportunities[key_pk(opp.id)]
        for profile in pool.profiles
        for opp in profile.opportunities
    }


def suggestions_for_participant(
    *, participant: Participant, limit: int = 20, language: str | None = None
) -> list[Suggestion]:
    """Ranked partners for ``participant`` (an approved delegate), with reasons.

    Left out: the delegate's own organisation; other events; pairs the organiser excluded
    (``MatchmakingExclusion``); delegates they already have a pending or accepted request
    or meeting with (those are in their requests and agenda); members of their own
    delegation (the core's default rule); organisations removed by a correction
    (``not_interested`` by the delegate; ``competitor`` and ``already_client`` by either
    side); delegates with nothing to talk about (no offer/request match, sector, HS code,
    target country or complementary role: a shared language alone makes no meeting).
    ``met_before`` keeps a partner, ranked lower.
    At most one person per organisation. Reasons are rendered in ``language`` (default:
    the active interface language). The query count does not grow with the event.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(
            gettext("The limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT},
            field="limit",
        )
    lang = ui_language(language)
    pool = event_pool(event_id=participant.event_id, viewer=participant)
    viewer_key = participant_key(participant.pk)
    if viewer_key not in {p.id for p in pool.profiles}:
        return []  # not an approved delegate: nothing to suggest
    feedback = _feedback(participant)
    contacted = participants_in_contact(participant=participant)
    rules = OrganiserRules(
        excluded_pairs=frozenset(frozenset({viewer_key, participant_key(pk)}) for pk in contacted)
        | _organiser_exclusions(participant),
        max_suggestions=limit,
        max_per_organisation=MAX_PER_ORGANISATION,
    )
    corrections = [
        Correction(
            by=participant_key(f.participant_id),
            target=organisation_key(f.organisation_id),
            kind=f.kind,  # type: ignore[arg-type]
        )
        for f in feedback
    ]
    vectors = pool.vectors
    matcher = Matcher(
        pool.profiles,
        rules=rules,
        corrections=corrections,
        encoder=encoding.StoredVectors(
            name=vectors.model_name, dim=vectors.dim, vectors=vectors.by_text
        ),
    )
    mine = {f.organisation_id: f.kind for f in feedback if f.participant_id == participant.pk}
    opportunities = _core_opportunities(pool)
    ranked = matcher.suggest(viewer_key, limit=len(pool.profiles), mutual=True)
    chosen = [s for s in ranked if _has_business_reason(s.reasons)][:limit]
    with translation.override(lang):  # sentences in the reader's language, whatever is active
        return [_suggestion(found, pool, opportunities, mine, lang) for found in chosen]


def _suggestion(
    found: CoreSuggestion,
    pool: EventPool,
    opportunities: Mapping[str, Opportunity],
    mine: Mapping[int, str],
    lang: str,
) -> Suggestion:
    """One core suggestion as the plain dataclass callers get."""
    person = pool.participants[key_pk(found.participant_id)]
    return Suggestion(
        participant_id=person.pk,
        participant_name=person.display_name,
        organisation_id=person.organisation_id,
        organisation_name=localize(person.organisation.name, lang) or person.organisation.code,
        country=person.organisation.country,
        languages=tuple(person.languages),
        score=round(found.score, 4),
        reasons=tuple(_reason(r, opportunities, lang) for r in found.reasons),
        feedback=mine.get(person.organisation_id),
    )


def suggestion_feedback_list(*, participant: Participant) -> list[SuggestionFeedback]:
    """The delegate's own corrections, newest first, with their organisations."""
    return list(
        SuggestionFeedback.objects.filter(event_id=participant.event_id, participant=participant)
        .select_related("organisation")
        .order_by("-updated_at", "id")
    )
