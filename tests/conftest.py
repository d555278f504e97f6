"""Shared fixtures: small composed scenarios on top of the factories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared folder beside the clone (benchmarks and dev data live there)."""
    assert SHARED.is_dir(), f"{SHARED} is missing: tests read the shared data beside the clone"
    return SHARED


@pytest.fixture
def event(db):
    from tests.factories import EventFactory

    return EventFactory()


@pytest.fixture
def requests_open(event):
    """The factory's event still ahead: see ``tests.factories.move_ahead``."""
    from tests.factories import move_ahead

    return move_ahead(event)


@pytest.fixture
def other_event(db):
    from tests.factories import EventFactory

    return EventFactory()


@pytest.fixture
def two_delegates(event):
    """Two approved delegates of one event, from two organisations."""
    from tests.factories import ParticipantFactory

    return ParticipantFactory(event=event), ParticipantFactory(event=event)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """Argon2 is slow by design; tests that are not about hashing use a fast hasher."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language, as a command or a worker does.

    The locale middleware activates a request's language in the thread and nothing
    deactivates it, so a test client request in Russian left Russian active for the next
    test of that worker: services called directly then spoke Russian (seen in a PostgreSQL
    run, whose test order differs).
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached page fragments are keyed by ids, which a rolled-back test database reuses."""
    from django.core.cache import cache

    from keruen.matchmaking.profiles import prepared_events_clear

    cache.clear()
    prepared_events_clear()
