"""A language-neutral concept space built from the taxonomy shipped in ``keruen.reference``.

Every HS heading and chapter, ISIC division and expo sector (556 concepts) is labelled in
English, Chinese, Russian and Kazakh. Encoding the four labels of a concept and averaging them
gives a *language-balanced anchor*: no language pulls it towards itself. The anchors are then
centred on their common mean (what every anchor shares says nothing about which concept a text
is about). A text is represented by its cosines to the anchors (its *concept profile*), and two
texts are compared by the cosine of their profiles. This is a second view of the same embedding,
measured along directions that separate trade concepts, and it is anchored in all four
languages at once, Kazakh included.

Encoding the 2,224 labels takes about 90 s on two cores, so the anchors of the default encoder
are shipped precomputed in ``concept_anchors.json`` (float16, base64), together with the encoder
name and a SHA-256 of the labels. If either differs (a new model version, edited labels) the
anchors are recomputed with the encoder given (through its cache) instead of being used stale.
Regenerate the file with ``write_anchor_file(default_e5())`` (a test fails when it is stale).

``keruen.reference`` is pure Python (no Django); it is imported lazily so that importing
``keruen.matching`` stays cheap.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from pathlib import Path
from typing import Final

import numpy as np

from keruen.matching.encoder import Encoder, Matrix, normalise_rows

LABEL_LANGUAGES: Final = ("en", "zh-hans", "ru", "kk")
ANCHOR_FILE: Final = Path(__file__).with_name("concept_anchors.json")

_LOCK = threading.Lock()
_ANCHORS: dict[str, Matrix] = {}


def concept_labels() -> list[tuple[str, ...]]:
    """Per concept (HS headings, HS chapters, ISIC divisions, sectors) its four labels."""
    from keruen import reference as ref  # pure Python; lazy to keep imports cheap

    label_maps = [entry.labels for entry in (*ref.hs_headings(), *ref.hs_chapters())]
    label_maps += [entry.labels for entry in ref.isic_divisions()]
    label_maps += [entry.labels for entry in ref.sectors()]
    return [tuple(labels[lang] for lang in LABEL_LANGUAGES) for labels in label_maps]


def concept_parents() -> list[int]:
    """Per concept, in the order of ``concept_labels``, the row of the concept that holds
    it (an HS heading's chapter), or -1."""
    from keruen import reference as ref

    headings = [entry.code for entry in ref.hs_headings()]
    chapters = [entry.code for entry in ref.hs_chapters()]
    chapter_rows = {code: len(headings) + row for row, code in enumerate(chapters)}
    parents = [chapter_rows.get(code[:2], -1) for code in headings]
    return parents + [-1] * (len(concept_labels()) - len(parents))


def labels_digest(labels: list[tuple[str, ...]]) -> str:
    """SHA-256 of the label texts, in order: the identity of a set of anchors."""
    joined = "\x1e".join("\x1f".join(concept) for concept in labels)
    return hashlib.sha256(joined.encode()).hexdigest()


def build_anchors(encoder: Encoder, labels: list[tuple[str, ...]] | None = None) -> Matrix:
    """Encode every label, average each concept's languages, re-normalise, centre the set."""
    labels = concept_labels() if labels is None else labels
    flat = [text for concept in labels for text in concept]
    vectors = encoder.encode(flat, kind="passage").reshape(len(labels), len(labels[0]), -1)
    anchors = normalise_rows(vectors.mean(axis=1))
    centred: Matrix = (anchors - anchors.mean(axis=0)).astype(np.float32)
    return centred


def _read_file(encoder_name: str, digest: str, path: Path) -> Matrix | None:
    if not path.exists():
        return None
    stored = json.loads(path.read_text(encoding="utf-8"))
    if stored.get("encoder") != encoder_name or stored.get("labels_sha256") != digest:
        return None
    raw = np.frombuffer(base64.b64decode(stored["data"]), dtype=np.float16)
    anchors: Matrix = raw.reshape(stored["shape"]).astype(np.float32)
    return anchors


def concept_anchors(encoder: Encoder, *, path: Path = ANCHOR_FILE) -> Matrix:
    """The centred, language-balanced anchors of ``encoder`` (shipped file, else computed)."""
    with _LOCK:
        if encoder.name not in _ANCHORS:
            labels = concept_labels()
            anchors = _read_file(encoder.name, labels_digest(labels), path)
            if anchors is None:
                anchors = build_anchors(encoder, labels)
            _ANCHORS[encoder.name] = anchors
        return _ANCHORS[encoder.name]


def shipped_anchors(encoder_name: str, *, path: Path = ANCHOR_FILE) -> Matrix | None:
    """The anchors of ``encoder_name`` if already known or shipped fresh; never encodes.

    For callers that hold stored vectors only (a web request must not load the model).
    """
    with _LOCK:
        if encoder_name not in _ANCHORS:
            anchors = _read_file(encoder_name, labels_digest(concept_labels()), path)
            if anchors is None:
                return None
            _ANCHORS[encoder_name] = anchors
        return _ANCHORS[encoder_name]


def write_anchor_file(encoder: Encoder, path: Path = ANCHOR_FILE) -> Path:
    """Compute the anchors of ``encoder`` and store them (float16) for :func:`concept_anchors`."""
    labels = concept_labels()
    anchors = build_anchors(encoder, labels)
    payload = {
        "encoder": encoder.name,
        "labels_sha256": labels_digest(labels),
        "languages": list(LABEL_LANGUAGES),
        "shape": list(anchors.shape),
        "dtype": "float16",
        "data": base64.b64encode(anchors.astype(np.float16).tobytes()).decode("ascii"),
    }
    path.write_text(json.dumps(payload) + "\n", encoding="utf-8")
    return path


def concept_profiles(vectors: Matrix, anchors: Matrix) -> Matrix:
    """Unit-length concept profiles: each row's dot products with the anchors, normalised."""
    return normalise_rows(vectors @ anchors.T)


def concept_similarity(queries: Matrix, candidates: Matrix, anchors: Matrix) -> Matrix:
    """Cosine of the concept profiles (cosines to the anchors) of queries and candidates."""
    product: Matrix = concept_profiles(queries, anchors) @ concept_profiles(candidates, anchors).T
    return product
