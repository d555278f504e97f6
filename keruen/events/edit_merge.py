"""A set-up edit form's save merged with what colleagues saved meanwhile.

The merge itself is ``keruen.common.edits``. Here is how the set-up's rows are put to it: in
the terms their edit forms show them (``shown``), other rows by id, instants as the event's
wall clock reads them (to the minute, as a datetime-local field writes them), texts per
language. The form posts in the same terms (``wanted``), so that a value left alone compares
equal to the base it was opened with, whatever the clock of the server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeGuard

from django.db import models

from keruen.common.edits import LANGUAGE_SEPARATOR, EditClash, edit_base, edit_clash, merge_edits
from keruen.events.models import Event

# How a datetime-local field writes a time (``LocalDateTimeField``).
WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"


class _AsShown:
    """A row's values as its edit form shows them, read like a model by the merge."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.__dict__.update(values)


def shown_base(shown: Mapping[str, Any], *, unordered: Iterable[str] = ()) -> dict[str, str]:
    """The base an edit form carries for a row that reads ``shown``."""
    return edit_base(_AsShown(shown), shown, unordered=unordered)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FormEdit:
    """One save of an edit form: the row as it is now and what the form posted, both in the
    form's terms, and the ``base`` the form was opened with (None: a form from before bases,
    all it posted counts as edited)."""

    shown: Mapping[str, Any]
    wanted: Mapping[str, Any]
    base: Mapping[str, str] | None
    unordered: tuple[str, ...] = ()

    def edits(self) -> dict[str, Any]:
        """What the user edited, merged over the row as it is now (``merge_edits``); raises
        EditClash if a colleague changed one of those values differently."""
        return merge_edits(
            _AsShown(self.shown),  # type: ignore[arg-type]  # read like a model
            self.wanted,
            self.base,
            unordered=self.unordered,
        )

    def clash(self, keys: Iterable[str]) -> EditClash:
        """The clash at ``keys``, for two valid forms whose merge breaks a rule because of
        what a colleague changed there: saving again deliberately keeps the user's values."""
        assert self.base is not None  # without a base nothing is merged
        return edit_clash(
            _AsShown(self.shown),  # type: ignore[arg-type]  # read like a model
            self.wanted,
            self.base,
            keys,
            unordered=self.unordered,
        )

    def refuse_a_textless_merge(self, edits: Mapping[str, Any], name: str) -> None:
        """Each form keeps the text ``name`` in some language, but two colleagues each
        emptying another language would merge into none: a clash on the languages the other
        one emptied, so that saving again keeps this user's text there."""
        posted = self.wanted.get(name)
        if self.base is None or not is_texts(posted) or texts_kept(edits.get(name)):
            return
        kept = [language for language, text in posted.items() if text]
        if kept:  # else the form's own text is empty: the validators say so
            raise self.clash(f"{name}{LANGUAGE_SEPARATOR}{language}" for language in kept)


def row_lock(row: models.Model) -> None:
    """Re-read ``row``, locked until the edit is saved: the merge starts from what it holds now."""
    manager = type(row)._default_manager
    row.refresh_from_db(from_queryset=manager.select_for_update(of=("self",)))


def wall_clock(value: dt.datetime | None, event: Event) -> str | None:
    """``value`` as the event's clock reads it, to the minute, as the form shows it."""
    return value.astimezone(event.tz).strftime(WALL_CLOCK_FORMAT) if value else None


def is_texts(value: Any) -> TypeGuard[dict[str, str]]:
    """A text per language: ``{"en": "Hall A", "ru": "Зал А"}``."""
    return isinstance(value, dict) and all(isinstance(text, str) for text in value.values())


def texts_as_posted(now: dict[str, str] | None, posted: Any) -> Any:
    """A text per language as the form leaves it: the languages it shows as typed (blank: to
    remove), the others (not languages of the event) as the row holds them now, so that they
    count as untouched."""
    if not is_texts(posted):
        return posted  # not texts per language: the validators say so
    return {**(now or {}), **{language: text.strip() for language, text in posted.items()}}


def texts_kept(value: Any) -> Any:
    """A text per language without the languages left blank."""
    if not is_texts(value):
        return value
    return {language: text for language, text in value.items() if text}


def edits_write(row: models.Model, edits: Mapping[str, Any], *, chosen: Mapping[str, Any]) -> None:
    """Set the edited values on ``row``. A value compared by id or on the wall clock is set to
    what the form ``chosen`` (the row, the instant); the others to the merged value."""
    for name, value in edits.items():
        setattr(row, name, chosen[name] if name in chosen else texts_kept(value))
