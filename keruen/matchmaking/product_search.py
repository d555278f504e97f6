"""Catalogue search by the products and industries named (``keruen.matching.lexicon``).

A query naming a product ("мақта", cotton) keeps the published offers and requests that name
it, in any of the four languages and with no model; ``search`` orders them with the matches
by meaning.
"""

from __future__ import annotations

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
# query's concept coverage, unit length, against the offer's unit lexical concept profile;
# see ``opportunity_concept_scores``). Ordered with the meaning matches by cosine +
# CONCEPT_WEIGHT x this score (``search``). The lexicon counts an HS heading for its chapter
# too (``with_parents``): a one-word query names a chapter ("cotton"), offers name headings
# ("cotton yarn"). Measured on the demo expo (821
# published offers and requests) with 64 queries, 16 products in the four languages,
# relevance judged by the entries' HS codes, and 23 names and nonsense strings:
# - meaning alone: 49 of the 64 queries list a relevant entry, recall of the first 10 0.47,
#   261 relevant and 109 other entries kept; it misses "бидай", "мақта", "шай", "көмір",
#   "дрондар", "кілемдер", "сиыр еті", "地毯", "rebar", "арматура", ...;
# - with concepts at 0.5: 62 of 64, recall 0.72, 420 relevant and 173 other entries (the
#   others mostly neighbours: drip irrigation for "cotton", solar EPC for "solar
#   modules"); at 0.4: 62, 0.81, 476 and 324; at 0.3: 63, 0.84, 511 and 699. Without the
#   chapters and with a Cyrillic query read in one language (``_query_languages``), 59 at
#   0.4: "бидай", "шай" and "дрондар" found nothing;
# - the concepts add nothing for names and nonsense at 0.5; at 0.4 "Қорғас" (Khorgos),
#   whose first letters are those of "қорғасын" (lead), finds lead-ore entries.
MIN_CONCEPT_SCORE: Final = 0.5


@dataclass(frozen=True)
class _EventConcepts:
    """The lexical concept profiles of the event's published opportunities, by concept.

    Per concept, the rows that name it and their weights (unit profiles): a query names a
    handful of concepts, so its scores add up a few short columns.
    """

    ids: np.ndarray  # opportunity pks, one per row
    columns: dict[int, tuple[np.ndarray, np.ndarray]]  # concept -> (rows, weights)


_concepts: StampedCache[_EventConcepts] = StampedCache(CACHE_EVENTS)


def _opportunity_profile(title: str, body: str, language: str, translations: object) -> np.ndarray:
    """The concepts an opportunity names, in its language and in each of its translations."""
    lexicon = default_lexicon(with_parents=True)
    profile = lexicon.profile(f"{title}\n{body}", language or detect_language(f"{title} {body}"))
    for code, translated in (translations if isinstance(translations, dict) else {}).items():
        if isinstance(translated, dict):
            text = f"{translated.get('title') or ''}\n{translated.get('body') or ''}"
            profile += lexicon.profile(text, str(code))
    return profile


def _event_concepts(event: Event) -> _EventConcepts:
    """The event's published opportunities' concept columns, rebuilt only on change."""
    rows = Opportunity.objects.filter(event=event, status=Opportunity.Status.PUBLISHED)

    def build() -> _EventConcepts:
        ids: list[int] = []
        by_concept: dict[int, tuple[list[int], list[float]]] = {}
        values = rows.order_by("pk").values_list("pk", "title", "body", "language", "translations")
        for pk, title, body, language, translations in values:
            profile = _opportunity_profile(title, body, language, translations)
            norm = float(np.linalg.norm(profile))
            if norm == 0:
                continue
            row = len(ids)
            ids.append(pk)
            for concept in np.flatnonzero(profile):
                found = by_concept.setdefault(int(concept), ([], []))
                found[0].append(row)
                found[1].append(float(profile[concept]) / norm)
        columns = {
            concept: (np.array(found, dtype=np.int64), np.array(weights, dtype=np.float32))
            for concept, (found, weights) in by_concept.items()
        }
        return _EventConcepts(ids=np.array(ids, dtype=np.int64), columns=columns)

    return _concepts.get((event.pk,), change_stamp(rows), build)


def _query_languages(query: str) -> tuple[str, ...]:
    """The languages a query may be in: a Cyrillic query is Russian or Kazakh, unless it has
    a letter only Kazakh uses ("бидай", wheat, has none)."""
    language = detect_language(query)
    return ("ru", "kk") if language == "ru" else (language,)


def opportunity_concept_scores(*, event: Event, query: str) -> dict[int, float]:
    """Published opportunities naming the products or industries ``query`` names, with
    their scores (at least ``MIN_CONCEPT_SCORE``).

    The query counts a concept by the share of its label it holds (``coverage``): a word
    of a one-word label is about that label, not about a long label that lists it among
    others. Its coverage vector (the larger of Russian and Kazakh for a Cyrillic query), at
    unit length, is compared with each opportunity's unit lexical concept profile.
    """
    lexicon = default_lexicon(with_parents=True)
    coverage = np.max([lexicon.coverage(query, lang) for lang in _query_languages(query)], axis=0)
    norm = float(np.linalg.norm(coverage))
    if norm == 0:
        return {}
    index = _event_concepts(event)
    scores = np.zeros(len(index.ids), dtype=np.float32)
    for concept in np.flatnonzero(coverage):
        if (column := index.columns.get(int(concept))) is not None:
            found, weights = column
            scores[found] += (coverage[concept] / norm) * weights
    keep = np.flatnonzero(scores >= MIN_CONCEPT_SCORE)
    return {int(index.ids[i]): float(scores[i]) for i in keep}
