"""The taxonomy concepts a text names, found by its words: a bag of concepts for any language.

The 556 concepts of ``keruen.matching.concepts`` (HS headings and chapters, ISIC divisions,
expo sectors) are labelled in English, Chinese, Russian and Kazakh. Each label gives a handful
of *terms*: words cut to their first ``STEM_LENGTH`` letters (Russian and Kazakh inflect by
suffix, so "пшеница", "пшеницу" and "пшеницы" share "пшени"; "бидай", "бидайды" share
"бидай"), or, for Chinese, which is written without spaces, the character pairs of each
phrase ("小麦" in "优质小麦出口"). A term weighs ``log(concepts / concepts whose label holds
it)`` in its language, so "wheat" counts and "manufacture" hardly does.

A text's *lexical concept profile* sums, for each concept, the weights of the concept's terms
that occur in the text (in the text's own language), and is normalised to unit length. Two
texts are compared by the cosine of their profiles. A Kazakh request naming "бидай" and a
Chinese offer naming "小麦" meet on HS 1001 without any model: the signal is exactly where the
embedding model is weakest (Kazakh, and the near-miss products of one sector). A text that
names no concept has a zero profile and scores 0 against everything: the term then leaves the
ranking to the other views.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from keruen.matching.encoder import Matrix

# Truncation stemming: long enough to tell "пшеница" (wheat) from "пшено" (millet), short
# enough to reach past Russian case endings and the first Kazakh suffix.
STEM_LENGTH: Final = 5
MIN_WORD_LENGTH: Final = 3

# Function words of the labels; short words (under MIN_WORD_LENGTH letters) are dropped anyway.
FUNCTION_WORDS: Final = {
    "en": "and but for from including its not other others than the their thereof with without",
    "ru": "или для кроме прочие прочих прочее также более чем других другие которые как его",
    "kk": "және немесе басқа үшін сондай сияқты оның олардың бар жоқ емес",
}
STOP_WORDS: Final = frozenset(word for words in FUNCTION_WORDS.values() for word in words.split())

# Chinese phrases are split at anything not Han, at "其他" (other) and at the connectives
# and/or/of/with before pairing characters: a pair across "及" (and) is not a term.
CHINESE_BREAKS: Final = re.compile(r"[^\u4e00-\u9fff]+|其他|[及和或的与]")
WORD: Final = re.compile(r"\w+")
HAN: Final = re.compile(r"[\u4e00-\u9fff]")
# The items a Chinese label lists: "马、驴、骡" (horses, asses, mules), "盐；硫磺；…".
LABEL_ITEMS: Final = re.compile(r"\s*[；;，,、（）()]\s*")

# With parents (the catalogue search's lexicon), a text naming an HS heading also names its
# chapter at this share of the heading's weight: "cotton yarn" (5205) is about cotton (52),
# and a one-word query for cotton should find it. The ranker of two long texts does without:
# they name headings of their own, and chapters only widen the collisions of truncated words
# ("protein" and "protecting"): top-1 0.716 with parents against 0.727 without (measured
# before single Chinese characters were terms).
PARENT_SHARE: Final = 0.5

# The label languages of ``concepts.LABEL_LANGUAGES`` under the codes of ``lang.LANGUAGES``.
LABEL_COLUMNS: Final = {"en": 0, "zh": 1, "ru": 2, "kk": 3}


def text_terms(text: str, language: str, *, label: bool = False) -> set[str]:
    """The terms of ``text`` written in ``language`` (one of en, zh, ru, kk).

    Chinese: the character pairs of each phrase, and single characters, which only a label
    item written in one character ("茶", tea; "盐" in "盐；硫磺；…", salt) has among its
    terms: a text's single characters meet those labels and nothing else. ``label`` says
    ``text`` is a label.
    """
    text = text.lower()
    if language == "zh":
        terms = {
            phrase[i : i + 2]
            for phrase in CHINESE_BREAKS.split(text)
            for i in range(len(phrase) - 1)
        }
        if label:
            terms.update(item for item in LABEL_ITEMS.split(text) if HAN.fullmatch(item))
        else:
            terms.update(HAN.findall(text))
        return terms
    return {
        word[:STEM_LENGTH]
        for word in WORD.findall(text)
        if len(word) >= MIN_WORD_LENGTH and word not in STOP_WORDS and not word.isdigit()
    }


@dataclass(frozen=True)
class ConceptLexicon:
    """Per language, each term's concepts with the term's weight; ``size`` concepts in all.

    ``label_weights[language][concept]`` is the weight of all the concept's label terms;
    ``parents[concept]`` the row of the concept that holds it, or -1 (all -1 if not given).
    """

    terms: dict[str, dict[str, tuple[tuple[int, float], ...]]]
    label_weights: dict[str, Matrix]
    size: int
    parents: np.ndarray | None = None

    def profile(self, text: str, language: str | None) -> Matrix:
        """The text's concept weights (not normalised); zeros for a language without labels.

        ``language`` is a code as ``detect_language`` gives, or a tag such as ``zh-Hans``.
        """
        return self._with_parents(self._term_weights(text, language))

    def coverage(self, text: str, language: str | None) -> Matrix:
        """Per concept, the share of its label's term weight that ``text`` holds (0 to 1).

        For a short query: "мақта" (cotton) holds all of "Cotton" but a fifth of
        "Sunflower-seed, safflower or cotton-seed oil", so it is about the first.
        """
        totals = self.label_weights.get(_label_language(language))
        if totals is None:
            return np.zeros(self.size, dtype=np.float32)
        weights = self._term_weights(text, language)
        share: Matrix = np.divide(weights, totals, out=np.zeros_like(totals), where=totals > 0)
        if self.parents is not None:  # a share: the chapter's own, or the heading's half
            has_parent = (self.parents >= 0) & (share > 0)
            np.maximum.at(share, self.parents[has_parent], PARENT_SHARE * share[has_parent])
        return share

    def _term_weights(self, text: str, language: str | None) -> Matrix:
        """Per concept, the weight of its label terms found in ``text``."""
        row = np.zeros(self.size, dtype=np.float32)
        language = _label_language(language)
        index = self.terms.get(language)
        if index is None:
            return row
        for term in text_terms(text, language):
            for concept, weight in index.get(term, ()):
                row[concept] += weight
        return row

    def _with_parents(self, row: Matrix) -> Matrix:
        """``row`` with ``PARENT_SHARE`` of each concept's value added to its parent's."""
        if self.parents is None:
            return row
        has_parent = (self.parents >= 0) & (row > 0)
        np.add.at(row, self.parents[has_parent], PARENT_SHARE * row[has_parent])
        return row


def _label_language(language: str | None) -> str:
    """A language code or tag as the lexicon's keys: "zh-Hans" is "zh"; None is none."""
    return (language or "").lower().split("-")[0]


def build_lexicon(
    labels: Sequence[tuple[str, ...]], parents: Sequence[int] | None = None
) -> ConceptLexicon:
    """Index the labels' terms per language; ``labels`` as ``concepts.concept_labels()``,
    ``parents`` as ``concepts.concept_parents()``."""
    terms: dict[str, dict[str, tuple[tuple[int, float], ...]]] = {}
    label_weights: dict[str, Matrix] = {}
    for language, column in LABEL_COLUMNS.items():
        concepts_of: dict[str, list[int]] = {}
        for concept, concept_labels in enumerate(labels):
            for term in text_terms(concept_labels[column], language, label=True):
                concepts_of.setdefault(term, []).append(concept)
        terms[language] = {
            term: tuple((concept, math.log(len(labels) / len(found))) for concept in found)
            for term, found in concepts_of.items()
            if len(found) < len(labels)  # a term of every label tells nothing
        }
        totals = np.zeros(len(labels), dtype=np.float32)
        for entries in terms[language].values():
            for concept, weight in entries:
                totals[concept] += weight
        label_weights[language] = totals
    return ConceptLexicon(
        terms=terms,
        label_weights=label_weights,
        size=len(labels),
        parents=None if parents is None else np.asarray(parents, dtype=np.int64),
    )


_LOCK = threading.Lock()
_DEFAULT: dict[bool, ConceptLexicon] = {}


def default_lexicon(*, with_parents: bool = False) -> ConceptLexicon:
    """The lexicon of the shipped taxonomy labels, built once per process (0.02 s);
    ``with_parents``, HS headings also count for their chapters (``PARENT_SHARE``)."""
    with _LOCK:
        if with_parents not in _DEFAULT:
            from keruen.matching.concepts import concept_labels, concept_parents

            parents = concept_parents() if with_parents else None
            _DEFAULT[with_parents] = build_lexicon(concept_labels(), parents)
        return _DEFAULT[with_parents]


def lexical_profiles(
    texts: Sequence[str], languages: Sequence[str | None], lexicon: ConceptLexicon | None = None
) -> Matrix:
    """Unit-length lexical concept profiles, one row per text (zero rows for no concept)."""
    lexicon = lexicon or default_lexicon()
    # Filled and normalised in place: 50,000 profiles are 111 MB, and a list of rows stacked
    # and then normalised into new arrays held three copies at once.
    profiles = np.zeros((len(texts), lexicon.size), dtype=np.float32)
    for row, (text, lang) in enumerate(zip(texts, languages, strict=True)):
        profiles[row] = lexicon.profile(text, lang)
    norms = np.linalg.norm(profiles, axis=1, keepdims=True)
    np.divide(profiles, norms, out=profiles, where=norms > 0)
    return profiles


def lexical_similarity(
    queries: Sequence[str],
    candidates: Sequence[str],
    query_languages: Sequence[str | None],
    candidate_languages: Sequence[str | None],
) -> Matrix:
    """Cosine of the lexical concept profiles of queries and candidates."""
    query_profiles = lexical_profiles(queries, query_languages)
    candidate_profiles = lexical_profiles(candidates, candidate_languages)
    product: Matrix = query_profiles @ candidate_profiles.T
    return product
