"""Helpers for the import's messages, which are translated when they are built.

The active language is the upload page's (the request's) or, in the ``import`` command,
English. Column headers, codes, values and the words to type (yes, no) stay as the file has
them, since they are what the organiser must find or write in the spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def shown(value: str) -> str:
    """A cell's text to quote in a message: kept on one line, invisible characters escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in value)


def listed(items: Iterable[object]) -> str:
    """Items of a list in a message, separated as the active language does (Chinese: 、)."""
    return pgettext("separates the items of a list", ", ").join(str(item) for item in items)
