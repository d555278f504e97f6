"""Cross-lingual catalogue search: a Russian query finds a Chinese offer.

Only the query is encoded on a page request; opportunity vectors are the stored ones
(``OpportunityEmbedding``), kept in a small per-process cache while they do not change.
Similarity is the cosine after subtracting the event's mean vector from both sides: the
multilingual models put every text about 0.55 from every other, and that shared direction
(plus a query's own-language bias) drowns the meaning of a short query otherwise.

When the event has no stored vectors, or the model cannot load, the functions return None
and the catalogue keeps its plain substring search.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

import numpy as np
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.matching.encoder import normalise_rows
from keruen.matchmaking import encoding
from keruen.matchmaking.models import OpportunityEmbedding
from keruen.people.models import Organisation

MAX_RESULTS: Final = 50
# A result is kept if its centred similarity is clearly positive, or if it is closer than
# the average text and stands well out of the event's texts (z-score): the first keeps every
# entry when many match, the second catches a weak but lone match. Values read off
# hand-made queries in the four languages against a mixed twelve-entry catalogue.
GOOD_SIMILARITY: Final = 0.12
MIN_Z_SCORE: Final = 2.0
MIN_SIMILARITY: Final = 0.05
_CACHE_EVENTS: Final = 8


@dataclass(frozen=True)
class _EventMatrix:
    fingerprint: str
    ids: np.ndarray  # opportunity pks, one per row
    vectors: np.ndarray  # centred unit rows
    mean: np.ndarray


_lock = threading.Lock()
_matrices: OrderedDict[tuple[int, str], _EventMatrix] = OrderedDict()


def _event_matrix(event: Event, model_name: str) -> _EventMatrix | None:
    """The event's published opportunity vectors, read from the database only on change."""
    stored = OpportunityEmbedding.objects.filter(
        opportunity__event=event,
        opportunity__status=Opportunity.Status.PUBLISHED,
        model_name=model_name,
    ).order_by("opportunity_id")
    stamps = list(stored.values_list("opportunity_id", "updated_at"))
    if not stamps:
        return None
    fingerprint = hashlib.sha256(repr(stamps).encode()).hexdigest()
    key = (event.pk, model_name)
    with _lock:
        cached = _matrices.get(key)
        if cached is not None and cached.fingerprint == fingerprint:
            _matrices.move_to_end(key)
            return cached
    rows = list(stored.values_list("opportunity_id", "vector"))
    raw = np.stack([encoding.vector_from_bytes(blob) for _, blob in rows])
    mean = raw.mean(axis=0)
    matrix = _EventMatrix(
        fingerprint=fingerprint,
        ids=np.array([pk for pk, _ in rows], dtype=np.int64),
        vectors=normalise_rows(raw - mean),
        mean=mean,
    )
    with _lock:
        _matrices[key] = matrix
        while len(_matrices) > _CACHE_EVENTS:
            _matrices.popitem(last=False)
    return matrix


def opportunity_semantic_ranking(*, event: Event, query: str) -> list[int] | None:
    """Pks of the event's published opportunities that match ``query``, best first.

    At most ``MAX_RESULTS``; None when semantic search is not available for this event
    (no stored vectors yet, or no model), so callers fall back to substring search.
    """
    query = query.strip()
    if not query:
        return None
    model_name = encoding.event_encoder().name
    matrix = _event_matrix(event, model_name)
    if matrix is None:
        return None
    vector = encoding.encode_query(query)
    if vector is None or vector.shape[0] != matrix.vectors.shape[1]:
        return None
    centred = normalise_rows((vector - matrix.mean)[None, :])[0]
    scores = matrix.vectors @ centred
    spread = float(scores.std()) or 1.0  # all alike (a tiny catalogue): no outlier to find
    z = (scores - float(scores.mean())) / spread
    keep = np.flatnonzero(
        (scores >= GOOD_SIMILARITY) | ((z >= MIN_Z_SCORE) & (scores >= MIN_SIMILARITY))
    )
    order = keep[np.argsort(-scores[keep], kind="stable")][:MAX_RESULTS]
    return [int(matrix.ids[i]) for i in order]


def _rank_order(pks: list[int]) -> Case:
    return Case(
        *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pks)],
        default=Value(len(pks)),
        output_field=IntegerField(),
    )


def opportunity_queryset_search(
    opportunities: QuerySet[Opportunity], *, event: Event, query: str
) -> QuerySet[Opportunity]:
    """``opportunities`` (already filtered) narrowed to those matching ``query``.

    Semantic matches first, by similarity, then plain substring matches of title or body;
    only substring matching when semantic search is not available.
    """
    substring = Q(title__icontains=query) | Q(body__icontains=query)
    ranked = opportunity_semantic_ranking(event=event, query=query)
    if not ranked:
        return opportunities.filter(substring).order_by("-created_at", "id")
    return (
        opportunities.filter(substring | Q(pk__in=ranked))
        .annotate(search_rank=_rank_order(ranked))
        .order_by("search_rank", "-created_at", "id")
    )


def organisation_queryset_search(
    organisations: QuerySet[Organisation], *, event: Event, query: str
) -> QuerySet[Organisation]:
    """``organisations`` narrowed to those matching ``query``.

    Organisations whose published offers or requests match semantically come first (in
    the order of their best match), then name/code/city substring matches.
    """
    substring = Q(search_text__contains=query.lower())
    ranked = opportunity_semantic_ranking(event=event, query=query)
    if not ranked:
        return organisations.filter(substring)
    owners = dict(
        Opportunity.objects.filter(event=event, pk__in=ranked).values_list("pk", "organisation_id")
    )
    organisation_pks = list(dict.fromkeys(owners[pk] for pk in ranked if pk in owners))
    return (
        organisations.filter(substring | Q(pk__in=organisation_pks))
        .annotate(search_rank=_rank_order(organisation_pks))
        .order_by("search_rank", "search_text", "id")
    )
