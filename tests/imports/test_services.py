"""The import report's summary line, for every kind, in English and in the active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from keruen.imports import KINDS
from keruen.imports.services import ImportReport


def report(
    kind: str, rows: int, outcomes: dict[str, int], *, dry_run: bool = False
) -> ImportReport:
    return ImportReport(
        kind=kind,
        noun=kind[:-1],
        event_slug="expo-2026",
        filename="file.csv",
        source="CSV",
        rows=rows,
        dry_run=dry_run,
        outcomes=outcomes,
    )


@pytest.mark.parametrize(
    ("kind", "rows", "outcomes", "summary"),
    [
        (
            "organisations",
            12,
            {"created": 10, "updated": 2},
            "Imported 12 organisations into expo-2026 from file.csv (10 created, 2 updated).",
        ),
        (
            "participants",
            1,
            {"created": 1, "new accounts": 1, "existing accounts": 0},
            "Imported 1 participant into expo-2026 from file.csv (1 created, 1 new account).",
        ),
        (
            "participants",
            3,
            {"created": 3, "new accounts": 1, "existing accounts": 2},
            "Imported 3 participants into expo-2026 from file.csv (3 created, 1 new account, "
            "2 existing accounts).",
        ),
        (
            "opportunities",
            1,
            {"created": 1},
            "Imported 1 opportunity into expo-2026 from file.csv (1 created).",
        ),
    ],
)
def test_summary(kind: str, rows: int, outcomes: dict[str, int], summary: str) -> None:
    with translation.override("en"):
        assert report(kind, rows, outcomes).summary() == summary


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_dry_run_summary(kind: str) -> None:
    with translation.override("en"):
        assert report(kind, 2, {"created": 2}, dry_run=True).summary() == (
            f"Dry run of file.csv: no problems; it would import 2 {kind} (2 created). "
            "Nothing was written."
        )


def test_summary_is_built_in_the_active_language() -> None:
    """Needs the Russian translations of tr_imports.json merged into the .po/.mo files."""
    participants = report("participants", 5, {"created": 5, "new accounts": 5})
    with translation.override("ru"):
        assert participants.summary() == (
            "Импортировано 5 участников в мероприятие expo-2026 из файла file.csv "
            "(создано: 5, новых учётных записей: 5)."
        )
