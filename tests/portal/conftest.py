"""Scenarios for the delegate portal: logged-in delegates, a slot grid, a published schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.factories import MeetingTableFactory, ParticipantFactory, SlotFactory


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """A cheap hasher: the factories set a password on every user they create."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def alice(two_delegates):
    return two_delegates[0]


@pytest.fixture
def bob(two_delegates):
    return two_delegates[1]


@pytest.fixture
def carol(event):
    """A third delegate of the same event: must never see Alice and Bob's business."""
    return ParticipantFactory(event=event)


def client_for(participant, language: str = "en") -> Client:
    client = Client()
    client.force_login(participant.user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def as_alice(alice) -> Client:
    return client_for(alice)


@pytest.fixture
def as_bob(bob) -> Client:
    return client_for(bob)


@pytest.fixture
def slots(event):
    """Four 30-minute slots on 27 June 2026, 09:30-11:30 in Shanghai (UTC+8)."""
    first = dt.datetime(2026, 6, 27, 1, 30, tzinfo=dt.UTC)
    return [
        SlotFactory(
            event=event,
            number=index + 1,
            start=first + dt.timedelta(minutes=30 * index),
            end=first + dt.timedelta(minutes=30 * (index + 1)),
        )
        for index in range(4)
    ]


@pytest.fixture
def tables(event):
    return [MeetingTableFactory(event=event, number=n) for n in (1, 2)]
