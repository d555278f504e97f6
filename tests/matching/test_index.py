import numpy as np
import pytest

from keruen.matching import index as index_module
from keruen.matching.encoder import normalise_rows
from keruen.matching.index import ApproximateIndex, ExactIndex, build_index


def _clustered(n: int, dim: int, seed: int) -> np.ndarray:
    # Embeddings of real texts are clustered (sectors, languages), not uniform noise.
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(50, dim))
    return normalise_rows(centres[rng.integers(0, 50, n)] + 0.6 * rng.normal(size=(n, dim)))


@pytest.mark.parametrize("n_queries", [3, 40])  # the einsum and the BLAS paths
def test_exact_index_matches_a_full_sort(monkeypatch: pytest.MonkeyPatch, n_queries: int) -> None:
    monkeypatch.setattr(index_module, "_SCORE_BUDGET", 40 * 3_000)  # forces several chunks
    data = _clustered(20_000, 32, seed=1)
    queries = _clustered(n_queries, 32, seed=2)
    scores, ids = ExactIndex(data).search(queries, 10)
    expected = np.argsort(-(queries @ data.T), axis=1, kind="stable")[:, :10]
    np.testing.assert_array_equal(ids, expected)
    assert np.all(np.diff(scores, axis=1) <= 0)


def test_approximate_index_agrees_with_exact_search() -> None:
    data = _clustered(6_000, 64, seed=3)
    queries = _clustered(100, 64, seed=4)
    _, exact = ExactIndex(data).search(queries, 10)
    _, approx = ApproximateIndex(data).search(queries, 10)
    recall = np.mean([len(set(e) & set(a)) / 10 for e, a in zip(exact, approx, strict=True)])
    assert recall >= 0.95


def test_small_index_pads_missing_results() -> None:
    data = _clustered(3, 8, seed=5)
    for index in (ExactIndex(data), ApproximateIndex(data)):
        _, ids = index.search(data[:1], 5)
        assert sorted(ids[0][:3].tolist()) == [0, 1, 2]
        assert ids[0][3:].tolist() == [-1, -1]


def test_build_index_switches_at_threshold() -> None:
    data = _clustered(100, 8, seed=6)
    assert isinstance(build_index(data, threshold=100), ExactIndex)
    assert isinstance(build_index(data, threshold=99), ApproximateIndex)
