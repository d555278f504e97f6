"""Matchmaking fixtures: a tiny deterministic encoder, hand-made delegates, the real model."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from keruen.matching.encoder import Matrix, normalise_rows
from keruen.matchmaking import encoding, product_search, search


class WordEncoder:
    """Hashed bag of words: texts sharing words are similar. Records what it encoded."""

    name = "test-words"
    dim = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, kind: str) -> Matrix:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, hashlib.sha256(word.encode()).digest()[0] % self.dim] += 1.0
        return normalise_rows(out)


def _reset_caches() -> None:
    encoding._query_cache.clear()
    search._matrices.clear()
    product_search._concepts.clear()


@pytest.fixture
def words(monkeypatch: pytest.MonkeyPatch) -> Iterator[WordEncoder]:
    """Replace the embedding model by ``WordEncoder`` for one test."""
    encoder = WordEncoder()
    monkeypatch.setattr(encoding, "_encoder", encoder)
    _reset_caches()
    yield encoder
    _reset_caches()


@pytest.fixture(scope="session")
def real_encoder() -> encoding.Encoder:
    """The real multilingual model, loaded once for the whole session."""
    encoder = encoding.event_encoder()
    encoder.encode(["warm-up"], kind="query")
    return encoder


@pytest.fixture
def real_model(real_encoder: encoding.Encoder, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(encoding, "_encoder", real_encoder)
    _reset_caches()
    yield
    _reset_caches()


def delegate(
    event,
    *,
    org_name: str,
    country: str = "KZ",
    languages=("ru",),
    sectors=("01",),
    opportunities: Sequence[tuple[str, str, str, str]] = (),
    **extra,
):
    """An approved delegate of a new organisation with published opportunities.

    ``opportunities``: (direction, language, title, body, *hs_codes) tuples.
    """
    from tests.factories import OpportunityFactory, OrganisationFactory, ParticipantFactory

    organisation = OrganisationFactory(
        event=event, name={"en": org_name}, country=country, sectors=list(sectors)
    )
    person = ParticipantFactory(
        event=event, organisation=organisation, languages=list(languages), **extra
    )
    for direction, language, title, body, *hs in opportunities:
        OpportunityFactory(
            organisation=organisation,
            direction=direction,
            language=language,
            title=title,
            body=body,
            sectors=list(sectors),
            hs_codes=list(hs),
        )
    return person


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings) -> None:
    # Argon2 costs ~0.5 s per factory user on a busy machine; these tests never log in by
    # password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


GRAIN_REQUEST = ("request", "en", "Grain storage silos", "We need steel grain storage silos")
GRAIN_OFFER = ("offer", "en", "Steel grain silos", "Steel grain storage silos built turnkey")


@pytest.fixture
def market(event, words):
    """A grain buyer, a silo maker, and two distractors."""
    buyer = delegate(
        event, org_name="Kazakh Grain", opportunities=[GRAIN_REQUEST], languages=["kk", "ru"]
    )
    silos = delegate(
        event,
        org_name="Silo Works",
        country="CN",
        languages=["zh", "ru"],
        sectors=["01", "28"],
        opportunities=[GRAIN_OFFER],
    )
    tours = delegate(
        event,
        org_name="Silk Tours",
        country="UZ",
        languages=["uz"],
        sectors=["79"],
        opportunities=[("offer", "en", "Tours", "Guided tours of Samarkand")],
    )
    wind = delegate(
        event,
        org_name="Wind Power",
        country="CN",
        languages=["zh"],
        sectors=["35"],
        opportunities=[("offer", "en", "Wind turbines", "Wind turbines 2.5 MW")],
    )
    return buyer, silos, tours, wind
