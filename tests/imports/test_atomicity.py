"""All or nothing, even when the database or a service refuses a row in the middle."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError

from keruen.common.errors import Conflict
from keruen.imports.kinds import organisations
from keruen.people.models import Organisation
from tests.imports.conftest import (
    ORGANISATION_HEADER,
    csv_bytes,
    lines,
    organisation_row,
    refused,
    run,
)

THREE_ROWS = csv_bytes(
    [ORGANISATION_HEADER, organisation_row("a"), organisation_row("b"), organisation_row("c")]
)


def fail_on_call(monkeypatch: pytest.MonkeyPatch, number: int, error: Exception) -> None:
    """Make the ``number``-th organisation_create raise ``error``, after real writes."""
    real = organisations.organisation_create
    calls = {"n": 0}

    def flaky(**kwargs: Any) -> Organisation:
        calls["n"] += 1
        if calls["n"] == number:
            raise error
        return real(**kwargs)

    monkeypatch.setattr(organisations, "organisation_create", flaky)


def test_database_error_in_the_middle_rolls_everything_back(event, monkeypatch) -> None:
    fail_on_call(monkeypatch, 2, DatabaseError("disk I/O error"))
    problems = lines(refused(event, "organisations", THREE_ROWS))
    assert problems == [
        "row 3: the database refused the import while writing row 3 (disk I/O error); "
        "nothing was imported"
    ]
    assert not Organisation.objects.filter(event=event).exists()


def test_service_conflict_in_the_middle_is_reported_on_its_row(event, monkeypatch) -> None:
    # What a concurrent writer taking the same code between validation and writing causes.
    fail_on_call(
        monkeypatch, 3, Conflict("The organisation code 'c' is taken in this event.", field="code")
    )
    problems = lines(refused(event, "organisations", THREE_ROWS))
    assert problems == ["row 4, column code: The organisation code 'c' is taken in this event."]
    assert not Organisation.objects.filter(event=event).exists()


def test_dry_run_writes_nothing_but_reports_what_would_be_written(event) -> None:
    report = run(event, "organisations", THREE_ROWS, dry_run=True)
    assert report.created == 3
    assert report.summary().startswith(
        "Dry run of file.csv: no problems; it would import 3 organisations"
    )
    assert not Organisation.objects.filter(event=event).exists()


def test_dry_run_reports_problems_like_a_real_run(event) -> None:
    data = csv_bytes([ORGANISATION_HEADER, organisation_row(country="XZ")])
    assert lines(refused(event, "organisations", data, dry_run=True)) == [
        "row 2, column country: 'XZ' is not an ISO 3166-1 country code"
    ]
