"""Days of an expo written the reader's way: "Fri 25 Jun", "пт, 25 июня", "6月25日 周五".

Django's ``date`` filter accepts a custom format name ("SHORT_DAY_FORMAT") when the active
language's format module defines it, but writes the weekday and the month with Django's own
translations, which are capitalised or worded for standalone use ("Пт 25 Июн", "Маусым",
"星期五"). ``day_format`` reads the same named format and uses the language's own in-date
names when its format module gives them. A language without Keruen's formats, or no active
language at all, gets the default language's, never the format's name printed as a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.dateformat import DateFormat

DAY_FORMATS = ("DAY_MONTH_FORMAT", "SHORT_DAY_FORMAT", "DAY_HEADING_FORMAT")


class _InDateFormat(DateFormat):
    """Django's date formatting with a language's in-date weekday and month names."""

    def __init__(self, obj: dt.date, language: str) -> None:
        super().__init__(obj)
        self.day = obj
        self.language = language

    def _names(self, name: str) -> Sequence[str] | None:
        names = formats.get_format(name, lang=self.language)
        # get_format answers the name itself when no module defines it.
        return names if isinstance(names, (list, tuple)) else None

    def D(self) -> str:  # Django's format characters are method names
        names = self._names("WEEKDAY_ABBREVIATIONS")
        return names[self.day.weekday()] if names else super().D()

    def l(self) -> str:  # noqa: E743 - the format character for a weekday's name
        names = self._names("WEEKDAY_NAMES")
        return names[self.day.weekday()] if names else super().l()

    def E(self) -> str:
        names = self._names("MONTH_NAMES_IN_DATE")
        return names[self.day.month - 1] if names else super().E()


def day_format(value: dt.date, name: str) -> str:
    """``value`` (a date or a datetime, already in the wanted time zone) in the named format."""
    if name not in DAY_FORMATS:
        raise ValueError(f"unknown day format {name!r}; one of {', '.join(DAY_FORMATS)}")
    language, pattern = _named_format(name)
    return _InDateFormat(value, language).format(pattern)


def date_span(first: dt.date, last: dt.date) -> str:
    """The days of an event, the year (and the month) written once where they are shared:
    "24–28 June 2027", "24–28 июня 2027 г.", "2027 ж. 24–28 маусым", "2027年6月24日–28日";
    across months "28 June – 2 July 2027"; across years both dates in full."""
    if first == last:
        return formats.date_format(first, "DATE_FORMAT")
    if first.year != last.year:
        return " – ".join(formats.date_format(day, "DATE_FORMAT") for day in (first, last))
    same_month = first.month == last.month
    name = "DATE_SPAN_SAME_MONTH" if same_month else "DATE_SPAN_SAME_YEAR"
    language, (start, end) = _named_format(name)
    dash = "–" if same_month else " – "  # an en dash between numbers, spaced between dates
    written = [
        _InDateFormat(day, language).format(pattern)
        for day, pattern in ((first, start), (last, end))
    ]
    return dash.join(written)


def _named_format(name: str) -> tuple[str, Any]:
    """The active language and its format ``name``, or the default language's when the
    active one has none (``get_format`` answers the name itself then)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    pattern = formats.get_format(name, lang=language)
    if pattern == name:
        language = settings.LANGUAGE_CODE
        pattern = formats.get_format(name, lang=language)
    return language, pattern
