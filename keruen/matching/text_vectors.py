"""The text vectors of opportunities, as the ``Matcher`` indexes them.

The text similarity of two opportunities is the weighted *mean* of the cosines of their
views, each centred per (language, kind) over the event as in ``rank``: with the default
encoder (1.0 * e5 + 0.5 * e5 concept profile + 0.5 * USE + 0.5 * lexical concept profile) /
2.5, the terms and weights of ``rank.similarity_matrix`` without its char TF-IDF term and
CSLS. The lexical view needs no model, so every encoder has it (not centred: a text naming no
concept keeps its zero block). Each opportunity's vector
is the views' unit blocks, scaled by ``sqrt(weight / total)``, so one inner product gives that
mean and it stays a cosine in [-1, 1] (the scale the structured weights were set on). The
concept-profile view is added for the e5 part of the encoder only: the anchors are built from
e5 and shipped for the default e5; an encoder without an e5 part (USE alone, test encoders)
has no concept view.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

from keruen.matching.concepts import concept_anchors, concept_profiles, shipped_anchors
from keruen.matching.encoder import (
    CachedEncoder,
    CombinedEncoder,
    E5Encoder,
    Encoder,
    Matrix,
    USEEncoder,
    default_e5,
    default_use,
    normalise_rows,
)
from keruen.matching.lexicon import lexical_profiles
from keruen.matching.rank import (
    DEFAULT_CONFIG,
    centre_by_language,
    language_means,
    weighted_blocks,
)

# Weights of the text views, those of the measured ranker (``rank.DEFAULT_CONFIG``).
E5_WEIGHT: Final = DEFAULT_CONFIG.e5_weight
USE_WEIGHT: Final = DEFAULT_CONFIG.use_weight
CONCEPT_WEIGHT: Final = DEFAULT_CONFIG.concept_weight
LEXICAL_WEIGHT: Final = DEFAULT_CONFIG.lexical_weight
HUBNESS_K: Final = DEFAULT_CONFIG.csls_k  # neighbours of CSLS's hubness, as rank_texts


def default_event_encoder() -> CombinedEncoder:
    """e5 + 0.5 x USE, the combination measured best in ``bench/matching_eval.py``."""
    return CombinedEncoder([(default_e5(), E5_WEIGHT), (default_use(), USE_WEIGHT)])


def opportunity_vectors(
    encoder: Encoder,
    texts: list[str],
    langs: list[str],
    kinds: list[str],
    *,
    concept_weight: float = CONCEPT_WEIGHT,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> Matrix:
    """Index vectors: a centred unit block per encoder part, e5's concept profile, the
    lexical concept profile.

    Blocks are weighted (``weighted_blocks``) so that the inner product of two rows is the
    weighted mean of the blocks' cosines.
    """
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    # Profiles are both searched and searching, so one "query" embedding per text.
    vectors = encoder.encode(texts, kind="query")
    parts, may_encode = _text_parts(encoder)
    splits = np.cumsum([part.dim for part, _ in parts])[:-1]
    blocks: list[tuple[Matrix, float]] = []
    for (part, weight), columns in zip(parts, np.split(vectors, splits, axis=1), strict=True):
        # Each part is centred on its own, as rank.similarity_matrix does per encoder.
        centred = _centre_event(normalise_rows(columns), langs, kinds)
        blocks.append((centred, weight))
        anchors = _concept_anchors(part, may_encode=may_encode) if concept_weight > 0 else None
        if anchors is not None:
            blocks.append((concept_profiles(centred, anchors), concept_weight))
    if lexical_weight > 0:
        blocks.append((lexical_profiles(texts, langs), lexical_weight))
    return weighted_blocks(blocks)


def _centre_event(vectors: Matrix, langs: list[str], kinds: list[str]) -> Matrix:
    """Centre per (language, kind); a small group falls back to its language mean."""
    groups = [f"{lang}/{kind}" for lang, kind in zip(langs, kinds, strict=True)]
    by_lang = language_means(vectors, langs)
    fallback = {g: by_lang[lang] for g, lang in zip(groups, langs, strict=True) if lang in by_lang}
    return centre_by_language(vectors, groups, fallback_means=fallback)


def _text_parts(encoder: Encoder) -> tuple[list[tuple[Encoder, float]], bool]:
    """The weighted encoders whose vectors ``encoder`` concatenates, and whether they may run.

    A ``CombinedEncoder`` lists its parts. An encoder that only hands back stored vectors of
    the default combination (the web layer's ``StoredVectors``, recognised by name and length)
    is split like the default, but its parts must never run: no model in a page request.
    Any other encoder is one part.
    """
    if isinstance(encoder, CombinedEncoder):
        return list(encoder.parts), True
    # Uncached instances: only their names and lengths are read, and the process-wide
    # caches (and their SQLite file) are not created just for a comparison.
    default = CombinedEncoder([(E5Encoder(), E5_WEIGHT), (USEEncoder(), USE_WEIGHT)])
    if encoder.name == default.name and encoder.dim == default.dim:
        return list(default.parts), False
    return [(encoder, 1.0)], True


def _concept_anchors(part: Encoder, *, may_encode: bool) -> Matrix | None:
    """The concept anchors of an e5 part; None for other encoders.

    The measured ranker has a concept term for e5 only (USE profiles added 0.007 for 2,224
    more encodings: not kept), and only e5's anchors are shipped. Without ``may_encode`` only
    shipped (or already computed) anchors are used, never the model.
    """
    inner = part.inner if isinstance(part, CachedEncoder) else part
    if not isinstance(inner, E5Encoder):
        return None
    if may_encode:
        return concept_anchors(part)
    return shipped_anchors(part.name)


# Rows of one kind compared at a time: a 1,024 x 25,000 block of scores is 100 MB.
_HUBNESS_CHUNK: Final = 1024


def hubness(first: Matrix, second: Matrix, k: int) -> tuple[Matrix, Matrix]:
    """Each row's mean similarity to its ``k`` nearest rows of the other set, for both sets.

    The "hubness" of CSLS (Conneau et al. 2018): an opportunity close to everything of the
    other kind (a generic offer, say) has a high one. One pass over the score matrix gives
    both sides: row-wise for ``first``, a running column-wise top ``k`` for ``second``.
    """
    first_hub = np.zeros(len(first), dtype=np.float32)
    if len(first) == 0 or len(second) == 0 or k < 1:
        return first_hub, np.zeros(len(second), dtype=np.float32)
    k_second = min(k, len(second))
    k_first = min(k, len(first))
    column_top = np.full((k_first, len(second)), -np.inf, dtype=np.float32)
    for start in range(0, len(first), _HUBNESS_CHUNK):
        scores = first[start : start + _HUBNESS_CHUNK] @ second.T
        row_top = np.partition(scores, scores.shape[1] - k_second, axis=1)[:, -k_second:]
        first_hub[start : start + len(scores)] = row_top.mean(axis=1)
        merged = np.concatenate([column_top, scores])
        column_top = np.partition(merged, len(merged) - k_first, axis=0)[-k_first:]
    second_hub: Matrix = column_top.mean(axis=0).astype(np.float32)
    return first_hub, second_hub


def similarity_spread(
    rows: Matrix, others: Matrix, other_shift: Matrix
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per row of ``rows``: mean and standard deviation of ``row . other - shift[other]``
    over all rows of ``others``.

    From the moments of ``others`` (their mean, their second-moment matrix, their mean
    shifted by ``other_shift``) instead of the score matrix: at 25,000 x 25,000 rows that is
    one d x d product per row instead of a second pass over 625 million scores.
    """
    count = len(others)
    means = np.zeros(len(rows))
    spreads = np.zeros(len(rows))
    if count == 0 or len(rows) == 0:
        return means, spreads
    shift = other_shift.astype(np.float64)
    dim = others.shape[1]
    total, second_moment, cross = np.zeros(dim), np.zeros((dim, dim)), np.zeros(dim)
    # Chunk by chunk in float64: a float64 copy of 25,000 x 2,008 offers would be 400 MB.
    for start in range(0, count, _HUBNESS_CHUNK):
        part = others[start : start + _HUBNESS_CHUNK].astype(np.float64)
        total += part.sum(axis=0)
        second_moment += part.T @ part
        cross += part.T @ shift[start : start + _HUBNESS_CHUNK]
    mean_other, second_moment, cross = total / count, second_moment / count, cross / count
    shift_mean, shift_square = shift.mean(), float(shift @ shift) / count
    for start in range(0, len(rows), _HUBNESS_CHUNK):
        chunk = rows[start : start + _HUBNESS_CHUNK].astype(np.float64)
        mean = chunk @ mean_other - shift_mean
        square = np.einsum("ij,ij->i", chunk @ second_moment, chunk)
        square += shift_square - 2 * (chunk @ cross)
        means[start : start + len(chunk)] = mean
        spreads[start : start + len(chunk)] = np.sqrt(np.maximum(square - mean * mean, 0.0))
    return means, spreads
