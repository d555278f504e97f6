"""The Matcher's text similarity: weighted views, the e5 concept profile, stored vectors.

Small fake encoders only: the real models' embeddings may change, these tests must not care.
"""

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from keruen.matching import concepts
from keruen.matching.concepts import concept_anchors, concept_similarity
from keruen.matching.encoder import CombinedEncoder, E5Encoder, Kind, Matrix, normalise_rows
from keruen.matching.explain import OpportunityMatch
from keruen.matching.rank import weighted_blocks
from keruen.matching.score import Matcher
from keruen.matching.text_vectors import CONCEPT_WEIGHT, default_event_encoder

from .conftest import BagOfWordsEncoder, person

REQUEST = "we need steel grain silos and elevators for wheat storage"
OFFERS = ("we build steel grain silos for wheat", "solar modules and wheat flour mills")


def _hashed_words(texts: Sequence[str], dim: int, salt: str) -> Matrix:
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"\w+", text.lower()):
            out[row, hashlib.sha256(f"{salt}{word}".encode()).digest()[0] % dim] += 1.0
    return normalise_rows(out)


class TinyE5(E5Encoder):
    """Stands in for e5 (same class, so it gets a concept view) without loading the model."""

    @property
    def name(self) -> str:
        return "test-tiny-e5"  # not the shipped anchors' name: anchors are built from labels

    @property
    def dim(self) -> int:
        return 48

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        return _hashed_words(texts, self.dim, salt="e5:")


def _event() -> list:
    # Three English texts: fewer than the 5 a language needs to be centred, so the expected
    # cosines below can be computed on the raw vectors.
    return [
        person("buyer", "kazgrain", requests=[REQUEST]),
        person("silo", "silotech", offers=[OFFERS[0]]),
        person("mill", "millco", offers=[OFFERS[1]]),
    ]


def _similarity(matcher: Matcher, viewer: str, other: str) -> float:
    suggestion = matcher.score(viewer, other)
    assert suggestion is not None
    match = next(r for r in suggestion.reasons if isinstance(r, OpportunityMatch))
    return match.similarity


def test_weighted_blocks_give_the_weighted_mean_of_cosines() -> None:
    rng = np.random.default_rng(0)
    a, b = (normalise_rows(rng.normal(size=(4, d))) for d in (6, 9))
    joined = weighted_blocks([(a, 1.0), (b, 0.5), (b, 0.0)])
    assert joined.shape == (4, 15)  # the weight-0 block is left out
    np.testing.assert_allclose(np.linalg.norm(joined, axis=1), 1.0, rtol=1e-5)
    expected = (1.0 * (a @ a.T) + 0.5 * (b @ b.T)) / 1.5
    np.testing.assert_allclose(joined @ joined.T, expected, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="positive weight"):
        weighted_blocks([(a, 0.0)])


def test_e5_part_gets_the_concept_view_with_the_ranker_weight() -> None:
    tiny, words = TinyE5(), BagOfWordsEncoder()
    encoder = CombinedEncoder([(tiny, 1.0), (words, 0.5)])
    matcher = Matcher(_event(), encoder=encoder)
    texts = [REQUEST, *OFFERS]
    e5, bow = tiny.encode(texts, kind="query"), words.encode(texts, kind="query")
    profiles = concept_similarity(e5, e5, concept_anchors(tiny))
    for column, other in ((1, "silo"), (2, "mill")):
        expected = (
            1.0 * float(e5[0] @ e5[column])
            + CONCEPT_WEIGHT * float(profiles[0, column])
            + 0.5 * float(bow[0] @ bow[column])
        ) / (1.0 + CONCEPT_WEIGHT + 0.5)
        assert _similarity(matcher, "buyer", other) == pytest.approx(expected, abs=1e-5)
    without = Matcher(_event(), encoder=encoder, concept_weight=0.0)
    expected_without = (float(e5[0] @ e5[1]) + 0.5 * float(bow[0] @ bow[1])) / 1.5
    assert _similarity(without, "buyer", "silo") == pytest.approx(expected_without, abs=1e-5)
    assert _similarity(without, "buyer", "silo") != pytest.approx(
        _similarity(matcher, "buyer", "silo"), abs=1e-4
    )


def test_an_encoder_without_e5_has_no_concept_view() -> None:
    with_weight = Matcher(_event(), encoder=BagOfWordsEncoder())
    without = Matcher(_event(), encoder=BagOfWordsEncoder(), concept_weight=0.0)
    for other in ("silo", "mill"):
        assert _similarity(with_weight, "buyer", other) == _similarity(without, "buyer", other)


class _StoredDefault:
    """Stored vectors under the default combination's name, like the web layer's."""

    def __init__(self, vectors: dict[str, Matrix]) -> None:
        self.name = default_event_encoder().name
        self.dim = default_event_encoder().dim
        self._vectors = vectors

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32)


@pytest.mark.parametrize("anchors_known", [True, False])
def test_stored_default_vectors_are_split_and_never_run_the_model(
    monkeypatch: pytest.MonkeyPatch, anchors_known: bool
) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored-vector matcher must never run the model")

    monkeypatch.setattr(concepts, "build_anchors", must_not_run)
    monkeypatch.setattr(E5Encoder, "encode", must_not_run)
    rng = np.random.default_rng(7)
    e5_dim = E5Encoder().dim
    # Known anchors (shipped or computed earlier in the process), or none: a stale file.
    anchors = rng.normal(size=(30, e5_dim)).astype(np.float32)
    monkeypatch.setattr(concepts, "_ANCHORS", {E5Encoder().name: anchors} if anchors_known else {})
    monkeypatch.setattr(concepts, "_read_file", lambda *args: None)
    texts = [REQUEST, *OFFERS]
    e5 = normalise_rows(rng.normal(size=(3, e5_dim)))
    use = normalise_rows(rng.normal(size=(3, default_event_encoder().dim - e5_dim)))
    # What CombinedEncoder stores: blocks scaled by sqrt(weight / total), 1.0 and 0.5.
    stored = np.hstack([e5 * np.sqrt(1 / 1.5), use * np.sqrt(0.5 / 1.5)]).astype(np.float32)
    matcher = Matcher(_event(), encoder=_StoredDefault(dict(zip(texts, stored, strict=True))))
    models = float(e5[0] @ e5[1]) + 0.5 * float(use[0] @ use[1])
    if anchors_known:
        profile = float(concept_similarity(e5, e5, anchors)[0, 1])
        expected = (models + CONCEPT_WEIGHT * profile) / (1.5 + CONCEPT_WEIGHT)
    else:
        expected = models / 1.5  # no concept view rather than the model in a page request
    assert _similarity(matcher, "buyer", "silo") == pytest.approx(expected, abs=1e-5)
