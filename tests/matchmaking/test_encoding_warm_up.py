"""The model is loaded when the server starts, not by the first visitor."""

from __future__ import annotations

import pytest

from keruen.matching.encoder import EncoderUnavailableError
from keruen.matchmaking import encoding


class _Recording:
    name = "recording"
    dim = 2

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.calls: list[list[str]] = []

    def encode(self, texts, *, kind):
        self.calls.append(list(texts))
        if self.fail:
            raise EncoderUnavailableError("no model here")
        import numpy as np

        return np.ones((len(texts), 2), dtype=np.float32)


def test_warm_up_in_background_encodes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    recording = _Recording()
    monkeypatch.setattr(encoding, "_encoder", recording)
    encoding.warm_up_in_background().join(timeout=10)
    assert recording.calls == [["warm-up"]]


def test_a_missing_model_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoding, "_encoder", _Recording(fail=True))
    monkeypatch.setattr(encoding, "_failed_at", None)
    assert encoding.warm_up() is False
    # The failure is remembered: the first search does not pay another load attempt.
    assert encoding._failed_at is not None


def test_gunicorn_workers_warm_up_when_they_start(monkeypatch: pytest.MonkeyPatch) -> None:
    from keruen import gunicorn

    recording = _Recording()
    monkeypatch.setattr(encoding, "_encoder", recording)
    started = []
    monkeypatch.setattr(
        encoding,
        "warm_up_in_background",
        lambda: started.append(True) or encoding.warm_up(),
    )
    gunicorn.post_worker_init(worker=None)
    assert started == [True]
    assert recording.calls == [["warm-up"]]
