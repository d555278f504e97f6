"""When the embedding model cannot be loaded, pages fall back to plain search at once and do
not try to load it again on every request."""

from __future__ import annotations

import time

import pytest

from keruen.matching.encoder import EncoderUnavailableError
from keruen.matchmaking import encoding
from tests.matchmaking.conftest import WordEncoder, _reset_caches
from tests.matchmaking.test_search import listed, organisation


class BrokenModel:
    """A model whose weights cannot be loaded (a full disk, too little memory, a bad wheel)."""

    name = "broken"
    dim = 8

    def __init__(self) -> None:
        self.attempts = 0

    def encode(self, texts, *, kind: str):
        self.attempts += 1
        raise OSError("e5-small-q4.bin: no such file")


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> BrokenModel:
    model = BrokenModel()
    monkeypatch.setattr(encoding, "_encoder", model)
    monkeypatch.setattr(encoding, "_failed_at", None)
    _reset_caches()
    return model


def test_a_failed_load_is_not_retried_on_every_request(broken, monkeypatch) -> None:
    assert encoding.encode_query("wheat") is None
    assert encoding.encode_query("barley") is None
    with pytest.raises(EncoderUnavailableError):
        encoding.encode_texts(["Wheat, 50,000 t"])
    assert broken.attempts == 1
    # Once the pause is over the model is tried again, and a success ends the pause.
    assert encoding._failed_at is not None
    monkeypatch.setattr(encoding, "_failed_at", time.monotonic() - encoding.RETRY_AFTER_S - 1)
    working = WordEncoder()
    monkeypatch.setattr(encoding, "_encoder", working)
    assert encoding.encode_query("wheat") is not None
    assert encoding._failed_at is None


def test_the_catalogue_search_still_finds_names_without_the_model(
    client, event, monkeypatch
) -> None:
    from keruen.matchmaking import services

    organisation(event, "KazGrain Holding", offers=[("en", "Wheat", "Milling wheat, 12.5 %")])
    organisation(event, "Xinjiang Agricultural Machinery")
    # The offers' vectors were stored while the model worked; now it cannot be loaded.
    monkeypatch.setattr(encoding, "_encoder", WordEncoder())
    monkeypatch.setattr(encoding, "_failed_at", None)
    _reset_caches()
    services.event_embeddings_refresh(event=event)
    broken = BrokenModel()
    broken.name = WordEncoder.name
    monkeypatch.setattr(encoding, "_encoder", broken)
    assert listed(client, event, "organisation-list", "kazgrain") == ["KazGrain Holding"]
    assert listed(client, event, "opportunity-list", "wheat") == ["Wheat"]
    assert listed(client, event, "organisation-list", "xinjiang") == [
        "Xinjiang Agricultural Machinery"
    ]
    assert broken.attempts == 1  # three searches, one attempt to load the model
