"""``keruen import KIND FILE --event SLUG``: output, exit status, audit log."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from keruen.common.models import AuditLogEntry
from keruen.people.models import Organisation
from tests.factories import UserFactory
from tests.imports.conftest import ORGANISATION_HEADER, csv_bytes, organisation_row


def call(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "orgs.csv"
    path.write_bytes(
        csv_bytes(
            [
                [*ORGANISATION_HEADER, "# notes"],
                [*organisation_row("a"), "VIP"],
                organisation_row("b"),
            ]
        )
    )
    return path


def test_import_prints_a_summary_and_audits_as_cli(event, good_file: Path) -> None:
    organiser = UserFactory(email="organiser@example.com", is_staff=True)
    out, err = call(
        "organisations", str(good_file), "--event", event.slug, "--by", "Organiser@example.com"
    )
    assert err == ""
    assert "note: column '# notes' ignored" in out
    assert f"Imported 2 organisations into {event.slug} from orgs.csv (2 created)." in out
    assert Organisation.objects.filter(event=event).count() == 2
    entries = AuditLogEntry.objects.filter(event=event, source="cli", actor=organiser)
    assert entries.filter(action="create", object_type="people.Organisation").count() == 2
    summary = entries.get(action="action")
    assert summary.changes == {
        "action": "import",
        "kind": "organisations",
        "file": "orgs.csv",
        "counts": {"created": 2},
    }


def test_bad_file_prints_every_problem_and_fails(event, tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(
        csv_bytes(
            [
                ORGANISATION_HEADER,
                organisation_row("a"),
                organisation_row("b", country="XZ"),
                organisation_row("c", sectors="04"),
            ]
        )
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import", "organisations", str(path), "--event", event.slug, stderr=err)
    assert error.value.returncode == 1
    assert str(error.value) == "orgs.csv: 2 problems; nothing was imported."
    assert err.getvalue().splitlines() == [
        "row 3, column country: 'XZ' is not an ISO 3166-1 country code",
        "row 4, column sectors: '04' is not an ISIC Rev.4 division (2 digits, e.g. 01) or "
        "section (a letter A-U)",
    ]
    assert not Organisation.objects.exists()


def test_output_is_english_whatever_language_is_active(event, good_file: Path) -> None:
    """The command's problems and summary stay English even when the code that calls it (or
    an earlier request in the same thread) left another language active."""
    bad_file = good_file.with_name("bad.csv")
    bad_file.write_bytes(csv_bytes([ORGANISATION_HEADER, organisation_row("a", country="XZ")]))
    with translation.override("ru"):
        assert translation.gettext("Problems") == "Ошибки"  # Russian really is active
        err = io.StringIO()
        with pytest.raises(CommandError) as error:
            call_command(
                "import", "organisations", str(bad_file), "--event", event.slug, stderr=err
            )
        out, _ = call("organisations", str(good_file), "--event", event.slug, "--dry-run")
        assert translation.get_language() == "ru"
    assert str(error.value) == "bad.csv: 1 problem; nothing was imported."
    assert err.getvalue() == "row 2, column country: 'XZ' is not an ISO 3166-1 country code\n"
    assert (
        "Dry run of orgs.csv: no problems; it would import 2 organisations (2 created). "
        "Nothing was written." in out
    )


def test_dry_run_writes_nothing(event, good_file: Path) -> None:
    out, _ = call("organisations", str(good_file), "--event", event.slug, "--dry-run")
    assert (
        "Dry run of orgs.csv: no problems; it would import 2 organisations (2 created). "
        "Nothing was written." in out
    )
    assert not Organisation.objects.exists()
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--event", "nope"], "No event with the slug 'nope'"),
        (["--event", "{slug}", "--by", "ghost@example.com"], "No account with the e-mail"),
    ],
)
def test_bad_options(event, good_file: Path, args: list[str], message: str) -> None:
    args = [arg.format(slug=event.slug) for arg in args]
    with pytest.raises(CommandError, match=message):
        call("organisations", str(good_file), *args)


def test_missing_file(event, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call("organisations", str(tmp_path / "missing.csv"), "--event", event.slug)


def test_update_is_refused_for_participants(event, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([["email"], ["a@example.com"]]))
    with pytest.raises(CommandError, match="Only organisations can be updated"):
        call("participants", str(path), "--event", event.slug, "--update")
