"""What every importer shares: its columns, a plan per row, the model-validation backstop."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext

from keruen.common.errors import Problem, ProblemList
from keruen.common.i18n import CONTENT_TO_UI
from keruen.common.services import problems_from
from keruen.events.models import Event
from keruen.imports.columns import Column, text
from keruen.imports.validation import ParsedRow

CONTENT_LANGUAGES: tuple[str, ...] = tuple(CONTENT_TO_UI)  # en, zh, ru, kk


@dataclass
class Plan:
    """What to write for one valid row: the service's arguments and the objects it needs."""

    row: int
    fields: dict[str, Any]
    existing: Any = None  # the object to update, when updating
    refs: dict[str, Any] = field(default_factory=dict)  # resolved references


class Importer(ABC):
    """One kind of import. Validate rows into plans (no writes), then write the plans."""

    kind: ClassVar[str]
    noun: ClassVar[str]  # "organisation": for the report
    columns: ClassVar[tuple[Column, ...]]
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # Model field -> column, so model validation and service errors name the column.
    field_columns: ClassVar[dict[str, str]] = {}

    def __init__(self, *, event: Event, update: bool = False) -> None:
        self.event = event
        self.update = update

    def prepare(self, rows: list[ParsedRow]) -> None:  # noqa: B027 - optional hook
        """Load, in a few queries, the existing data the rows refer to."""

    @abstractmethod
    def check(self, row: ParsedRow, problems: ProblemList) -> Plan | None:
        """Validate one row against the others and the database; a Plan if it is good."""

    @abstractmethod
    def write(self, plan: Plan) -> list[str]:
        """Write one planned row through the domain services; return what happened."""

    def column_of(self, field_name: str | None) -> str | None:
        if field_name is None:
            return None
        return self.field_columns.get(field_name, field_name)

    def model_problems(
        self, instance: models.Model, row: ParsedRow, problems: ProblemList, exclude: Iterable[str]
    ) -> None:
        """Run the model's own validators as a backstop to the column checks.

        A problem is skipped when its column already has one on this row, or when the
        column is absent from the file (the header check has reported that once).
        """
        try:
            instance.full_clean(
                exclude=list(exclude), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for problem in problems_from(error, row=row.number):
                column = self.column_of(problem.field)
                if column in row.bad:
                    continue
                if column in self.column_names and column not in row.present:
                    continue
                row.problem(problems, column, problem.message)

    def problems_of(self, error: Any, row: int | None) -> list[Problem]:
        """A domain error raised while writing a row, as problems naming row and column."""
        found = getattr(error, "problems", None) or [Problem(error.message, field=error.field)]
        return [Problem(p.message, field=self.column_of(p.field), row=row) for p in found]

    @property
    def column_names(self) -> set[str]:
        return {column.name for column in self.columns}


def translated_columns(
    prefix: str, what: str, max_length: int, example: str = ""
) -> tuple[Column, ...]:
    """``name_en``, ``name_zh``, ``name_ru``, ``name_kk``: one column per content language."""
    return tuple(
        Column(
            f"{prefix}_{language}",
            format=f"{what} in {label}; text, at most {max_length} characters",
            example=example if language == "en" else "",
            parse=text(max_length),
        )
        for language, label in LANGUAGE_LABELS.items()
    )


LANGUAGE_LABELS = {"en": "English", "zh": "Chinese", "ru": "Russian", "kk": "Kazakh"}


def translations_from(
    row: ParsedRow, prefix: str, base: dict[str, str] | None = None
) -> dict[str, str]:
    """The ``{ui_language: text}`` object of a translated field from the row's columns.

    Columns absent from the file keep ``base``'s text (an update changes only what the file
    has); an empty cell removes that language.
    """
    texts = dict(base or {})
    for language in CONTENT_LANGUAGES:
        column = f"{prefix}_{language}"
        if row.has(column):
            key = CONTENT_TO_UI[language]
            if row.values[column]:
                texts[key] = row.values[column]
            else:
                texts.pop(key, None)
    return texts


def casefold_key(value: str) -> str:
    """Codes and e-mail addresses are matched without regard to case."""
    return value.casefold()


def repeated_message(value: str, first_row: int) -> str:
    """A code or e-mail address that must be unique in the file is there twice."""
    return gettext("'%(value)s' appears again (first on row %(first)s)") % {
        "value": value,
        "first": first_row,
    }


def unknown_organisation_message(code: str) -> str:
    """A row refers to an organisation code the event does not have."""
    return gettext(
        "no organisation with the code '%(code)s' in this event (import the organisations first)"
    ) % {"code": code}


def unknown_delegation_message(code: str) -> str:
    """A row refers to a delegation code the event does not have."""
    return gettext(
        "no delegation with the code '%(code)s' in this event (create it in the admin first)"
    ) % {"code": code}
