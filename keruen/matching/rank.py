"""Text-only cross-lingual ranking: ``rank_texts`` and the similarity it is built on.

The score of a query against a candidate is

    e5_weight * cos_e5 + concept_weight * cos(concept profiles, e5) + use_weight * cos_use
        + lexical_weight * cos(lexical concept profiles) + tfidf_weight * cos_tfidf

where the two model cosines are computed after *per-language mean-centring*: each language's
mean vector, over the texts given in the same call, is subtracted (separately for queries and
for candidates) and rows are re-normalised. Embeddings of one language share a common
direction; removing it stops a query from preferring candidates merely written in its own
language. The concept term compares the two texts' e5 cosines to 556 language-balanced anchors
built from the shipped HS/ISIC/sector labels (``keruen.matching.concepts``); the lexical term
compares which of those concepts the two texts name in words (``keruen.matching.lexicon``),
with no model at all. Finally *CSLS*
(Conneau et al., 2018) corrects hubness: a candidate close to every
query is penalised by its mean similarity to its k nearest queries (and symmetrically).
Both tricks are transductive: they use the pool of the call, which an event always has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from keruen.matching.concepts import concept_anchors, concept_similarity
from keruen.matching.encoder import Encoder, Kind, Matrix, default_e5, default_use, normalise_rows
from keruen.matching.lang import detect_language
from keruen.matching.lexicon import lexical_similarity
from keruen.matching.tfidf import tfidf_similarity

# Below this many texts a language's mean is mostly the texts themselves; subtracting it
# would erase their content rather than the language's bias.
MIN_GROUP_FOR_CENTRING = 5


@dataclass(frozen=True)
class RankConfig:
    """Weights and switches of the ranker; the defaults are the measured best principled set."""

    e5_weight: float = 1.0
    use_weight: float = 0.5
    tfidf_weight: float = 0.1
    centre: bool = True
    # 0 switches CSLS off. 5, not the CSLS paper's 10: better on the development file and on
    # the corpus's held-out items alike (docs/matching.md, "A second test set").
    csls_k: int = 5
    e5_symmetric: bool = True  # "query:" prefix on both sides (see E5Encoder)
    # e5 with the trade-language adapter (keruen.matching.e5_adapter): a text's four
    # language versions brought together.
    e5_adapted: bool = True
    # Cosine of e5 concept profiles over the taxonomy anchors (keruen.matching.concepts):
    # a second view of the e5 embedding, weighted like the other second view (USE).
    concept_weight: float = 0.5
    # Cosine of the concepts the texts name in words (keruen.matching.lexicon): a third,
    # model-free view, weighted like the two others.
    lexical_weight: float = 0.5


DEFAULT_CONFIG = RankConfig()
RAW_MODEL_CONFIG = RankConfig(
    use_weight=0.0,
    tfidf_weight=0.0,
    centre=False,
    csls_k=0,
    e5_symmetric=False,
    e5_adapted=False,
    concept_weight=0.0,
    lexical_weight=0.0,
)
TFIDF_CONFIG = RankConfig(
    e5_weight=0.0,
    use_weight=0.0,
    tfidf_weight=1.0,
    centre=False,
    csls_k=0,
    concept_weight=0.0,
    lexical_weight=0.0,
)


def centre_by_language(
    vectors: Matrix, languages: Sequence[str], *, fallback_means: dict[str, Matrix] | None = None
) -> Matrix:
    """Subtract each language's mean row and re-normalise.

    A language with fewer than ``MIN_GROUP_FOR_CENTRING`` rows uses ``fallback_means[lang]``
    if given (e.g. the mean over the whole event), otherwise it is left as it is.
    """
    out = vectors.copy()
    langs = np.asarray(languages)
    for lang in dict.fromkeys(languages):
        rows = langs == lang
        if rows.sum() >= MIN_GROUP_FOR_CENTRING:
            out[rows] -= vectors[rows].mean(axis=0)
        elif fallback_means is not None and lang in fallback_means:
            out[rows] -= fallback_means[lang]
    return normalise_rows(out)


def language_means(vectors: Matrix, languages: Sequence[str]) -> dict[str, Matrix]:
    """Mean row per language, for languages with enough rows to make it meaningful."""
    langs = np.asarray(languages)
    means: dict[str, Matrix] = {}
    for lang in dict.fromkeys(languages):
        rows = langs == lang
        if rows.sum() >= MIN_GROUP_FOR_CENTRING:
            means[lang] = vectors[rows].mean(axis=0)
    return means


def weighted_blocks(blocks: Sequence[tuple[Matrix, float]]) -> Matrix:
    """Unit-row blocks side by side, each scaled by ``sqrt(weight / total weight)``.

    The inner product of two rows is then the weighted mean of the blocks' cosines, and rows
    keep unit length: a vector index that searches by inner product ranks by that mean, as
    ``similarity_matrix`` ranks by the weighted sum. Blocks of weight 0 are left out.
    """
    kept = [(block, weight) for block, weight in blocks if weight > 0]
    total = sum(weight for _, weight in kept)
    if total <= 0:
        raise ValueError("weighted_blocks needs at least one block of positive weight")
    scaled = [block * np.float32(np.sqrt(weight / total)) for block, weight in kept]
    return np.hstack(scaled).astype(np.float32, copy=False)


def csls(similarity: Matrix, k: int) -> Matrix:
    """Cross-domain similarity local scaling: ``2 s - r_query - r_candidate``.

    With fewer than ``k`` rows on a side, that side's term uses all rows; with one query the
    candidate term is the similarity itself and CSLS leaves the ranking unchanged, as it should.
    """
    n_queries, n_cands = similarity.shape
    if k <= 0 or n_queries == 0 or n_cands == 0:
        return similarity
    kq, kc = min(k, n_cands), min(k, n_queries)
    r_query = np.sort(similarity, axis=1)[:, n_cands - kq :].mean(axis=1)
    r_cand = np.sort(similarity, axis=0)[n_queries - kc :, :].mean(axis=0)
    out: Matrix = (2 * similarity - r_query[:, None] - r_cand[None, :]).astype(np.float32)
    return out


def _default_encoder(which: str, config: RankConfig) -> Encoder:
    if which == "e5":
        return default_e5(config.e5_symmetric, config.e5_adapted)
    return default_use()


def _encode_pair(
    encoder: Encoder,
    queries: Sequence[str],
    candidates: Sequence[str],
    query_langs: Sequence[str],
    cand_langs: Sequence[str],
    centre: bool,
) -> tuple[Matrix, Matrix]:
    kinds: tuple[Kind, Kind] = ("query", "passage")
    q = encoder.encode(queries, kind=kinds[0])
    c = encoder.encode(candidates, kind=kinds[1])
    if centre:
        # The other side's mean of the same language is the fallback for a lone query: it
        # still carries the language bias, which is what we want to remove.
        q_means, c_means = language_means(q, query_langs), language_means(c, cand_langs)
        q = centre_by_language(q, query_langs, fallback_means=c_means)
        c = centre_by_language(c, cand_langs, fallback_means=q_means)
    return q, c


def similarity_matrix(
    queries: Sequence[str],
    candidates: Sequence[str],
    *,
    config: RankConfig = DEFAULT_CONFIG,
    e5: Encoder | None = None,
    use: Encoder | None = None,
) -> Matrix:
    """Query x candidate scores (higher is better) under ``config``."""
    query_langs = [detect_language(t) for t in queries]
    cand_langs = [detect_language(t) for t in candidates]
    scores = np.zeros((len(queries), len(candidates)), dtype=np.float32)
    if not queries or not candidates:
        return scores
    parts: list[tuple[float, Encoder | None, str]] = [
        (config.e5_weight, e5, "e5"),
        (config.use_weight, use, "use"),
    ]
    for weight, encoder, which in parts:
        concept = config.concept_weight if which == "e5" else 0.0
        if weight > 0 or concept > 0:
            enc = encoder or _default_encoder(which, config)
            q, c = _encode_pair(enc, queries, candidates, query_langs, cand_langs, config.centre)
            if weight > 0:
                scores += np.float32(weight) * (q @ c.T)
            if concept > 0:
                sim = concept_similarity(q, c, concept_anchors(enc))
                scores += np.float32(concept) * sim
    if config.lexical_weight > 0:
        lexical = lexical_similarity(queries, candidates, query_langs, cand_langs)
        scores += np.float32(config.lexical_weight) * lexical
    if config.tfidf_weight > 0:
        scores += np.float32(config.tfidf_weight) * tfidf_similarity(queries, candidates)
    return csls(scores, config.csls_k)


def top_k_indices(scores: Matrix, top_k: int) -> list[list[int]]:
    """Indices of the ``top_k`` best columns per row, best first; ties go to the lower index."""
    n_cols = scores.shape[1]
    k = max(0, min(top_k, n_cols))
    if k == 0:
        return [[] for _ in range(scores.shape[0])]
    result: list[list[int]] = []
    for row in scores:
        order = np.argsort(-row, kind="stable")[:k]
        result.append([int(i) for i in order])
    return result


def rank_texts(
    queries: list[str],
    candidates: list[str],
    *,
    top_k: int = 10,
    config: RankConfig = DEFAULT_CONFIG,
) -> list[list[int]]:
    """For each query, candidate indices best first (at most ``top_k``), by text alone.

    Texts may be in English, Chinese, Russian or Kazakh, mixed in one call.
    """
    scores = similarity_matrix(queries, candidates, config=config)
    return top_k_indices(scores, top_k)
