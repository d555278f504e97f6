"""ORM rows -> the plain profiles of ``keruen.matching``, and the stored vectors they need.

Ids handed to the core are prefixed strings, so participant, organisation and delegation ids
can never collide: ``p12``, ``o5``, ``d3``; an opportunity is ``<participant pk>:<pk>``
because every colleague of an organisation carries its opportunities.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import numpy as np
from django.db.models import Q

from keruen.common.listing import StampSource, change_stamp
from keruen.marketplace.models import Opportunity
from keruen.matching import Matcher
from keruen.matching import profile as core
from keruen.matchmaking import encoding
from keruen.matchmaking.models import OpportunityEmbedding
from keruen.people.models import Organisation, Participant

logger = logging.getLogger(__name__)

# A page encodes at most this many missing texts of other delegates inline; the rest wait
# for ``event_embeddings_refresh``. The viewer's own new offers are always encoded.
INLINE_ENCODE_LIMIT: Final = 8

# Organisation types that say something about the role the core matches on.
TYPE_ROLES: Final[dict[str, frozenset[core.Role]]] = {
    Organisation.Type.GOVERNMENT: frozenset({"government"}),
    Organisation.Type.AGENCY: frozenset({"government"}),
    Organisation.Type.UNIVERSITY: frozenset({"research"}),
}


def participant_key(pk: int) -> str:
    return f"p{pk}"


def organisation_key(pk: int) -> str:
    return f"o{pk}"


def key_pk(key: str) -> int:
    """The database pk inside a core id (``p12`` -> 12, ``4:31`` -> 31)."""
    return int(key.rsplit(":", 1)[-1].lstrip("pod"))


@dataclass(frozen=True)
class EventVectors:
    """Stored vectors of an event's published opportunities, keyed by opportunity pk."""

    model_name: str
    dim: int
    by_opportunity: dict[int, np.ndarray]
    by_text: dict[str, np.ndarray]
    encoded: int = 0  # texts encoded and stored while reading (they change the pool stamp)


def _read_vectors(
    opportunities: Iterable[Opportunity], model_name: str
) -> dict[int, tuple[str, np.ndarray]]:
    rows = OpportunityEmbedding.objects.filter(
        opportunity__in=[o.pk for o in opportunities], model_name=model_name
    ).values_list("opportunity_id", "content_hash", "vector")
    return {pk: (digest, encoding.vector_from_bytes(blob)) for pk, digest, blob in rows}


def event_vectors(
    *, opportunities: list[Opportunity], must_have: Iterable[int] = ()
) -> EventVectors:
    """Up-to-date stored vectors of ``opportunities`` (content hash checked).

    Missing vectors of ``must_have`` (e.g. the viewer's own opportunities), and all missing
    ones when they are few, are encoded now; if the model cannot load they stay missing.
    """
    from keruen.matchmaking.services import opportunity_embeddings_ensure

    model_name = encoding.event_encoder().name
    texts = {o.pk: encoding.opportunity_text(title=o.title, body=o.body) for o in opportunities}
    hashes = {pk: encoding.content_hash(model_name=model_name, text=t) for pk, t in texts.items()}
    stored = _read_vectors(opportunities, model_name)
    missing = [o for o in opportunities if stored.get(o.pk, ("",))[0] != hashes[o.pk]]
    wanted = set(must_have)
    urgent = (
        missing if len(missing) <= INLINE_ENCODE_LIMIT else [o for o in missing if o.pk in wanted]
    )
    encoded = 0
    if urgent:
        try:
            encoded = opportunity_embeddings_ensure(opportunities=urgent).encoded
            stored.update(_read_vectors(urgent, model_name))
        except encoding.ENCODER_ERRORS:
            logger.warning("embedding model unavailable; %d texts left out", len(urgent))
    by_opportunity = {
        pk: vector for pk, (digest, vector) in stored.items() if digest == hashes.get(pk)
    }
    dim = next((int(v.shape[0]) for v in by_opportunity.values()), 0)
    by_text = {texts[pk]: vector for pk, vector in by_opportunity.items()}
    return EventVectors(model_name, dim, by_opportunity, by_text, encoded)


def core_organisation(
    organisation: Organisation, extra_isic: Iterable[str] = ()
) -> core.Organisation:
    return core.Organisation(
        id=organisation_key(organisation.pk),
        name=organisation.code,
        country=organisation.country,
        roles=TYPE_ROLES.get(organisation.type, frozenset()),
        isic=frozenset(organisation.sectors) | frozenset(extra_isic),
    )


def core_opportunity(opportunity: Opportunity, *, owner_pk: int) -> core.Opportunity:
    return core.Opportunity(
        id=f"{owner_pk}:{opportunity.pk}",
        kind="offer" if opportunity.direction == Opportunity.Direction.OFFER else "request",
        text=encoding.opportunity_text(title=opportunity.title, body=opportunity.body),
        language=opportunity.language or None,
        isic=frozenset(opportunity.sectors),
        hs=frozenset(opportunity.hs_codes),
        target_countries=frozenset(opportunity.target_countries),
    )


@dataclass(frozen=True)
class EventPool:
    """Everything the core needs about an event, loaded in a fixed number of queries."""

    participants: dict[int, Participant]
    opportunities: dict[int, Opportunity]
    profiles: list[core.Participant]
    vectors: EventVectors

    @cached_property
    def participant_keys(self) -> frozenset[str]:
        return frozenset(p.id for p in self.profiles)

    @cached_property
    def offer_counts(self) -> dict[int, int]:
        """Published offers per organisation id: a reason says "their only offer" rather
        than "of their offers" when there is one (counted here, not queried per reason)."""
        return dict(
            Counter(
                opportunity.organisation_id
                for opportunity in self.opportunities.values()
                if opportunity.direction == Opportunity.Direction.OFFER
            )
        )

    @cached_property
    def opportunities_by_core_id(self) -> dict[str, Opportunity]:
        """Opportunity rows by the core's ids (one per colleague carrying it)."""
        return {
            opp.id: self.opportunities[key_pk(opp.id)]
            for profile in self.profiles
            for opp in profile.opportunities
        }


def event_pool(*, event_id: int, viewer: Participant) -> EventPool:
    """Approved delegates of the event (organisers only if they are the viewer) as profiles.

    Each delegate carries the published opportunities of their organisation that have a
    vector; those without one still contribute their sectors to the organisation.
    """
    people = list(
        Participant.objects.filter(event_id=event_id, status=Participant.Status.APPROVED)
        .filter(~Q(role=Participant.Role.ORGANISER) | Q(pk=viewer.pk))
        .select_related("organisation")
        .order_by("pk")
    )
    opportunities = list(
        Opportunity.objects.filter(event_id=event_id, status=Opportunity.Status.PUBLISHED).order_by(
            "pk"
        )
    )
    own = [o.pk for o in opportunities if o.organisation_id == viewer.organisation_id]
    vectors = event_vectors(opportunities=opportunities, must_have=own)
    by_org: dict[int, list[Opportunity]] = defaultdict(list)
    for opp in opportunities:
        by_org[opp.organisation_id].append(opp)
    profiles = []
    for person in people:
        org_opps = by_org.get(person.organisation_id, [])
        with_vector = [o for o in org_opps if o.pk in vectors.by_opportunity]
        left_out = [code for o in org_opps if o.pk not in vectors.by_opportunity
                    for code in o.sectors]  # fmt: skip
        profiles.append(
            core.Participant(
                id=participant_key(person.pk),
                organisation=core_organisation(person.organisation, left_out),
                languages=frozenset(person.languages),
                delegation=f"d{person.delegation_id}" if person.delegation_id else None,
                opportunities=tuple(core_opportunity(o, owner_pk=person.pk) for o in with_vector),
            )
        )
    return EventPool(
        participants={p.pk: p for p in people},
        opportunities={o.pk: o for o in opportunities},
        profiles=profiles,
        vectors=vectors,
    )


@dataclass(frozen=True)
class PreparedEvent:
    """An event's pool with its matcher encoded, centred and indexed, valid for ``stamp``."""

    pool: EventPool
    matcher: Matcher
    stamp: str


# One prepared event per event and process. Building one reads every profile and vector of
# the event (~0.4 s for the demo's 780 delegates); a page request then only scores.
_prepared: dict[int, PreparedEvent] = {}
_prepare_lock = threading.Lock()


def pool_tables(*, event_id: int) -> tuple[StampSource, ...]:
    """The rows an event pool is built from, for change stamps (read on every page)."""
    by_event = "t.event_id = %s"
    return (
        StampSource(Participant._meta.db_table, by_event, (event_id,)),
        StampSource(Organisation._meta.db_table, by_event, (event_id,)),
        StampSource(Opportunity._meta.db_table, by_event, (event_id,)),
        StampSource(
            OpportunityEmbedding._meta.db_table,
            "o.event_id = %s",
            (event_id,),
            join=f"JOIN {Opportunity._meta.db_table} o ON o.id = t.opportunity_id",
        ),
    )


def pool_stamp(*, event_id: int) -> str:
    """Changes whenever anything an event pool is built from changes."""
    return change_stamp(*pool_tables(event_id=event_id))


def _matcher_for(pool: EventPool) -> Matcher:
    vectors = pool.vectors
    return Matcher(
        pool.profiles,
        encoder=encoding.StoredVectors(
            name=vectors.model_name, dim=vectors.dim, vectors=vectors.by_text
        ),
    )


def _own_vectors_present(pool: EventPool, viewer: Participant) -> bool:
    return all(
        pk in pool.vectors.by_opportunity
        for pk, opp in pool.opportunities.items()
        if opp.organisation_id == viewer.organisation_id
    )


def prepared_event(
    *, event_id: int, viewer: Participant, stamp: str | None = None
) -> PreparedEvent:
    """The event's prepared pool and matcher, rebuilt only when its stamp has changed.

    An organiser's pool contains the organiser (see ``event_pool``), so theirs is built per
    request and not shared. A viewer whose own offers still lack vectors gets a rebuild,
    which encodes them inline. ``stamp``: the pool stamp, if the caller has just read it.
    """
    if viewer.role == Participant.Role.ORGANISER:
        pool = event_pool(event_id=event_id, viewer=viewer)
        return PreparedEvent(pool, _matcher_for(pool), "")
    stamp = stamp or pool_stamp(event_id=event_id)
    cached = _prepared.get(event_id)
    if cached is not None and cached.stamp == stamp and _own_vectors_present(cached.pool, viewer):
        return cached
    with _prepare_lock:  # one build at a time: concurrent first requests wait for it
        cached = _prepared.get(event_id)
        stamp = pool_stamp(event_id=event_id)
        if cached is None or cached.stamp != stamp or not _own_vectors_present(cached.pool, viewer):
            # Stamped before reading: a write during the build makes the next request
            # rebuild, never leaves a stale pool behind a current stamp.
            pool = event_pool(event_id=event_id, viewer=viewer)
            if pool.vectors.encoded:  # our own writes moved the stamp: read once more
                stamp = pool_stamp(event_id=event_id)
                pool = event_pool(event_id=event_id, viewer=viewer)
            cached = PreparedEvent(pool, _matcher_for(pool), stamp)
            _prepared[event_id] = cached
        return cached


def prepared_events_clear() -> None:
    """Forget every prepared event (a restored or rolled-back database reuses event ids)."""
    with _prepare_lock:
        _prepared.clear()
