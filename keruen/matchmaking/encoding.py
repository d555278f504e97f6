"""The bridge to the embedding models of ``keruen.matching``.

One encoder per process, built on first use; the models themselves load lazily inside the
core (once per process). Nothing here is imported at Django start-up by the catalogue pages
unless a search actually needs a vector.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Final

import numpy as np

from keruen.matching.encoder import Encoder, EncoderUnavailableError, Matrix

logger = logging.getLogger(__name__)

# Errors that mean "the model cannot be used here": pages then fall back to plain search.
ENCODER_ERRORS: Final = (EncoderUnavailableError, ImportError, OSError, MemoryError)
# Those that mean the model itself cannot be loaded (not one batch too large for memory).
LOAD_ERRORS: Final = (EncoderUnavailableError, ImportError, OSError)
QUERY_CACHE_SIZE: Final = 512  # recent search queries kept encoded (bounded: queries are public)
# After the model failed to load, nothing tries again for this long: a load takes seconds and
# hundreds of MB each time, and every search and suggestions page would pay it, only to fail.
RETRY_AFTER_S: Final = 300.0

_lock = threading.Lock()
_encoder: Encoder | None = None
_failed_at: float | None = None
_query_cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()


def event_encoder() -> Encoder:
    """The process-wide encoder for opportunity texts and search queries.

    The core's default combination (multilingual E5 + 0.5 x USE) without the core's
    in-memory cache: stored vectors are the cache, and public search queries must not grow
    memory without bound.
    """
    global _encoder
    with _lock:
        if _encoder is None:
            from keruen.matching.encoder import CombinedEncoder, E5Encoder, USEEncoder

            _encoder = CombinedEncoder([(E5Encoder(), 1.0), (USEEncoder(), 0.5)])
        return _encoder


def opportunity_text(*, title: str, body: str) -> str:
    """The text of an opportunity that is embedded: title, then body."""
    return f"{title.strip()}\n{body.strip()}".strip()


def content_hash(*, model_name: str, text: str) -> str:
    """sha256 of model name and text: the identity of one stored vector."""
    return hashlib.sha256(f"{model_name}\x00{text}".encode()).hexdigest()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    """float32 little-endian bytes, the storage format of ``OpportunityEmbedding.vector``."""
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(blob: bytes | memoryview) -> np.ndarray:
    """Inverse of ``vector_to_bytes``."""
    return np.frombuffer(bytes(blob), dtype="<f4").astype(np.float32)


def encode_texts(texts: Sequence[str]) -> Matrix:
    """Encode opportunity texts (raises one of ``ENCODER_ERRORS`` if the model is missing)."""
    return _encode(event_encoder(), texts)


def _encode(encoder: Encoder, texts: Sequence[str]) -> Matrix:
    """Encode, unless the model failed within ``RETRY_AFTER_S``: then refuse at once."""
    global _failed_at
    with _lock:
        failed_at = _failed_at
    if failed_at is not None and time.monotonic() - failed_at < RETRY_AFTER_S:
        raise EncoderUnavailableError(
            "the embedding model could not be used a moment ago; it is tried again "
            f"{RETRY_AFTER_S:.0f} s after that"
        )
    try:
        vectors = encoder.encode(list(texts), kind="query")
    except LOAD_ERRORS:
        with _lock:
            _failed_at = time.monotonic()
        raise
    with _lock:
        _failed_at = None
    return vectors


def encode_query(text: str) -> np.ndarray | None:
    """One search query's vector, or None when the model cannot be used.

    A small LRU keeps popular queries, so a page of results costs no model call at all.
    """
    encoder = event_encoder()
    key = (encoder.name, text)
    with _lock:
        if key in _query_cache:
            _query_cache.move_to_end(key)
            return _query_cache[key]
    try:
        vector: np.ndarray = np.asarray(_encode(encoder, [text])[0])
    except ENCODER_ERRORS:
        logger.warning("embedding model unavailable; search falls back to substrings")
        return None
    with _lock:
        _query_cache[key] = vector
        while len(_query_cache) > QUERY_CACHE_SIZE:
            _query_cache.popitem(last=False)
    return vector


def warm_up() -> bool:
    """Load the model now, by encoding one short text, so that the first visitor's search or
    suggestions page does not wait for it (2-3 s). False if the model cannot be used."""
    try:
        _encode(event_encoder(), ["warm-up"])
    except ENCODER_ERRORS:
        logger.warning("embedding model unavailable; search and suggestions work without it")
        return False
    return True


def warm_up_in_background() -> threading.Thread:
    """``warm_up`` in a daemon thread: the server answers meanwhile (a request that needs the
    model waits for the same load, under the core's load lock, instead of starting another)."""
    thread = threading.Thread(target=warm_up, name="keruen-model-warm-up", daemon=True)
    thread.start()
    return thread


class StoredVectors:
    """An ``Encoder`` that only looks vectors up: hands stored embeddings to the core.

    ``Matcher`` asks its encoder for every opportunity text; on a page request those
    vectors must come from the database, never from the model.
    """

    def __init__(self, *, name: str, dim: int, vectors: dict[str, np.ndarray]) -> None:
        self._name = name
        self._dim = dim
        self._vectors = vectors

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def encode(self, texts: Sequence[str], *, kind: str) -> Matrix:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return np.stack([self._vectors[text] for text in texts]).astype(np.float32)
