"""Moving the test database to a given migration and back, for tests of data migrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(targets: list[tuple[str, str]]) -> Any:
    """Migrate the test database to ``targets``; the apps registry of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Back to the newest migrations, as the other tests expect the database."""
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_event_and_organisation(apps: Any) -> tuple[Any, Any]:
    """An event and one of its organisations, made with the models of a past state."""
    event = apps.get_model("events", "Event").objects.create(
        slug="migrated",
        name={"en": "Expo"},
        start_date=dt.date(2026, 6, 26),
        end_date=dt.date(2026, 6, 30),
    )
    organisation = apps.get_model("people", "Organisation").objects.create(
        event=event, code="org", name={"en": "Org"}, country="KZ"
    )
    return event, organisation


def old_slot(apps: Any, event: Any, start: dt.datetime) -> Any:
    """Slot 1 of ``event`` (a morning's first, 30 minutes from ``start``), past-state models."""
    return apps.get_model("events", "Slot").objects.create(
        event=event,
        number=1,
        day_index=1,
        session="AM",
        start=start,
        end=start + dt.timedelta(minutes=30),
    )


def old_two_meetings(apps: Any, event: Any, organisation: Any) -> tuple[Any, Any]:
    """Two meetings of ``event`` between four delegates of ``organisation``, past-state models."""
    people = []
    for index in range(4):
        user = apps.get_model("people", "User").objects.create(
            email=f"{index}@example.org", password="!"
        )
        people.append(
            apps.get_model("people", "Participant").objects.create(
                event=event, user=user, organisation=organisation
            )
        )
    meetings = apps.get_model("meetings", "Meeting").objects
    first = meetings.create(event=event, participant_a=people[0], participant_b=people[1])
    second = meetings.create(event=event, participant_a=people[2], participant_b=people[3])
    return first, second
