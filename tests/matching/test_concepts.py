import numpy as np

from keruen.matching.concepts import (
    ANCHOR_FILE,
    LABEL_LANGUAGES,
    _read_file,
    build_anchors,
    concept_anchors,
    concept_labels,
    concept_similarity,
    labels_digest,
    write_anchor_file,
)
from keruen.matching.encoder import E5Encoder

from .conftest import BagOfWordsEncoder


def test_every_concept_has_four_labels() -> None:
    labels = concept_labels()
    assert len(labels) > 500
    assert all(len(c) == len(LABEL_LANGUAGES) and all(t.strip() for t in c) for c in labels)


def test_shipped_anchors_are_fresh() -> None:
    # Fails when the model version or a taxonomy label changed: regenerate the file with
    # keruen.matching.concepts.write_anchor_file(default_e5()). No model is loaded here.
    labels = concept_labels()
    anchors = _read_file(E5Encoder().name, labels_digest(labels), ANCHOR_FILE)
    assert anchors is not None
    assert anchors.shape == (len(labels), E5Encoder().dim)
    np.testing.assert_allclose(anchors.mean(axis=0), 0.0, atol=1e-3)


def test_anchors_are_language_balanced_and_centred(bow: BagOfWordsEncoder) -> None:
    labels = [
        ("solar panel", "太阳能", "солнечная панель", "күн панелі"),
        ("wheat", "小麦", "пшеница", "бидай"),
    ]
    anchors = build_anchors(bow, labels)
    assert anchors.shape == (2, bow.dim)
    np.testing.assert_allclose(anchors.sum(axis=0), 0.0, atol=1e-6)
    assert len(bow.encoded) == 8  # every language of every concept


def test_stale_file_is_not_used(bow: BagOfWordsEncoder, tmp_path) -> None:
    path = write_anchor_file(bow, tmp_path / "anchors.json")
    assert _read_file(bow.name, "not-the-digest", path) is None
    stored = concept_anchors(bow, path=path)
    np.testing.assert_allclose(stored, build_anchors(bow), atol=2e-3)  # float16 on disk


def test_concept_similarity_is_a_cosine(bow: BagOfWordsEncoder) -> None:
    anchors = build_anchors(bow)
    texts = bow.encode(["grain silos for wheat", "solar power plant", "grain silos"], kind="query")
    sim = concept_similarity(texts, texts, anchors)
    np.testing.assert_allclose(np.diag(sim), 1.0, rtol=1e-5)
    assert sim[0, 2] > sim[0, 1]
