"""The migrations that keep a currency only beside a value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.migrations import migrate_to, migrate_to_latest

BEFORE = ("agreements", "0007_agreement_ordering_nulls_last")
AFTER = ("agreements", "0009_agreement_currency_has_value")


def _with_the_other_apps_latest(target: tuple[str, str]) -> list[tuple[str, str]]:
    """``target``, and every other app at its newest migration (their rows as they are now)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [target, *(leaf for leaf in leaves if leaf[0] != target[0])]


@pytest.mark.django_db(transaction=True)
def test_a_currency_without_a_value_is_cleared_and_then_refused() -> None:
    from django.db import IntegrityError, transaction

    old = migrate_to(_with_the_other_apps_latest(BEFORE))
    try:
        event = old.get_model("events", "Event").objects.create(
            slug="migrated", name={"en": "Expo"}, start_date="2026-06-26", end_date="2026-06-30"
        )
        agreements = old.get_model("agreements", "Agreement").objects
        rows = {
            "currency alone": agreements.create(
                event=event, kind="mou", title={"en": "a"}, value=None, currency="USD"
            ),
            "both": agreements.create(
                event=event, kind="mou", title={"en": "b"}, value=Decimal(5), currency="CNY"
            ),
            "neither": agreements.create(event=event, kind="mou", title={"en": "c"}),
        }
        new = migrate_to(_with_the_other_apps_latest(AFTER))
        now = dict(new.get_model("agreements", "Agreement").objects.values_list("pk", "currency"))
        assert {name: now[row.pk] for name, row in rows.items()} == {
            "currency alone": "",
            "both": "CNY",
            "neither": "",
        }
        with pytest.raises(IntegrityError), transaction.atomic():
            new.get_model("agreements", "Agreement").objects.create(
                event_id=event.pk, kind="mou", title={"en": "d"}, currency="KZT"
            )
    finally:
        migrate_to_latest()
