"""Run an import: read, validate every row, then write all rows in one transaction or none.

``import_file`` is what the ``keruen import`` command and the admin upload page call. It
returns an :class:`ImportReport` when the file was imported (or, in a dry run, would have
been) and raises :class:`ImportRefused`, listing every problem, when nothing was written.

Every message is translated when it is built, into the active language: the upload page's,
or English in the command (which runs in English).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy, ngettext, ngettext_lazy

from keruen.common.audit import record_action
from keruen.common.errors import KeruenError, Problem, ProblemList, ValidationFailed
from keruen.events.models import Event
from keruen.imports import KINDS, MAX_ROWS
from keruen.imports.kinds import IMPORTERS
from keruen.imports.kinds.base import Importer, Plan
from keruen.imports.messages import listed
from keruen.imports.readers import FileUnreadable, RawTable, read_table
from keruen.imports.validation import map_header, parse_rows

MAX_FILE_BYTES = 20 * 1024 * 1024

# The report's sentence per kind: (imported, dry run), the plural chosen by the row count.
_SUMMARIES: dict[str, tuple[Promise, Promise]] = {
    "organisations": (
        ngettext_lazy(
            "Imported %(count)s organisation into %(event)s from %(file)s (%(outcomes)s).",
            "Imported %(count)s organisations into %(event)s from %(file)s (%(outcomes)s).",
            "count",
        ),
        ngettext_lazy(
            "Dry run of %(file)s: no problems; it would import %(count)s organisation "
            "(%(outcomes)s). Nothing was written.",
            "Dry run of %(file)s: no problems; it would import %(count)s organisations "
            "(%(outcomes)s). Nothing was written.",
            "count",
        ),
    ),
    "participants": (
        ngettext_lazy(
            "Imported %(count)s participant into %(event)s from %(file)s (%(outcomes)s).",
            "Imported %(count)s participants into %(event)s from %(file)s (%(outcomes)s).",
            "count",
        ),
        ngettext_lazy(
            "Dry run of %(file)s: no problems; it would import %(count)s participant "
            "(%(outcomes)s). Nothing was written.",
            "Dry run of %(file)s: no problems; it would import %(count)s participants "
            "(%(outcomes)s). Nothing was written.",
            "count",
        ),
    ),
    "opportunities": (
        ngettext_lazy(
            "Imported %(count)s opportunity into %(event)s from %(file)s (%(outcomes)s).",
            "Imported %(count)s opportunities into %(event)s from %(file)s (%(outcomes)s).",
            "count",
        ),
        ngettext_lazy(
            "Dry run of %(file)s: no problems; it would import %(count)s opportunity "
            "(%(outcomes)s). Nothing was written.",
            "Dry run of %(file)s: no problems; it would import %(count)s opportunities "
            "(%(outcomes)s). Nothing was written.",
            "count",
        ),
    ),
}
# What the importers report per row (the keys also go to the audit log, so they stay English).
_OUTCOMES: dict[str, Promise] = {
    "created": gettext_lazy("%(count)s created"),
    "updated": gettext_lazy("%(count)s updated"),
    "new accounts": ngettext_lazy("%(count)s new account", "%(count)s new accounts", "count"),
    "existing accounts": ngettext_lazy(
        "%(count)s existing account", "%(count)s existing accounts", "count"
    ),
}


class ImportRefused(ValidationFailed):
    """Nothing was written; ``problems`` names every bad row, column and reason."""

    def __init__(self, problems: list[Problem], *, rows: int = 0) -> None:
        count = len(problems)
        message = ngettext(
            "%(count)s problem; nothing was imported.",
            "%(count)s problems; nothing was imported.",
            count,
        )
        super().__init__(message % {"count": count}, problems=problems)
        self.rows = rows

    def __str__(self) -> str:
        # Tracebacks and logs show every problem, not just their count.
        return "\n".join([self.message, *(str(problem) for problem in self.problems)])


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote (or, in a dry run, would have written)."""

    kind: str
    noun: str
    event_slug: str
    filename: str
    source: str
    rows: int
    dry_run: bool
    outcomes: dict[str, int] = field(default_factory=dict)  # "created": 12, "account reused": 3
    ignored_columns: tuple[str, ...] = ()

    @property
    def created(self) -> int:
        return self.outcomes.get("created", 0)

    @property
    def updated(self) -> int:
        return self.outcomes.get("updated", 0)

    def summary(self) -> str:
        """One line for people, in the active language: 'Imported 12 organisations into
        expo-2026 from orgs.csv (10 created, 2 updated).'"""
        counts = listed(_outcome(what, count) for what, count in self.outcomes.items() if count)
        imported, dry_run = _SUMMARIES[self.kind]
        return (dry_run if self.dry_run else imported) % {
            "count": self.rows,
            "event": self.event_slug,
            "file": self.filename,
            "outcomes": counts,
        }


def _outcome(what: str, count: int) -> str:
    label = _OUTCOMES.get(what)
    return label % {"count": count} if label is not None else f"{count} {what}"


def import_file(
    *,
    event: Event,
    kind: str,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    update: bool = False,
) -> ImportReport:
    """Import one file of ``kind`` into ``event``, all rows or none.

    ``update`` (organisations only) updates organisations whose code exists instead of
    refusing them. ``dry_run`` does everything, writes included, then rolls back, so it
    finds even the problems only the database sees.
    """
    importer = _importer(kind, event=event, update=update)
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused([Problem(too_large_message())])
    try:
        table = read_table(data, filename=filename, kind=kind)
    except FileUnreadable as error:
        raise ImportRefused(error.problems) from error
    plans = validate_table(table, importer)
    outcomes = _write(importer, plans, dry_run=dry_run, filename=filename)
    return ImportReport(
        kind=kind,
        noun=importer.noun,
        event_slug=event.slug,
        filename=filename,
        source=table.source,
        rows=len(plans),
        dry_run=dry_run,
        outcomes=dict(outcomes),
        ignored_columns=_ignored_columns(table),
    )


def too_large_message() -> str:
    """Said by the upload form and by ``import_file`` alike."""
    return gettext("The file is larger than %(limit)s MB.") % {"limit": MAX_FILE_BYTES // 2**20}


def update_refused_message() -> str:
    """Said by the upload form and by ``import_file`` alike."""
    return gettext("Only organisations can be updated by an import.")


def _importer(kind: str, *, event: Event, update: bool) -> Importer:
    if kind not in IMPORTERS:
        unknown = gettext("Unknown kind '%(kind)s': use one of %(kinds)s.")
        raise ValidationFailed(unknown % {"kind": kind, "kinds": listed(KINDS)}, field="kind")
    if update and kind != "organisations":
        raise ValidationFailed(update_refused_message(), field="update")
    return IMPORTERS[kind](event=event, update=update)


def validate_table(table: RawTable, importer: Importer) -> list[Plan]:
    """Check the header and every row; a Plan per row, or ImportRefused with all problems."""
    if not table.rows:
        empty = gettext("The file has a header but no data rows.")
        raise ImportRefused([Problem(empty, row=table.header_row)])
    if len(table.rows) > MAX_ROWS:
        too_many = ngettext(
            "The file has %(count)s row; split it into files of at most %(limit)s.",
            "The file has %(count)s rows; split it into files of at most %(limit)s.",
            len(table.rows),
        )
        raise ImportRefused([Problem(too_many % {"count": len(table.rows), "limit": MAX_ROWS})])
    problems = ProblemList()
    header = map_header(table, importer.columns, problems, one_of=importer.one_of)
    rows = parse_rows(table, header, importer.columns, problems)
    importer.prepare(rows)
    plans = [importer.check(row, problems) for row in rows]
    if problems:
        raise ImportRefused(_in_reading_order(problems.problems, header.positions), rows=len(rows))
    return [plan for plan in plans if plan is not None]


def _write(importer: Importer, plans: list[Plan], *, dry_run: bool, filename: str) -> Counter[str]:
    """Write every plan in one transaction; any failure rolls all of them back."""
    outcomes: Counter[str] = Counter()
    row: int | None = None
    try:
        with transaction.atomic():
            for plan in plans:
                row = plan.row
                outcomes.update(importer.write(plan))
            row = None
            record_action(
                importer.event, "import", kind=importer.kind, file=filename, counts=dict(outcomes)
            )
            if dry_run:
                transaction.set_rollback(True)
    except KeruenError as error:
        # Validation passed, so this is a race (someone wrote the same code meanwhile) or a
        # rule only the services know: report it on its row like any other problem.
        raise ImportRefused(importer.problems_of(error, row), rows=len(plans)) from error
    except DatabaseError as error:
        if row is not None:
            refused = gettext(
                "the database refused the import while writing row %(row)s (%(error)s); "
                "nothing was imported"
            )
        else:
            refused = gettext(
                "the database refused the import while finishing the import (%(error)s); "
                "nothing was imported"
            )
        message = refused % {"row": row, "error": error}
        raise ImportRefused([Problem(message, row=row)], rows=len(plans)) from error
    return outcomes


def _in_reading_order(problems: list[Problem], positions: dict[str, int]) -> list[Problem]:
    """Row by row, and left to right within a row, as the user reads the file."""

    def key(problem: Problem) -> tuple[int, int]:
        return problem.row or 0, positions.get(problem.field or "", -1)

    return sorted(problems, key=key)


def _ignored_columns(table: RawTable) -> tuple[str, ...]:
    return tuple(name.strip() for name in table.header if name.strip().startswith("#"))
