"""The Matcher's text similarity: weighted views, the concept profiles, stored vectors.

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
from keruen.matching.lexicon import lexical_profiles
from keruen.matching.rank import weighted_blocks
from keruen.matching.score import Matcher
from keruen.matching.text_vectors import (
    CONCEPT_WEIGHT,
    LEXICAL_WEIGHT,
    default_event_encoder,
    hubness,
    similarity_spread,
)

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


def _lexical(first: int, second: int) -> float:
    """Cosine of the lexical concept profiles of two of the event's texts (all English)."""
    profiles = lexical_profiles([REQUEST, *OFFERS], ["en"] * 3)
    return float(profiles[first] @ profiles[second])


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
    matcher = Matcher(_event(), encoder=encoder, hubness_k=0)
    texts = [REQUEST, *OFFERS]
    e5, bow = tiny.encode(texts, kind="query"), words.encode(texts, kind="query")
    profiles = concept_similarity(e5, e5, concept_anchors(tiny))
    for column, other in ((1, "silo"), (2, "mill")):
        expected = (
            1.0 * float(e5[0] @ e5[column])
            + CONCEPT_WEIGHT * float(profiles[0, column])
            + 0.5 * float(bow[0] @ bow[column])
            + LEXICAL_WEIGHT * _lexical(0, column)
        ) / (1.0 + CONCEPT_WEIGHT + 0.5 + LEXICAL_WEIGHT)
        assert _similarity(matcher, "buyer", other) == pytest.approx(expected, abs=1e-5)
    without = Matcher(_event(), encoder=encoder, concept_weight=0.0, hubness_k=0, lexical_weight=0)
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
    stored_vectors = _StoredDefault(dict(zip(texts, stored, strict=True)))
    matcher = Matcher(_event(), encoder=stored_vectors, hubness_k=0)
    models = float(e5[0] @ e5[1]) + 0.5 * float(use[0] @ use[1]) + LEXICAL_WEIGHT * _lexical(0, 1)
    if anchors_known:
        profile = float(concept_similarity(e5, e5, anchors)[0, 1])
        expected = (models + CONCEPT_WEIGHT * profile) / (1.5 + CONCEPT_WEIGHT + LEXICAL_WEIGHT)
    else:
        # No e5 concept view rather than the model in a page request; the lexical one needs none.
        expected = models / (1.5 + LEXICAL_WEIGHT)
    assert _similarity(matcher, "buyer", "silo") == pytest.approx(expected, abs=1e-5)


def test_hubness_is_the_mean_of_the_k_nearest_of_the_other_kind() -> None:
    rng = np.random.default_rng(3)
    first = normalise_rows(rng.normal(size=(2_500, 8)))  # more rows than one chunk
    second = normalise_rows(rng.normal(size=(40, 8)))
    first_hub, second_hub = hubness(first, second, 5)
    scores = first @ second.T
    np.testing.assert_allclose(first_hub, np.sort(scores, axis=1)[:, -5:].mean(axis=1), atol=1e-5)
    np.testing.assert_allclose(second_hub, np.sort(scores, axis=0)[-5:].mean(axis=0), atol=1e-5)
    small_hub, _ = hubness(first[:3], second, 99)  # k beyond the other set: all of it
    np.testing.assert_allclose(small_hub, scores[:3].mean(axis=1), atol=1e-5)


def test_similarity_spread_is_the_mean_and_deviation_of_the_shifted_scores() -> None:
    rng = np.random.default_rng(4)
    rows = normalise_rows(rng.normal(size=(1_100, 8)))  # more rows than one chunk
    others = normalise_rows(rng.normal(size=(30, 8)))
    shift = rng.normal(size=30).astype(np.float32) / 10
    means, spreads = similarity_spread(rows, others, shift)
    scores = rows.astype(np.float64) @ others.T - shift
    np.testing.assert_allclose(means, scores.mean(axis=1), atol=1e-6)
    np.testing.assert_allclose(spreads, scores.std(axis=1), atol=1e-6)
    empty = similarity_spread(rows[:2], others[:0], shift[:0])
    assert empty[1].tolist() == [0.0, 0.0]


class _FixedVectors:
    """Hand-made vectors by text, to shape a similarity structure exactly."""

    name = "fixed-vectors"
    dim = 64

    def __init__(self, vectors: dict[str, Matrix]) -> None:
        self._vectors = vectors

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32)


def test_an_offer_close_to_a_whole_cluster_of_requests_is_demoted() -> None:
    # Four requests share a direction c; the "hub" offer is c itself, close to all four.
    # The "silo" offer answers r0's own need, a little less close to r0 than the hub.
    rng = np.random.default_rng(0)

    def unit(v: Matrix) -> Matrix:
        out: Matrix = (v / np.linalg.norm(v)).astype(np.float32)
        return out

    def noise() -> Matrix:
        return unit(rng.normal(size=64).astype(np.float32))

    c = noise()
    own = [noise() for _ in range(4)]
    requests = [unit(c + 0.9 * own[i]) for i in range(4)] + [noise() for _ in range(6)]
    silo = unit(0.3 * own[0] + 0.3 * c + 0.9 * noise())
    offers = [c, silo] + [noise() for _ in range(6)]
    vectors = {f"request {i}": v for i, v in enumerate(requests)}
    vectors |= {f"offer {j}": v for j, v in enumerate(offers)}
    event = [person(f"r{i}", f"org-r{i}", requests=[f"request {i}"]) for i in range(10)]
    event += [person(f"o{j}", f"org-o{j}", offers=[f"offer {j}"]) for j in range(8)]

    def hub_and_silo(k: int) -> tuple[float, float]:
        matcher = Matcher(event, encoder=_FixedVectors(vectors), hubness_k=k)
        scores = {s.participant_id: s.score for s in matcher.scored_candidates("r0")}
        return scores["o0"], scores["o1"]

    plain_hub, plain_silo = hub_and_silo(0)
    corrected_hub, corrected_silo = hub_and_silo(3)
    assert plain_hub > plain_silo
    assert corrected_silo > corrected_hub


def _answer_claim(matcher: Matcher, viewer: str, other: str) -> bool:
    found = matcher.score(viewer, other)
    assert found is not None
    [match] = [r for r in found.reasons if isinstance(r, OpportunityMatch)]
    return match.close


def test_an_offer_answers_a_request_only_when_it_stands_out_among_the_events_offers() -> None:
    words = ["grain silos", "wind turbines", "hotel rooms", "copper cathodes", "cotton yarn"]
    words += ["school laptops", "rail freight", "dental clinics", "tea", "cement", "solar glass"]
    words += ["fertiliser", "buses", "carpets", "pumps", "wool", "tyres", "honey", "paper"]
    offers = [person(f"o{j}", f"org-o{j}", offers=[f"{w} supply"]) for j, w in enumerate(words)]
    buyer = person("buyer", "org-b", requests=["grain silos storage"])
    vague = person("vague", "org-v", requests=["supply partner wanted"])
    matcher = Matcher([buyer, vague, *offers], encoder=BagOfWordsEncoder())
    assert _answer_claim(matcher, "buyer", "o0")  # the silo offer stands out for silos
    assert not _answer_claim(matcher, "buyer", "o1")
    # "supply" is in every offer: the nearest one does not stand out, it only comes closest.
    assert not any(_answer_claim(matcher, "vague", f"o{j}") for j in range(len(words)))
    # With few offers nothing can stand out three deviations from their mean.
    small = Matcher([buyer, *offers[:4]], encoder=BagOfWordsEncoder())
    assert not _answer_claim(small, "buyer", "o0")


def test_hubness_correction_is_centred_on_the_event_mean() -> None:
    # An average pair keeps its cosine: the correction adds the event's mean hubness back.
    matcher = Matcher(_event(), encoder=BagOfWordsEncoder())
    assert float(matcher._hubness.mean()) == pytest.approx(0.0, abs=1e-6)
    assert np.any(matcher._hubness != 0)


def test_an_event_without_opportunities_has_no_hubness_and_no_suggestions() -> None:
    event = [person("a", "org-a"), person("b", "org-b")]
    matcher = Matcher(event, encoder=BagOfWordsEncoder())
    assert len(matcher._hubness) == 0
    assert all(s.reasons for s in matcher.scored_candidates("a"))
