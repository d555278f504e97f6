"""Days of an expo in the reader's language: ``{{ slot.start|short_day }}``.

Instead of hard-coded Django formats ("D j M" gave "星期五 25 六月" and "Чт 24 Июн"), the
templates name what they show; each language's format module says how it is written
(``keruen.formats``). Like Django's ``date`` filter, datetimes are shown in the current time
zone (``{% timezone %}``) and a missing value gives an empty string.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.text import capfirst

from keruen.formats.days import date_span, day_format

register = template.Library()


def _format(value: dt.date | str | None, name: str) -> str:
    if not isinstance(value, dt.date):  # None, or "" for a missing variable
        return ""
    return day_format(value, name)


@register.filter(expects_localtime=True)
def day_month(value: dt.date | str | None) -> str:
    """A day of the year without its weekday: "25 Jun", "25 июня", "6月25日"."""
    return _format(value, "DAY_MONTH_FORMAT")


@register.filter(expects_localtime=True)
def short_day(value: dt.date | str | None) -> str:
    """A day with its weekday, short, e.g. before a time: "Fri 25 Jun", "6月25日 周五"."""
    return _format(value, "SHORT_DAY_FORMAT")


@register.filter(expects_localtime=True)
def day_heading(value: dt.date | str | None) -> str:
    """A day as a heading: "Friday 25 June 2027", "Пятница, 25 июня 2027 г." (a heading
    starts with a capital; inside the date Russian writes the weekday in lower case)."""
    return capfirst(_format(value, "DAY_HEADING_FORMAT"))


@register.filter
def event_days(event: Any) -> str:
    """An event's days in one span: "24–28 June 2027", "2027年6月24日–28日"."""
    return date_span(event.start_date, event.end_date)
