"""``keruen import KIND FILE --event SLUG [--dry-run] [--update] [--by EMAIL]``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from keruen.common.audit import audit_context
from keruen.common.errors import ValidationFailed
from keruen.events.models import Event
from keruen.imports import KINDS
from keruen.imports.services import import_file
from keruen.people.models import User

OUTPUT_LANGUAGE = "en"


class Command(BaseCommand):
    help = (
        "Import organisations, participants or opportunities from a CSV or XLSX file. "
        "All rows are written, or none: every problem is printed as 'row N, column C: reason'. "
        "Columns: docs/import.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path, help="a .csv (UTF-8) or .xlsx file")
        parser.add_argument("--event", required=True, metavar="SLUG", help="the event's slug")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; write nothing"
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="organisations only: update organisations whose code exists, instead of "
            "refusing them",
        )
        parser.add_argument(
            "--by", metavar="EMAIL", help="the organiser's account to record in the audit log"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The import's messages are translated into the active language; the command's own
        # output (help, options, notes) is English, so its problems and summary are too,
        # whatever language the calling code or a previous request left active.
        with translation.override(OUTPUT_LANGUAGE):
            self._import(**options)

    def _import(self, **options: Any) -> None:
        event = Event.objects.filter(slug=options["event"]).first()
        if event is None:
            raise CommandError(f"No event with the slug {options['event']!r}.")
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        actor = _actor(options["by"])
        try:
            with audit_context(actor, source="cli"):
                report = import_file(
                    event=event,
                    kind=options["kind"],
                    data=data,
                    filename=path.name,
                    dry_run=options["dry_run"],
                    update=options["update"],
                )
        except ValidationFailed as refused:  # ImportRefused, or a bad option
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{path.name}: {refused.message}") from refused
        for column in report.ignored_columns:
            self.stdout.write(f"note: column {column!r} ignored (its name starts with '#')")
        self.stdout.write(report.summary())


def _actor(email: str | None) -> User | None:
    if not email:
        return None
    user = User.objects.filter(email=email.strip().lower()).first()
    if user is None:
        raise CommandError(f"No account with the e-mail {email!r} (--by).")
    return user
