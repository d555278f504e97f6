"""Shared helpers: a tiny deterministic encoder and small hand-made profiles."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np
import pytest

from keruen.matching.encoder import Kind, Matrix, normalise_rows
from keruen.matching.profile import Opportunity, Organisation, Participant, Role


class BagOfWordsEncoder:
    """Hashed bag of words: texts sharing words are similar. Counts calls for cache tests."""

    name = "test-bag-of-words"
    dim = 64

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str], *, kind: Kind) -> Matrix:
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                bucket = hashlib.sha256(word.encode()).digest()[0] % self.dim
                out[row, bucket] += 1.0
        return normalise_rows(out)


@pytest.fixture
def bow() -> BagOfWordsEncoder:
    return BagOfWordsEncoder()


def person(
    pid: str,
    org: str,
    *,
    country: str = "KZ",
    roles: Sequence[Role] = (),
    langs: Sequence[str] = ("ru",),
    delegation: str | None = None,
    offers: Sequence[str] = (),
    requests: Sequence[str] = (),
    hs: Sequence[str] = (),
    isic: Sequence[str] = (),
    targets: Sequence[str] = (),
) -> Participant:
    """A participant of organisation ``org`` with one opportunity per offer/request text."""
    opps = [
        Opportunity(
            id=f"{pid}-{kind}-{i}",
            kind=kind,
            text=text,
            language="en",
            hs=frozenset(hs),
            isic=frozenset(isic),
            target_countries=frozenset(targets),
        )
        for kind, texts in (("offer", offers), ("request", requests))
        for i, text in enumerate(texts)
    ]
    organisation = Organisation(id=org, name=org.title(), country=country, roles=frozenset(roles))
    return Participant(
        id=pid,
        organisation=organisation,
        languages=frozenset(langs),
        delegation=delegation,
        opportunities=tuple(opps),
    )
