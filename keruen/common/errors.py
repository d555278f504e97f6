"""The one family of domain errors.

Services raise these; views render them as messages and the API maps them to its single
error shape. ``field`` and ``row`` say where the problem is when it comes from input.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext


@dataclass
class Problem:
    """One thing wrong with some input: where (row, field) and why."""

    message: str
    field: str | None = None
    row: int | None = None
    code: str = "invalid"

    def __str__(self) -> str:
        """'row 3, column email: …' in the active language (English in the CLI).

        ``field`` is a file's column header or a form field name: it stays as written, since
        it is what the reader must find in the file.
        """
        if self.row is not None and self.field:
            return gettext("row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.field,
                "message": self.message,
            }
        if self.row is not None:
            return gettext("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        if self.field:
            return gettext("%(field)s: %(message)s") % {
                "field": self.field,
                "message": self.message,
            }
        return self.message


class KeruenError(Exception):
    """Base of every domain error."""

    code = "error"
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(KeruenError):
    """Input broke a rule; ``problems`` lists every one of them."""

    code = "invalid"
    http_status = 422

    def __init__(
        self, message: str, *, field: str | None = None, problems: list[Problem] | None = None
    ) -> None:
        super().__init__(message, field=field)
        self.problems: list[Problem] = problems or [Problem(message, field=field)]


class NotFound(KeruenError):
    code = "not_found"
    http_status = 404


class PermissionDenied(KeruenError):
    code = "forbidden"
    http_status = 403


class Conflict(KeruenError):
    """The request clashes with the current state (a slot already taken, a duplicate)."""

    code = "conflict"
    http_status = 409


@dataclass
class ProblemList:
    """Collects problems while validating many rows, to raise them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        self.problems.append(Problem(message, field=field, row=row))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self, summary: str) -> None:
        if self.problems:
            raise ValidationFailed(summary, problems=list(self.problems))
