"""Catalogue search by the products and industries named (``keruen.matching.lexicon``).

A query naming a product ("мақта", cotton) keeps the published offers and requests that name
it, in any of the four languages and with no model; ``search`` orders them with the matches
by meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import numpy as np

from keruen.common.listing import change_stamp
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.matching.lang import detect_language
from keruen.matching.lexicon import default_lexicon
from keruen.matchmaking.search_cache import CACHE_EVENTS, StampedCache

# Kept by the products and industries named: a score of at least MIN_CONCEPT_SCORE (the
# query's concept coverage, at unit length per listed item, against the entry's unit lexical
# concept profile; see ``opportunity_concept_scores``), ordered with the matches by meaning
# (``search``). The lexicon counts an HS heading for its chapter too (``with_parents``): a
# one-word query names a chapter ("cotton"), entries name headings ("cotton yarn").
# Measured with ``bench/catalogue_search.py`` on the demo expo (821 published offers and
# requests; 64 queries, 16 products in the four languages, relevance judged by the entries'
# HS codes; 23 names and nonsense strings):
# - meaning alone: 49 of the 64 queries list a relevant entry, recall of the first 10 0.47,
#   261 relevant and 109 other entries kept; names and places keep 54 (offers about Almaty,
#   Baku, ...);
# - with the products named at 0.5: 62 of 64, recall 0.67, 396 relevant and 164 other
#   entries, names and places still 54; at 0.4: 62, 0.78, 461 and 276, and "Қорғас"
#   (Khorgos: "қорғасын" is lead) finds 2 lead-ore entries more; at 0.6: 59, 0.58.
MIN_CONCEPT_SCORE: Final = 0.5

# The items of a query that lists products: commas, semicolons and "and"/"or" in the four
# languages ("wheat, cotton and tea"; "пшеница и хлопок"; "小麦、棉花和茶叶").
QUERY_ITEMS: Final = re.compile(
    r"\s*[,;，；、]\s*|\s+(?:and|or|и|или|және|немесе)\s+|[和及与或]", re.IGNORECASE
)


@dataclass(frozen=True)
class _EventConcepts:
    """The lexical concept profiles of the event's published opportunities, by concept.

    Per concept, the rows that name it and their weights (unit profiles): a query names a
    handful of concepts, so its scores add up a few short columns. ``profiles`` keeps each
    opportunity's own (concepts, weights) with the ``updated_at`` they were read at, so that
    after an edit only the changed opportunities are read and profiled again.
    """

    ids: np.ndarray  # opportunity pks, one per row
    columns: dict[int, tuple[np.ndarray, np.ndarray]]  # concept -> (rows, weights)
    profiles: dict[int, tuple[object, np.ndarray, np.ndarray]]  # pk -> (stamp, concepts, weights)


_concepts: StampedCache[_EventConcepts] = StampedCache(CACHE_EVENTS)

# Above this many changed opportunities, all are read in one query rather than by their pks.
_READ_ALL_ABOVE: Final = 500


def _opportunity_profile(
    title: str, body: str, language: str, translations: object
) -> tuple[np.ndarray, np.ndarray]:
    """The concepts an opportunity names, in its language and in each of its translations,
    with their weights in its unit profile."""
    lexicon = default_lexicon(with_parents=True)
    profile = lexicon.profile(f"{title}\n{body}", language or detect_language(f"{title} {body}"))
    for code, translated in (translations if isinstance(translations, dict) else {}).items():
        if isinstance(translated, dict):
            text = f"{translated.get('title') or ''}\n{translated.get('body') or ''}"
            profile += lexicon.profile(text, str(code))
    concepts = np.flatnonzero(profile)
    norm = float(np.linalg.norm(profile))
    return concepts, (profile[concepts] / norm if norm else profile[concepts])


def _event_concepts(event: Event) -> _EventConcepts:
    """The event's published opportunities' concept columns; after a change only the
    changed opportunities are profiled again."""
    rows = Opportunity.objects.filter(event=event, status=Opportunity.Status.PUBLISHED)

    def rebuild(previous: _EventConcepts | None) -> _EventConcepts:
        known = previous.profiles if previous is not None else {}
        stamps = dict(rows.values_list("pk", "updated_at"))
        changed = [pk for pk, stamp in stamps.items() if pk not in known or known[pk][0] != stamp]
        profiles = {pk: known[pk] for pk in stamps if pk in known and pk not in changed}
        changed_rows = rows if len(changed) > _READ_ALL_ABOVE else rows.filter(pk__in=changed)
        fields = ("pk", "updated_at", "title", "body", "language", "translations")
        for pk, stamp, title, body, language, translations in changed_rows.values_list(*fields):
            if pk not in profiles:
                profiles[pk] = (stamp, *_opportunity_profile(title, body, language, translations))
        return _columns(profiles)

    return _concepts.update((event.pk,), change_stamp(rows), rebuild)


def _columns(profiles: dict[int, tuple[object, np.ndarray, np.ndarray]]) -> _EventConcepts:
    """Per-opportunity profiles turned into per-concept columns (rows in pk order)."""
    ids = np.array(sorted(pk for pk, (_, concepts, _) in profiles.items() if len(concepts)))
    parts = [profiles[int(pk)] for pk in ids]
    if not parts:
        return _EventConcepts(np.zeros(0, dtype=np.int64), {}, profiles)
    rows = np.concatenate([np.full(len(c), row) for row, (_, c, _) in enumerate(parts)])
    concepts = np.concatenate([c for _, c, _ in parts])
    weights = np.concatenate([w for _, _, w in parts]).astype(np.float32)
    order = np.argsort(concepts, kind="stable")
    rows, concepts, weights = rows[order], concepts[order], weights[order]
    starts = np.flatnonzero(np.r_[True, concepts[1:] != concepts[:-1]])
    ends = np.r_[starts[1:], len(concepts)]
    columns = {
        int(concepts[start]): (rows[start:end], weights[start:end])
        for start, end in zip(starts, ends, strict=True)
    }
    return _EventConcepts(ids=ids.astype(np.int64), columns=columns, profiles=profiles)


def _query_languages(query: str) -> tuple[str, ...]:
    """The languages a query may be in: a Cyrillic query is Russian or Kazakh, unless it has
    a letter only Kazakh uses ("бидай", wheat, has none)."""
    language = detect_language(query)
    return ("ru", "kk") if language == "ru" else (language,)


def _query_coverage(query: str) -> np.ndarray:
    """Per concept, how much ``query`` is about it: the query's coverage of the concept's
    label (``ConceptLexicon.coverage``; the larger of Russian and Kazakh for a Cyrillic
    query), at unit length for each item the query lists.

    A word of a one-word label is about that label, not about a long label that lists it
    among others. A query listing products ("wheat, cotton and tea") is about each of them as
    much as a query naming one: the products do not share one unit vector.
    """
    lexicon = default_lexicon(with_parents=True)
    languages = _query_languages(query)
    wanted = np.zeros(lexicon.size, dtype=np.float32)
    for item in QUERY_ITEMS.split(query):
        coverage = np.max([lexicon.coverage(item, lang) for lang in languages], axis=0)
        if (norm := float(np.linalg.norm(coverage))) > 0:
            np.maximum(wanted, coverage / norm, out=wanted)
    return wanted


def opportunity_concept_scores(*, event: Event, query: str) -> dict[int, float]:
    """Published opportunities naming the products or industries ``query`` names, with
    their scores (at least ``MIN_CONCEPT_SCORE``): the query's concepts
    (``_query_coverage``) against each opportunity's unit lexical concept profile."""
    wanted = _query_coverage(query)
    if not wanted.any():
        return {}
    index = _event_concepts(event)
    scores = np.zeros(len(index.ids), dtype=np.float32)
    for concept in np.flatnonzero(wanted):
        if (column := index.columns.get(int(concept))) is not None:
            found, weights = column
            scores[found] += wanted[concept] * weights
    keep = np.flatnonzero(scores >= MIN_CONCEPT_SCORE)
    return {int(index.ids[i]): float(scores[i]) for i in keep}
