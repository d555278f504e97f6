"""Console scenarios: an organiser, a delegate and another event's organiser."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.events import services as event_services
from keruen.people.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    """Background jobs run synchronously in tests, whatever the project's TASKS say."""
    settings.TASKS = IMMEDIATE_TASKS
    # The factories set a password on every user; Argon2 would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organiser(event):
    return ParticipantFactory(event=event, role=Participant.Role.ORGANISER)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser.user)
    return client


@pytest.fixture
def delegate_client(client, event):
    client.force_login(ParticipantFactory(event=event).user)
    return client


@pytest.fixture
def foreign_organiser_client(client, other_event):
    foreign = ParticipantFactory(event=other_event, role=Participant.Role.ORGANISER)
    client.force_login(foreign.user)
    return client


def grid(event, *, tables: int = 2) -> None:
    """Two meeting days (the event's second and third; 27 and 28 June 2026 for the factory's
    default dates): 09:00-11:00 and 14:00-15:00, 30-minute slots (12 slots)."""
    event_services.slot_grid_set(
        event=event,
        days=[event.start_date + dt.timedelta(days=1), event.start_date + dt.timedelta(days=2)],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(11, 0)),
        pm=(dt.time(14, 0), dt.time(15, 0)),
    )
    event_services.tables_create(event=event, count=tables)


@pytest.fixture
def tiny_event(event):
    """A slot grid, two tables, five delegates and five accepted meetings."""
    grid(event)
    people = [ParticipantFactory(event=event) for _ in range(5)]
    pairs = [(0, 1), (0, 2), (1, 2), (2, 3), (3, 4)]
    meetings = [
        MeetingFactory(event=event, participant_a=people[a], participant_b=people[b])
        for a, b in pairs
    ]
    return event, people, meetings
