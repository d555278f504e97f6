"""Helpers shared by the domain services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models

from keruen.common.errors import Conflict, Problem, ValidationFailed


def problems_from(error: ValidationError, *, row: int | None = None) -> list[Problem]:
    """Django's ValidationError as a list of Problems naming the field."""
    if hasattr(error, "error_dict"):
        return [
            Problem(message, field=None if name == "__all__" else name, row=row)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [Problem(message, row=row) for message in error.messages]


def validated(instance: models.Model, *, exclude: Iterable[str] = ()) -> models.Model:
    """Run the model's validators; raise ValidationFailed naming every bad field."""
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as error:
        problems = problems_from(error)
        raise ValidationFailed(
            "; ".join(str(problem) for problem in problems), problems=problems
        ) from error
    return instance


def save_or_conflict(instance: models.Model, message: str) -> models.Model:
    """Save; a database constraint violation becomes a Conflict with ``message``.

    The database is the final arbiter of uniqueness: two concurrent requests may both pass
    form checks, and only one insert survives the constraint.
    """
    try:
        instance.save()
    except IntegrityError as error:
        raise Conflict(message) from error
    return instance


def changed_values(
    instance: models.Model, values: Mapping[str, Any], *, unordered: Iterable[str] = ()
) -> dict[str, Any]:
    """The part of ``values`` that differs from what ``instance`` holds.

    The fields named in ``unordered`` are lists whose order means nothing (codes, languages):
    the same items in another order are no change, so the stored order stays as it is.
    """
    sets = frozenset(unordered)
    return {
        name: value
        for name, value in values.items()
        if not _same(getattr(instance, name), value, as_sets=name in sets)
    }


def _same(old: Any, new: Any, *, as_sets: bool) -> bool:
    if as_sets and isinstance(old, list) and isinstance(new, list):
        try:
            return set(old) == set(new)
        except TypeError:  # unhashable items: compared as they are
            pass
    return bool(old == new)
