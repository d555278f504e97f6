"""Run an import: read, validate every row, then write all rows in one transaction or none.

``import_file`` is what the ``keruen import`` command and the admin upload page call. It
returns an :class:`ImportReport` when the file was imported (or, in a dry run, would have
been) and raises :class:`ImportRefused`, listing every problem, when nothing was written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from keruen.common.audit import record_action
from keruen.common.errors import KeruenError, Problem, ProblemList, ValidationFailed
from keruen.events.models import Event
from keruen.imports import KINDS
from keruen.imports.kinds import IMPORTERS
from keruen.imports.kinds.base import Importer, Plan
from keruen.imports.readers import FileUnreadable, RawTable, read_table
from keruen.imports.validation import map_header, parse_rows

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000


class ImportRefused(ValidationFailed):
    """Nothing was written; ``problems`` names every bad row, column and reason."""

    def __init__(self, problems: list[Problem], *, rows: int = 0) -> None:
        count = len(problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''}; nothing was imported.", problems=problems
        )
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
        """One line for people: '12 organisations imported into expo-2026 (10 created, …)'."""
        counts = ", ".join(f"{count} {what}" for what, count in self.outcomes.items() if count)
        noun = self.noun if self.rows == 1 else self.kind
        if self.dry_run:
            return (
                f"Dry run of {self.filename}: no problems; it would import {self.rows} {noun} "
                f"({counts}). Nothing was written."
            )
        return (
            f"Imported {self.rows} {noun} into {self.event_slug} from {self.filename} ({counts})."
        )


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
        raise ImportRefused([Problem(f"The file is larger than {MAX_FILE_BYTES // 2**20} MB.")])
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


def _importer(kind: str, *, event: Event, update: bool) -> Importer:
    if kind not in IMPORTERS:
        raise ValidationFailed(
            f"Unknown kind {kind!r}: use one of {', '.join(KINDS)}.", field="kind"
        )
    if update and kind != "organisations":
        raise ValidationFailed("Only organisations can be updated by an import.", field="update")
    return IMPORTERS[kind](event=event, update=update)


def validate_table(table: RawTable, importer: Importer) -> list[Plan]:
    """Check the header and every row; a Plan per row, or ImportRefused with all problems."""
    if not table.rows:
        raise ImportRefused(
            [Problem("The file has a header but no data rows.", row=table.header_row)]
        )
    if len(table.rows) > MAX_ROWS:
        raise ImportRefused(
            [
                Problem(
                    f"The file has {len(table.rows)} rows; split it into files of at most "
                    f"{MAX_ROWS}."
                )
            ]
        )
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
        where = f"while writing row {row}" if row is not None else "while finishing the import"
        message = f"the database refused the import {where} ({error}); nothing was imported"
        raise ImportRefused([Problem(message, row=row)], rows=len(plans)) from error
    return outcomes


def _in_reading_order(problems: list[Problem], positions: dict[str, int]) -> list[Problem]:
    """Row by row, and left to right within a row, as the user reads the file."""

    def key(problem: Problem) -> tuple[int, int]:
        return problem.row or 0, positions.get(problem.field or "", -1)

    return sorted(problems, key=key)


def _ignored_columns(table: RawTable) -> tuple[str, ...]:
    return tuple(name.strip() for name in table.header if name.strip().startswith("#"))
