"""Character n-gram TF-IDF: a small exact-term signal (standards, model numbers, names).

Across scripts it is near chance, but digits and Latin codes ("IEC 61215", "TOPCon", "HS 1001")
are written the same way in all four languages, and that is what it is kept for.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from keruen.matching.encoder import Matrix

NGRAM_SIZES = (3, 4, 5)
_SPACES = re.compile(r"\s+")


def char_ngrams(text: str) -> Counter[str]:
    """Count character 3-, 4- and 5-grams of the lower-cased text, padded with spaces."""
    padded = " " + _SPACES.sub(" ", text.lower()).strip() + " "
    grams: Counter[str] = Counter()
    for size in NGRAM_SIZES:
        grams.update(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def _weigh(grams: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    # Sublinear tf: a word repeated five times is not five times as informative.
    weights = {g: (1.0 + math.log(n)) * idf[g] for g, n in grams.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {g: w / norm for g, w in weights.items()}


def tfidf_similarity(queries: Sequence[str], candidates: Sequence[str]) -> Matrix:
    """Cosine similarity of char n-gram TF-IDF vectors; IDF over queries and candidates."""
    query_grams = [char_ngrams(t) for t in queries]
    cand_grams = [char_ngrams(t) for t in candidates]
    doc_freq: Counter[str] = Counter()
    for grams in (*query_grams, *cand_grams):
        doc_freq.update(grams.keys())
    n_docs = len(query_grams) + len(cand_grams)
    idf = {g: math.log((1 + n_docs) / (1 + df)) + 1.0 for g, df in doc_freq.items()}
    postings: dict[str, list[tuple[int, float]]] = {}
    for col, grams in enumerate(cand_grams):
        for gram, weight in _weigh(grams, idf).items():
            postings.setdefault(gram, []).append((col, weight))
    scores = np.zeros((len(queries), len(candidates)), dtype=np.float32)
    for row, grams in enumerate(query_grams):
        for gram, weight in _weigh(grams, idf).items():
            for col, cand_weight in postings.get(gram, ()):
                scores[row, col] += weight * cand_weight
    return scores
