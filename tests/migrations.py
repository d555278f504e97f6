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
