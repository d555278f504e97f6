"""Data conversion of the migration that made a session's room a text per language."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest

room_migration = importlib.import_module(
    "keruen.events.migrations.0004_programmesession_room_translated"
)


@pytest.mark.parametrize(
    ("plain", "texts"),
    [("Room 2.1", {"en": "Room 2.1"}), (" Hall A ", {"en": "Hall A"}), ("", {}), ("  ", {})],
)
def test_a_plain_room_becomes_english_text(plain, texts) -> None:
    assert room_migration.room_texts(plain) == texts


@pytest.mark.parametrize(
    ("texts", "plain"),
    [
        ({"en": "Room 2.1", "ru": "Зал 2.1"}, "Room 2.1"),
        ({"ru": "Зал 2.1", "kk": "2.1 залы"}, "Зал 2.1"),  # no English: the first text
        ({"en": "", "kk": "2.1 залы"}, "2.1 залы"),
        ({}, ""),
        (None, ""),
        ({"en": "R" * 150}, "R" * 100),  # the old column held 100 characters
    ],
)
def test_going_back_keeps_one_plain_room(texts, plain) -> None:
    assert room_migration.room_plain(texts) == plain


class FakeSessions:
    """The two queryset calls the migration makes, on rows held in memory."""

    def __init__(self, rows: list[SimpleNamespace]) -> None:
        self.rows = rows
        self.updated: list[str] = []

    def only(self, *fields: str) -> list[SimpleNamespace]:
        return self.rows

    def bulk_update(self, rows, fields, batch_size=None) -> None:
        assert rows == self.rows
        self.updated = list(fields)


def fake_apps(rows: list[SimpleNamespace]) -> SimpleNamespace:
    model = SimpleNamespace(objects=FakeSessions(rows))
    return SimpleNamespace(get_model=lambda app, name: model)


def test_the_migration_converts_every_row_forwards_and_backwards() -> None:
    rows = [SimpleNamespace(room="Conference Hall A"), SimpleNamespace(room="")]
    apps = fake_apps(rows)
    room_migration.rooms_to_texts(apps, None)
    assert [row.room_texts for row in rows] == [{"en": "Conference Hall A"}, {}]
    assert apps.get_model("events", "ProgrammeSession").objects.updated == ["room_texts"]

    rows[1].room_texts = {"ru": "Зал подписания"}  # translated after the migration
    room_migration.rooms_to_plain(apps, None)
    assert [row.room for row in rows] == ["Conference Hall A", "Зал подписания"]
    assert apps.get_model("events", "ProgrammeSession").objects.updated == ["room"]


def test_the_migration_is_reversible_and_ends_in_the_models_state() -> None:
    from django.apps import apps as django_apps

    migration = room_migration.Migration("0004_programmesession_room_translated", "events")
    assert all(operation.reversible for operation in migration.operations)
    field = django_apps.get_model("events", "ProgrammeSession")._meta.get_field("room")
    assert type(field).__name__ == "TranslatedTextField"
    assert field.default is dict
