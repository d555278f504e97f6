"""Two people editing one record at once: keep both edits, refuse only a real clash.

A form posts every field, also those its user left alone. Writing them all back would
silently undo what a colleague saved after the form was opened (the lost update). So the
form carries, in a hidden field, a digest of each value as it was when the page was made: its
*base*. On save, a field counts as edited only if the posted value differs from the base;
only edited fields are written, over the record as it is now. A field edited on both sides,
to different values, is a clash: nothing is written and the form says which field, with the
value that is there now. Texts in several languages are compared per language, so a Chinese
colleague writing the Chinese description and a Kazakh one writing the Kazakh one both keep
their text. Lists whose order means nothing (sectors, HS codes, languages) are compared per
item, as sets: one colleague adding a sector and another adding an HS code, or two adding
different sectors, keep every addition, and a removal removes only that item. They never
clash: an item is there or not, and both sides started from the same base.

Digests, not values, keep the hidden field small; a missing or unreadable base (a form from
before this existed) falls back to writing what differs from the record.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.errors import Conflict, Problem

# Separates a field's name from a language (and a nested text's part) in the flat keys:
# "description.zh-hans", "translations.ru.title".
LANGUAGE_SEPARATOR = "."
# Separates an unordered list's name from one of its items: "sectors#agriculture". Not the
# language separator: HS codes may hold dots ("8429.51").
ITEM_SEPARATOR = "#"
DIGEST_LENGTH = 16


def item_key(name: str, item: Any) -> str:
    """The flat key of one item of an unordered list."""
    return f"{name}{ITEM_SEPARATOR}{item}"


def split_item_key(key: str) -> tuple[str, str] | None:
    """``(list name, item)`` of an item key, None for any other key."""
    name, separator, item = key.partition(ITEM_SEPARATOR)
    return (name, item) if separator else None


@dataclass(frozen=True)
class Clash:
    """One value edited by both sides: ``key`` is a field ("city") or a field's language
    ("description.ru"); ``now`` is what the record holds now."""

    key: str
    now: Any


class EditClash(Conflict):
    """Someone changed the same values meanwhile; ``base`` is the form's base with those
    values rebased on what the record holds now, for the form to carry, so that saving again
    deliberately keeps the user's version of them."""

    def __init__(
        self, clashes: list[Clash], base: dict[str, str], theirs: dict[str, Any] | None = None
    ) -> None:
        self.clashes = clashes
        self.base = base
        # What others changed that the user left alone, as the record holds it now: the form
        # shows it from now on (its base already says so), instead of its stale copy.
        self.theirs = theirs or {}
        self.problems = [Problem(clash_message(clash), field=clash.key) for clash in clashes]
        super().__init__(gettext("Someone else saved changes to this meanwhile."))


def clash_message(clash: Clash) -> str:
    shown = _shown(clash.now)
    if not shown:
        return gettext(
            "Someone else emptied this since you opened the page. Save again to keep your version."
        )
    return gettext(
        "Someone else changed this since you opened the page; it now reads “%(now)s”. "
        "Save again to replace it with yours, or change it."
    ) % {"now": shown}


def edit_base(
    instance: models.Model, names: Iterable[str], *, unordered: Iterable[str] = ()
) -> dict[str, str]:
    """Digests of the named fields as ``instance`` holds them: the base a form carries."""
    values = {name: getattr(instance, name) for name in names}
    lists = _Lists(frozenset(unordered), frozenset())
    return {key: _digest(value) for key, value in _flatten(values, lists).items()}


def merge_edits(
    instance: models.Model,
    values: Mapping[str, Any],
    base: Mapping[str, str] | None,
    *,
    unordered: Iterable[str] = (),
) -> dict[str, Any]:
    """The values to write over ``instance`` (read under a lock by the caller): those the
    user edited since ``base``, texts merged per language. Raises ``EditClash`` when a value
    was edited on both sides to different ends. Without a base, every posted value counts as
    edited (the caller then writes what differs from the record)."""
    if base is None:
        return dict(values)
    unordered = tuple(unordered)
    sets = _Lists.of(unordered, base)
    posted = _flatten(values, sets)
    current = _current(instance, values, sets)
    keys = posted.keys() | current.keys()
    edited = {key for key in keys if _digest(posted.get(key)) != base.get(key, _digest(None))}
    clashing = [
        key
        for key in sorted(edited)
        if _digest(current.get(key)) != base.get(key, _digest(None))
        and _digest(current.get(key)) != _digest(posted.get(key))
    ]
    if clashing:
        raise edit_clash(instance, values, base, clashing, unordered=unordered)
    return _unflatten(values, instance, edited)


def edit_clash(
    instance: models.Model,
    values: Mapping[str, Any],
    base: Mapping[str, str],
    keys: Iterable[str],
    *,
    unordered: Iterable[str] = (),
) -> EditClash:
    """The clash of the user's form with what ``instance`` now holds at ``keys``; also for
    a service whose merged values break a rule because of a colleague's edit.

    Those values are rebased, so saving again deliberately keeps the user's version of them.
    So are the values others changed and the user left alone (``theirs``), which the form is
    to show as they are now: saving again then writes nothing over them either."""
    keys = list(keys)
    sets = _Lists.of(unordered, base)
    current = _current(instance, values, sets)
    clashes = [Clash(key, current.get(key)) for key in keys]
    posted = _flatten(values, sets)
    theirs = {
        key: value
        for key, value in current.items()
        if key not in keys
        and _digest(value) != base.get(key, _digest(None))
        and _digest(value) != _digest(posted.get(key))
    }
    # A language or part the colleague emptied is gone from ``current``; the user left it
    # alone if the form posts what it was opened with.
    emptied = [
        key
        for key, digest in base.items()
        if key not in current
        and key not in keys
        and digest != _digest(None)
        and _digest(posted.get(key)) == digest
    ]
    theirs.update(dict.fromkeys(emptied))
    rebased = {
        **base,
        **{clash.key: _digest(clash.now) for clash in clashes},
        **{key: _digest(value) for key, value in theirs.items()},
    }
    return EditClash(clashes, rebased, theirs)


@dataclass(frozen=True)
class _Lists:
    """The unordered lists of a merge: compared item by item, or (``whole``) as one value."""

    items: frozenset[str]
    whole: frozenset[str]

    @classmethod
    def of(cls, unordered: Iterable[str], base: Mapping[str, str]) -> _Lists:
        """A base made before lists were merged item by item holds one digest per list
        (its name as the key): those lists are compared whole, as that form expects, so a
        user's removal is not mistaken for a list left alone."""
        names = frozenset(unordered)
        whole = frozenset(name for name in names if name in base)
        return cls(names - whole, whole)


_NO_LISTS = _Lists(frozenset(), frozenset())


def _current(instance: models.Model, values: Mapping[str, Any], lists: _Lists) -> dict:
    return _flatten({name: getattr(instance, name) for name in values}, lists)


def _flatten(values: Mapping[str, Any], lists: _Lists, prefix: str = "") -> dict[str, Any]:
    """One key per leaf: "city", "name.zh-hans", "translations.ru.title", and one per item of
    an unordered list, "sectors#energy", present (True) or absent."""
    flat: dict[str, Any] = {}
    for name, value in values.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, _NO_LISTS, prefix=f"{key}{LANGUAGE_SEPARATOR}"))
        elif key in lists.items:
            flat.update(dict.fromkeys((item_key(key, item) for item in value or ()), True))
        elif key in lists.whole and isinstance(value, list | tuple):
            flat[key] = sorted(value, key=str)
        else:
            flat[key] = value
    return flat


def _unflatten(values: Mapping[str, Any], instance: models.Model, edited: set[str]) -> dict:
    """The posted values of the edited keys; within a text of several languages (or a
    nested one), over what the record holds for the others."""
    merged: dict[str, Any] = {}
    for name, value in values.items():
        items = {split[1] for key in edited if (split := split_item_key(key)) and split[0] == name}
        if items:
            merged[name] = _merged_items(getattr(instance, name) or [], value or [], items)
        elif isinstance(value, dict):
            nested = copy.deepcopy(getattr(instance, name) or {})
            prefix = f"{name}{LANGUAGE_SEPARATOR}"
            for key in sorted(edited):
                if key.startswith(prefix):
                    path = key[len(prefix) :].split(LANGUAGE_SEPARATOR)
                    _put(nested, path, _leaf(value, path))
            merged[name] = nested
        elif name in edited:
            merged[name] = value
    return merged


def _merged_items(current: list[Any], posted: list[Any], edited: set[str]) -> list[Any]:
    """The record's list with the user's edited items added (as posted) or removed."""
    posted_by_key = {str(item): item for item in posted}
    kept = [item for item in current if str(item) not in edited or str(item) in posted_by_key]
    have = {str(item) for item in kept}
    added = [item for key, item in posted_by_key.items() if key in edited and key not in have]
    return kept + added


def _leaf(value: Any, path: list[str]) -> Any:
    for part in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _put(nested: dict[str, Any], path: list[str], leaf: Any) -> None:
    """Set ``leaf`` at ``path`` (remove it when empty, and any dict left empty)."""
    head, rest = path[0], path[1:]
    if not rest:
        if leaf in (None, "", [], {}):
            nested.pop(head, None)
        else:
            nested[head] = leaf
        return
    inner = nested.get(head)
    if not isinstance(inner, dict):
        inner = {}
    _put(inner, rest, leaf)
    if inner:
        nested[head] = inner
    else:
        nested.pop(head, None)


def _digest(value: Any) -> str:
    """The same digest for every empty value: a form posts "" where the record has None."""
    plain = "" if value in (None, "", [], {}) else value
    encoded = json.dumps(plain, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()[:DIGEST_LENGTH]


def _plain(value: Any) -> str:
    """One spelling per value: an instant on any clock reads as UTC (the form posts the
    event's clock, the database gives UTC); a row is its kind and primary key (two
    delegations can share a name: by it, a change from one to the other went unseen)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, models.Model):
        return f"{value._meta.label}:{value.pk}"
    return str(value)


def _shown(value: Any) -> str:
    """A current value as a person reads it in the message (lists joined, long text cut, an
    instant as the pages write it, on the current clock: the event's, in a form that edits
    instants)."""
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dict):
        value = [item for item in value.values() if item]
    text = ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
    return text if len(text) <= 200 else text[:199] + "…"


def base_from_field(raw: str | None) -> dict[str, str] | None:
    """The base a form posted back, or None if missing or not ours (then no merge)."""
    if not raw:
        return None
    try:
        base = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(base, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in base.items()
    ):
        return None
    return base


def base_to_field(base: Mapping[str, str]) -> str:
    return json.dumps(dict(base), separators=(",", ":"), sort_keys=True)
