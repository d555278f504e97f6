"""Catalogue search: what the visitor typed, found literally first, then by meaning.

1. Literal matches come first: the query inside an organisation's name (in any of its
   languages) or city, or inside an offer's title, compared without case, accents or
   punctuation (``fold``), and Cyrillic also in Latin letters, so "Баку" finds the city
   written "Baku" and "Urumqi" finds "Ürümqi". An offer's title and body are searched in
   their translations too (the catalogue shows readers the one into their language). Best
   first: a whole name, then a name that starts with the query, one of its words that does,
   the query inside an organisation's name (often one compound word: "telecom" finds
   "Kazakhtelecom"); last the query only in an organisation's code or at the start of a
   word of an offer's body. Inside an offer's words it is not looked for: "мақта" (cotton)
   must not find every Kazakh text that says "ынтымақтасуға" (to cooperate). Chinese,
   written without spaces, is matched anywhere.
2. Then matches by meaning, across languages (a Russian query finds a Chinese offer), if
   they are similar enough to the query (``MIN_SIMILARITY``): a name or a nonsense word
   finds nothing there, and a page with no literal match says that nothing matches. Also
   kept: offers that name the product or industry the query names (``product_search``,
   ``keruen.matching.lexicon``), which needs no model: "мақта" (cotton, a Kazakh word the
   models barely know) finds the offers that say "棉花" or "cotton".

Only the query is encoded on a page request; opportunity vectors are the stored ones
(``OpportunityEmbedding``). They, and the folded names and texts, are kept per process while
their rows do not change. When the event has no stored vectors, or the model cannot load,
the search finds entries by their words and by the products they name, not by meaning.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final, TypeVar

import numpy as np
from django.db.models import Case, IntegerField, Model, QuerySet, Value, When

from keruen.common.listing import change_stamp
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.matching.encoder import normalise_rows
from keruen.matching.lang import detect_language
from keruen.matching.rank import DEFAULT_CONFIG, centre_by_language, language_means
from keruen.matchmaking import encoding
from keruen.matchmaking.models import OpportunityEmbedding
from keruen.matchmaking.product_search import opportunity_concept_scores
from keruen.matchmaking.search_cache import CACHE_EVENTS, StampedCache
from keruen.people.models import Organisation

MAX_RESULTS: Final = 50  # matches by meaning, at most
# Kept by meaning: a cosine of at least MIN_SIMILARITY (after per-language centring, see
# ``_EventMatrix``) and at least RELATIVE_SIMILARITY times the query's best one. Measured on
# the demo expo (800 offers and requests in four languages) with 52 queries for 12 products
# in the four languages, relevance judged by product words in the titles, and 23 names and
# nonsense strings ("xyzzy", "qqqqqq", "фывапр", "12345", "Absheron", "Shanghai", ...):
# - nonsense scores at most 0.142, place names no offer is about 0.167 (Shanghai) and 0.174
#   (Sumgait); at 0.18 none of them keeps anything, at 0.16 three of them keep 5 entries;
# - the best relevant entry of 48 of the 52 queries scores 0.18 or more, across languages
#   too ("小麦" -> Russian wheat offers 0.252, "удобрения" -> "phosphate fertilisers"
#   0.191); below are "курага" (0.14) and three Kazakh words the models barely know
#   ("астық" 0.06, "мақта" 0.11, "күн панельдері" 0.17);
# - at 0.18, 297 relevant and 84 other entries are kept over the 52 queries (the other ones
#   mostly related: bed linen for "cotton"); half the best score as well: 288 and 71.
# The former rule (0.12, or 2 standard deviations above the query's mean) kept the top 2-3 %
# of any catalogue whatever the query: 16 to 29 entries for every nonsense string.
MIN_SIMILARITY: Final = 0.18
RELATIVE_SIMILARITY: Final = 0.5
# Matches by meaning and by the products named are ordered together by cosine +
# CONCEPT_WEIGHT x concept score (``product_search``): the lexical weight of the core's ranker.
CONCEPT_WEIGHT: Final = DEFAULT_CONFIG.lexical_weight

M = TypeVar("M", bound=Model)


# --- literal matching -------------------------------------------------------------------

_NOT_A_WORD = re.compile(r"[\W_]+")
_ACCENTS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Russian, Kazakh and other Central Asian Cyrillic letters as names are usually written in
# Latin letters (Kazakh "қ" as the "k" of "Aktobe", "ң" as the "n" of "Zhanatas").
_LATIN: Final = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
        **{"ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ь": ""},
        **{"ю": "yu", "я": "ya"},
        **dict(zip("әғқңөұүһіҳҷ", "agknouuhihj", strict=True)),
    }
)


def fold(text: str) -> str:
    """``text`` for comparison: lower case, no accents, words separated by single spaces.

    "Ürümqi" -> "urumqi", "ООО «Абшерон-Агро»" -> "ооо абшерон агро", "Ёлка" -> "елка";
    full-width letters become plain ones. "й" stays itself: a letter, not an accented "и".
    """
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded).replace("и\u0306", "й")
        folded = _ACCENTS.sub("", decomposed)
    return _NOT_A_WORD.sub(" ", folded).strip()


def _forms(text: str) -> tuple[str, ...]:
    """The folded text, and its Latin transliteration if it has Cyrillic letters."""
    folded = fold(text)
    if not _CYRILLIC.search(folded):
        return (folded,) if folded else ()
    return (folded, folded.translate(_LATIN))


# Literal tiers, best first.
EXACT, PREFIX, WORD_PREFIX, INSIDE, ELSEWHERE = range(5)


@dataclass(frozen=True)
class _Searchable:
    pk: int
    names: tuple[str, ...]  # names, city, title: folded and in Latin letters; every tier
    others: tuple[str, ...]  # code, body: folded only (a Cyrillic query is also tried in
    # Latin letters, which is the way that matters: "Хоргос" finds "Khorgos"); ELSEWHERE
    # Whether the query may also be found inside a word of a name: organisation names are
    # often one compound word ("Kazakhtelecom"), offer titles are sentences.
    inside_words: bool = False


def _searchable(
    pk: int, names: Iterable[str], others: Iterable[str], *, inside_words: bool = False
) -> _Searchable:
    return _Searchable(
        pk=pk,
        names=tuple(dict.fromkeys(form for name in names for form in _forms(name))),
        others=tuple(dict.fromkeys(folded for other in others if (folded := fold(other)))),
        inside_words=inside_words,
    )


def _starts_a_word(query: str, text: str) -> bool:
    """``query`` at the start of a word of ``text``: at the start of the text, after a space
    or after a Chinese character (Chinese puts no space before "PVC" in "悬浮法PVC树脂");
    anywhere if the query is Chinese, which has no spaces between words. A Kazakh or Russian
    word may go on with its endings ("мақта" finds "мақтаны"), but a word that merely holds
    the query does not count: "мақта" (cotton) is inside "ынтымақтасуға" (to cooperate)."""
    if _HAN.search(query):
        return query in text
    at = text.find(query)
    while at >= 0:
        if at == 0 or text[at - 1] == " " or _HAN.match(text[at - 1]):
            return True
        at = text.find(query, at + 1)
    return False


def _tier(item: _Searchable, queries: tuple[str, ...]) -> int | None:
    best: int | None = None
    for name in item.names:
        for query in queries:
            if query not in name:
                continue
            if name == query:
                return EXACT
            if name.startswith(query):
                tier = PREFIX
            elif _starts_a_word(query, name):
                tier = WORD_PREFIX
            elif item.inside_words:
                tier = INSIDE
            else:
                continue
            best = tier if best is None else min(best, tier)
    if best is None and any(
        _starts_a_word(query, text) for text in item.others for query in queries
    ):
        return ELSEWHERE
    return best


def _literal_tiers(items: Iterable[_Searchable], query: str) -> dict[int, int]:
    """pk -> literal tier of every item in which ``query`` is found."""
    queries = _forms(query)
    if not queries:
        return {}
    tiers = {}
    for item in items:
        tier = _tier(item, queries)
        if tier is not None:
            tiers[item.pk] = tier
    return tiers


_organisation_texts: StampedCache[tuple[_Searchable, ...]] = StampedCache(CACHE_EVENTS)
_opportunity_texts: StampedCache[tuple[_Searchable, ...]] = StampedCache(CACHE_EVENTS)


def _organisation_items(event: Event) -> tuple[_Searchable, ...]:
    rows = Organisation.objects.filter(event=event)

    def build() -> tuple[_Searchable, ...]:
        return tuple(
            _searchable(
                pk, [*(str(n) for n in (name or {}).values()), city], [code], inside_words=True
            )
            for pk, name, city, code in rows.values_list("pk", "name", "city", "code")
        )

    return _organisation_texts.get((event.pk,), change_stamp(rows), build)


def _opportunity_items(event: Event) -> tuple[_Searchable, ...]:
    rows = Opportunity.objects.filter(event=event)

    def build() -> tuple[_Searchable, ...]:
        items = []
        for pk, title, body, translations in rows.values_list(
            "pk", "title", "body", "translations"
        ):
            # Readers see the translation into their language, when there is one.
            translated = [t for t in (translations or {}).values() if isinstance(t, dict)]
            titles = [title, *(str(t.get("title") or "") for t in translated)]
            bodies = [body, *(str(t.get("body") or "") for t in translated)]
            items.append(_searchable(pk, titles, bodies))
        return tuple(items)

    return _opportunity_texts.get((event.pk,), change_stamp(rows), build)


# --- matching by meaning ------------------------------------------------------------------


@dataclass(frozen=True)
class _EventMatrix:
    """The event's published opportunity vectors, centred per language.

    Multilingual models put every text about 0.55 from every other, and texts of one
    language share a direction of their own: with only the event's mean taken out, a query
    preferred anything in its own language, and nonsense scored as high as a real match
    written in another (0.20). So each row is centred on its language's mean, and the
    query on the mean of the language it is written in, as the matching core does
    (``keruen.matching.rank``); a language with few rows uses the event's mean.
    """

    ids: np.ndarray  # opportunity pks, one per row
    vectors: np.ndarray  # centred unit rows
    means: dict[str, np.ndarray]  # per language with enough rows
    mean: np.ndarray  # of the whole event
    rows: dict[int, int]  # opportunity pk -> row


_matrices: StampedCache[_EventMatrix] = StampedCache(CACHE_EVENTS)


def _event_matrix(event: Event, model_name: str) -> _EventMatrix | None:
    """The event's published opportunity vectors, read from the database only on change."""
    stored = OpportunityEmbedding.objects.filter(
        opportunity__event=event,
        opportunity__status=Opportunity.Status.PUBLISHED,
        model_name=model_name,
    ).order_by("opportunity_id")
    stamps = list(stored.values_list("opportunity_id", "updated_at", "opportunity__language"))
    if not stamps:
        return None

    def build() -> _EventMatrix:
        rows = list(stored.values_list("opportunity_id", "vector", "opportunity__language"))
        raw = np.stack([encoding.vector_from_bytes(blob) for _, blob, _ in rows])
        languages = [language or "" for _, _, language in rows]
        mean = raw.mean(axis=0)
        return _EventMatrix(
            ids=np.array([pk for pk, _, _ in rows], dtype=np.int64),
            vectors=centre_by_language(
                raw, languages, fallback_means=dict.fromkeys(languages, mean)
            ),
            means=language_means(raw, languages),
            mean=mean,
            rows={pk: row for row, (pk, _, _) in enumerate(rows)},
        )

    fingerprint = hashlib.sha256(repr(stamps).encode()).hexdigest()
    return _matrices.get((event.pk, model_name), fingerprint, build)


@dataclass(frozen=True)
class _Meaning:
    """A query's cosines to the published opportunities, and which are close enough."""

    matrix: _EventMatrix
    scores: np.ndarray  # one cosine per row of ``matrix``
    kept: list[int]  # pks at least MIN_SIMILARITY and RELATIVE_SIMILARITY x the best

    def cosine(self, pk: int) -> float:
        row = self.matrix.rows.get(pk)
        return float(self.scores[row]) if row is not None else 0.0


def _meaning(event: Event, query: str) -> _Meaning | None:
    """None when semantic search is not available for this event (no stored vectors yet,
    or no model)."""
    model_name = encoding.event_encoder().name
    matrix = _event_matrix(event, model_name)
    if matrix is None:
        return None
    vector = encoding.encode_query(query)
    if vector is None or vector.shape[0] != matrix.vectors.shape[1]:
        return None
    language_mean = matrix.means.get(detect_language(query), matrix.mean)
    scores = matrix.vectors @ normalise_rows((vector - language_mean)[None, :])[0]
    if scores.size == 0:
        return _Meaning(matrix, scores, [])
    floor = max(MIN_SIMILARITY, RELATIVE_SIMILARITY * float(scores.max()))
    keep = np.flatnonzero(scores >= floor)
    return _Meaning(matrix, scores, [int(matrix.ids[i]) for i in keep])


def opportunity_semantic_ranking(
    *, event: Event, query: str, among: Collection[int] | None = None
) -> list[int] | None:
    """Pks of the event's published opportunities that match ``query`` by meaning or by the
    products and industries they name, best first (at most ``MAX_RESULTS``), only those in
    ``among`` if given: the visitor's filters apply before the cap, so a broad query does not
    fill the list with entries the filters then hide.

    Both kinds are ordered together by cosine + ``CONCEPT_WEIGHT`` x concept score: an entry
    kept for the product it names keeps its cosine too, so it is not listed after entries
    that are merely close in meaning. None when neither kind is available (no stored
    vectors or no model, and no concept named).
    """
    query = query.strip()
    if not query:
        return None
    meaning = _meaning(event, query)
    concepts = opportunity_concept_scores(event=event, query=query)
    if meaning is None and not concepts:
        return None
    kept = set(meaning.kept if meaning is not None else ()) | set(concepts)
    if among is not None:
        kept &= set(among)
    combined = {
        pk: (meaning.cosine(pk) if meaning is not None else 0.0)
        + CONCEPT_WEIGHT * concepts.get(pk, 0.0)
        for pk in kept
    }
    return sorted(combined, key=lambda pk: (-combined[pk], pk))[:MAX_RESULTS]


# --- the catalogue's querysets ------------------------------------------------------------


def _ranked(
    rows: QuerySet[M], *, literal: dict[int, int], meaning: list[int], then: tuple[str, ...]
) -> QuerySet[M]:
    """``rows`` found literally (by tier) or by meaning (in that order, after them)."""
    by_tier: dict[int, list[int]] = {}
    for pk, tier in literal.items():
        by_tier.setdefault(tier, []).append(pk)
    meaning = [pk for pk in dict.fromkeys(meaning) if pk not in literal]
    if not literal and not meaning:
        return rows.none()
    rank = Case(
        *[When(pk__in=pks, then=Value(tier)) for tier, pks in sorted(by_tier.items())],
        *[When(pk=pk, then=Value(ELSEWHERE + 1 + i)) for i, pk in enumerate(meaning)],
        default=Value(ELSEWHERE + 1 + len(meaning)),
        output_field=IntegerField(),
    )
    return (
        rows.filter(pk__in=[*literal, *meaning])
        .annotate(search_rank=rank)
        .order_by("search_rank", *then)
    )


def opportunity_queryset_search(
    opportunities: QuerySet[Opportunity], *, event: Event, query: str
) -> QuerySet[Opportunity]:
    """``opportunities`` (already filtered) narrowed to those matching ``query``.

    Those with the query in their title first (a whole title, then the start of one, ...),
    then those with it in their body, then those close in meaning, by similarity.
    """
    literal = _literal_tiers(_opportunity_items(event), query)
    among = set(opportunities.values_list("pk", flat=True))
    meaning = opportunity_semantic_ranking(event=event, query=query, among=among) or []
    return _ranked(opportunities, literal=literal, meaning=meaning, then=("-created_at", "id"))


def organisation_queryset_search(
    organisations: QuerySet[Organisation], *, event: Event, query: str
) -> QuerySet[Organisation]:
    """``organisations`` narrowed to those matching ``query``.

    Those with the query in a name or their city first (a whole name, then the start of
    one, ...; alphabetically within each), then those with it in their code, then those whose
    published offers or requests are close to it in meaning, in the order of their best one.
    """
    literal = _literal_tiers(_organisation_items(event), query)
    meaning: list[int] = []
    among = set(
        Opportunity.objects.filter(event=event, organisation__in=organisations).values_list(
            "pk", flat=True
        )
    )
    if ranked := opportunity_semantic_ranking(event=event, query=query, among=among):
        owners = dict(
            Opportunity.objects.filter(event=event, pk__in=ranked).values_list(
                "pk", "organisation_id"
            )
        )
        meaning = [owners[pk] for pk in ranked if pk in owners]
    return _ranked(organisations, literal=literal, meaning=meaning, then=("search_text", "id"))


def search_stamp_sources(*, event: Event) -> list[QuerySet[OpportunityEmbedding]]:
    """What a text search's results depend on besides the listed rows: the embeddings. A
    result cached before the embedding job had finished holds literal matches only; it must
    not outlive the job."""
    return [OpportunityEmbedding.objects.filter(opportunity__event=event)]
