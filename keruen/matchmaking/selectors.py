"""Reads of the matchmaking app: a delegate's ranked, explained suggestions."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from keruen.common.errors import ValidationFailed
from keruen.common.i18n import localize, ui_language
from keruen.common.listing import StampSource, stamp_digest, stamp_rows
from keruen.events.models import RequestRule
from keruen.events.services import request_rules
from keruen.marketplace.models import Opportunity
from keruen.matching import Correction, OrganiserRules, explain
from keruen.matching import Suggestion as CoreSuggestion
from keruen.matchmaking import reasons
from keruen.matchmaking.models import MatchmakingExclusion, SuggestionFeedback
from keruen.matchmaking.profiles import (
    EventPool,
    PreparedEvent,
    key_pk,
    organisation_key,
    participant_key,
    pool_tables,
    prepared_event,
)
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.services import SCHEDULED_STATUSES, requests_waiting
from keruen.people.models import Participant

MAX_LIMIT: Final = 100
# A memoised list is exact until its inputs change; the expiry only frees memory.
SUGGESTION_MEMO_SECONDS: Final = 3600
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
        SuggestionFeedback.objects.filter(event_id=participant.event_id)
        .filter(Q(participant=participant) | Q(organisation_id=participant.organisation_id))
        .select_related("organisation")
        .order_by("-updated_at", "id")
    )


def _organiser_exclusions(participant: Participant) -> frozenset[frozenset[str]]:
    """The organiser's excluded organisation pairs that involve the viewer's organisation."""
    pairs = (
        MatchmakingExclusion.objects.filter(event_id=participant.event_id)
        .filter(
            Q(organisation_a_id=participant.organisation_id)
            | Q(organisation_b_id=participant.organisation_id)
        )
        .order_by()  # the default ordering would join the event table for nothing
    )
    return frozenset(
        frozenset({organisation_key(a), organisation_key(b)})
        for a, b in pairs.values_list("organisation_a_id", "organisation_b_id")
    )


def participants_in_contact(*, participant: Participant) -> set[int]:
    """Delegates with whom ``participant`` has a request waiting for an answer (not past its
    deadline), an accepted one, or a meeting."""
    accepted = Q(status=MeetingRequest.Status.ACCEPTED)
    requests = MeetingRequest.objects.filter(
        requests_waiting(timezone.now()) | accepted, event_id=participant.event_id
    ).filter(Q(requester=participant) | Q(target=participant))
    meetings = Meeting.objects.filter(
        event_id=participant.event_id,
        status__in=SCHEDULED_STATUSES,  # a no-show too: the pair has had its meeting
    ).filter(Q(participant_a=participant) | Q(participant_b=participant))
    pairs = (
        requests.order_by()
        .values_list("requester_id", "target_id")
        .union(meetings.order_by().values_list("participant_a_id", "participant_b_id"), all=True)
    )
    others: set[int] = set()
    for a, b in pairs:
        others.update((a, b))
    others.discard(participant.pk)
    return others


def _reason(
    reason: explain.Reason,
    opportunities: Mapping[str, Opportunity],
    offer_counts: Mapping[int, int],
    language: str,
) -> SuggestionReason:
    data = reasons.reason_data(reason)
    for name in _OPPORTUNITY_FIELDS:
        if name in data:
            data[name] = key_pk(data[name])
    text = reasons.reason_text(
        reason, opportunities=opportunities, language=language, offer_counts=offer_counts
    )
    return SuggestionReason(
        code=reason.code,
        text=text,
        contribution=round(reason.contribution, 4),
        data=data,
    )


def _has_business_reason(found: tuple[explain.Reason, ...]) -> bool:
    """A shared language alone is no reason to meet: something to talk about must exist."""
    return any(r.code in BUSINESS_REASONS and r.contribution > 0 for r in found) or any(
        r.code == "opportunity_match" for r in found
    )


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
    return suggestion_inputs(participant=participant, limit=limit, language=language).ranked()


@dataclass(frozen=True)
class SuggestionInputs:
    """What one delegate's list depends on, stamped in one query and read only when needed.

    The list is a pure function of the event's pool, the delegate's corrections (and those
    about their organisation), their requests and meetings, the organiser's exclusions, the
    limit and the language. ``key`` digests the change stamps of all of them, so it can
    memoise the list and pages can cache what they render from it; it is None for an
    organiser, whose pool is not shared (see ``prepared_event``).
    """

    participant: Participant
    limit: int
    language: str
    pool_stamp: str
    key: str | None

    @cached_property
    def prepared(self) -> PreparedEvent:
        return prepared_event(
            event_id=self.participant.event_id, viewer=self.participant, stamp=self.pool_stamp
        )

    @cached_property
    def feedback(self) -> tuple[SuggestionFeedback, ...]:
        return tuple(_feedback(self.participant))

    @cached_property
    def contacted(self) -> frozenset[int]:
        return frozenset(participants_in_contact(participant=self.participant))

    @cached_property
    def exclusions(self) -> frozenset[frozenset[str]]:
        return _organiser_exclusions(self.participant)

    @cached_property
    def not_requestable(self) -> frozenset[int]:
        """Delegates the networking rules do not let this one request (by role): suggesting
        them would offer a request that is then refused."""
        allows = request_rules(event=self.participant.event)
        mine = self.participant.role
        roles = Participant.objects.filter(
            event_id=self.participant.event_id, status=Participant.Status.APPROVED
        ).values_list("pk", "role")
        return frozenset(pk for pk, role in roles if not allows(mine, role))

    @property
    def own_feedback(self) -> list[SuggestionFeedback]:
        """The delegate's own corrections, newest first, with their organisations."""
        return [f for f in self.feedback if f.participant_id == self.participant.pk]

    def ranked(self) -> list[Suggestion]:
        """The list, memoised under ``key``."""
        if self.key is not None and (found := cache.get(self.key)) is not None:
            return found
        result = self._compute()
        if self.key is not None:
            cache.set(self.key, result, SUGGESTION_MEMO_SECONDS)
        return result

    def _compute(self) -> list[Suggestion]:
        pool = self.prepared.pool
        viewer_key = participant_key(self.participant.pk)
        if viewer_key not in pool.participant_keys:
            return []  # not an approved delegate: nothing to suggest
        rules = OrganiserRules(
            excluded_pairs=frozenset(
                frozenset({viewer_key, participant_key(pk)})
                for pk in self.contacted | self.not_requestable
            )
            | self.exclusions,
            max_suggestions=self.limit,
            max_per_organisation=MAX_PER_ORGANISATION,
        )
        corrections = [
            Correction(
                by=participant_key(f.participant_id),
                target=organisation_key(f.organisation_id),
                kind=f.kind,  # type: ignore[arg-type]
            )
            for f in self.feedback
        ]
        matcher = self.prepared.matcher.with_policy(rules=rules, corrections=corrections)
        mine = {f.organisation_id: f.kind for f in self.own_feedback}
        opportunities = pool.opportunities_by_core_id
        ranked = matcher.suggest(viewer_key, limit=len(pool.profiles), mutual=True)
        chosen = [s for s in ranked if _has_business_reason(s.reasons)][: self.limit]
        # Sentences in the reader's language, whatever is active.
        with translation.override(self.language):
            return [
                _suggestion(found, pool, opportunities, mine, self.language) for found in chosen
            ]


def _viewer_tables(participant: Participant) -> tuple[StampSource, ...]:
    """The rows besides the pool that a delegate's list depends on, for change stamps.

    All statuses: a status change sets ``updated_at``, a new or deleted row moves the count.
    """
    me, organisation = participant.pk, participant.organisation_id

    def either(model: type[Any], first: str, second: str, value: int) -> StampSource:
        where = f"t.event_id = %s AND (t.{first} = %s OR t.{second} = %s)"
        return StampSource(model._meta.db_table, where, (participant.event_id, value, value))

    feedback = StampSource(
        SuggestionFeedback._meta.db_table,
        "t.event_id = %s AND (t.participant_id = %s OR t.organisation_id = %s)",
        (participant.event_id, me, organisation),
    )
    return (
        feedback,
        either(MeetingRequest, "requester_id", "target_id", me),
        either(Meeting, "participant_a_id", "participant_b_id", me),
        either(MatchmakingExclusion, "organisation_a_id", "organisation_b_id", organisation),
        StampSource(RequestRule._meta.db_table, "t.event_id = %s", (participant.event_id,)),
    )


def suggestion_inputs(
    *, participant: Participant, limit: int = 20, language: str | None = None
) -> SuggestionInputs:
    """The inputs of ``participant``'s list (see ``suggestions_for_participant``)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(
            gettext("The limit must be between 1 and %(max)d.") % {"max": MAX_LIMIT},
            field="limit",
        )
    pool = pool_tables(event_id=participant.event_id)
    rows = stamp_rows(*pool, *_viewer_tables(participant))
    lang = ui_language(language)
    key = None
    if participant.role != Participant.Role.ORGANISER:
        inputs = (stamp_digest(rows), participant.pk, participant.event.slug, limit, lang)
        key = "suggestions:" + hashlib.sha256(repr(inputs).encode()).hexdigest()
    return SuggestionInputs(
        participant=participant,
        limit=limit,
        language=lang,
        pool_stamp=stamp_digest(rows[: len(pool)]),
        key=key,
    )


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
        reasons=tuple(_reason(r, opportunities, pool.offer_counts, lang) for r in found.reasons),
        feedback=mine.get(person.organisation_id),
    )
