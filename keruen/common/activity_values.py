"""The activity log's stored values in the reader's words: names for ids, yes or no for a
switch, times on the event's clock in the reader's date format, labels for codes.

The log keeps what a row held (``keruen.common.audit``): ids, ISO timestamps with an offset,
choice codes, country codes. Entries of every age hold these same shapes, so they are read
here, when shown; a row deleted since is named by its id ("#1078").
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, pgettext

from keruen import reference
from keruen.common.i18n import UI_LANGUAGES, localize, ui_language
from keruen.formats.days import day_format

# Related rows read with their own related rows, so that naming them costs no query each.
_NAMED_WITH = {
    "meetings.Meeting": ("participant_a", "participant_b"),
    "meetings.MeetingRequest": ("requester", "target"),
}
# "2027-06-26 09:30", as services write a time on the event's clock into a detail's text.
_LOCAL_MINUTE = re.compile(r"\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})\b")
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# "#12 2027-06-26 01:30 UTC": a slot as its row names itself (in the names of entries).
SLOT_IN_NAME = re.compile(r"#\d+ (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC")


@dataclass(frozen=True)
class LogReading:
    """What the lines of a page of the log need besides the entries, read once for the page:
    the event's clock and the rows its entries refer to by id."""

    tz: dt.tzinfo | None = None
    rows: Mapping[tuple[str, str], models.Model] = field(default_factory=dict)

    def row(self, label: str, pk: Any) -> models.Model | None:
        return self.rows.get((label, str(pk)))

    def name(self, label: str, pk: Any) -> str:
        """The row's name now, or "#1078" when it has been deleted since."""
        row = self.row(label, pk)
        if row is None:
            return f"#{pk}"
        if label == "events.Slot":
            return self.when(row.start)  # type: ignore[attr-defined]
        if label == "meetings.Schedule":
            return str(row) if row.version else gettext("draft")  # type: ignore[attr-defined]
        if label == "meetings.MeetingRequest":  # without its status, in English in its name
            return f"{row.requester} → {row.target}"  # type: ignore[attr-defined]
        return str(row)

    def when(self, moment: dt.datetime) -> str:
        """A moment as the page writes times: "25 Jun 09:30" on the event's clock."""
        if self.tz is not None and moment.tzinfo is not None:
            moment = moment.astimezone(self.tz)
        return f"{day_format(moment, 'DAY_MONTH_FORMAT')} {moment:%H:%M}"


def log_reading(*, event: Any, entries: Iterable[Any], refers: Any) -> LogReading:
    """Read the rows ``entries`` refer to (``refers(entry)`` yields (model label, pk)): one
    query per kind of row."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        for label, pk in refers(entry):
            if isinstance(pk, int | str) and str(pk):
                wanted[label].add(str(pk))
    rows: dict[tuple[str, str], models.Model] = {}
    for label, pks in wanted.items():
        model = apps.get_model(label)
        found = model._base_manager.filter(pk__in=pks)
        related = _NAMED_WITH.get(label)
        if related:
            found = found.select_related(*related)
        rows.update(((label, str(row.pk)), row) for row in found)
    return LogReading(tz=event.tz if event is not None else None, rows=rows)


def related_label(field: models.ForeignKey[Any, Any]) -> str:
    """ "people.Participant": the model a relation points to."""
    model = field.related_model
    return model if isinstance(model, str) else model._meta.label


def listed(items: Iterable[object]) -> str:
    """Items of a list, separated as the reader's language does (Chinese: 、)."""
    return pgettext("separates the items of a list", ", ").join(str(item) for item in items)


def yes_no(value: bool) -> str:
    return gettext("yes") if value else gettext("no")


def field_value(field: Any, name: str, value: Any, reading: LogReading) -> str:
    """A field's stored value (``_plain`` in ``keruen.common.audit``) as the reader knows it."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if isinstance(value, Hashable) and value in choices:
        return str(choices[value])
    if isinstance(field, models.ForeignKey):  # a one-to-one field too
        return reading.name(related_label(field), value)
    if isinstance(field, models.BooleanField) and isinstance(value, bool):
        return yes_no(value)
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return _moment(value, reading) or value
    if isinstance(field, models.DateField) and isinstance(value, str):
        day = parse_date(value)
        return date_format(day, "SHORT_DATE_FORMAT") if day else value
    if isinstance(field, models.TimeField) and isinstance(value, str):
        return value[:5]  # "09:30:00"
    if isinstance(field, models.DecimalField | models.FloatField):
        return _number(value)
    if isinstance(value, list):
        return listed(_code_name(name, item, reading) for item in value)
    return plain_value(value, reading)


def plain_value(value: Any, reading: LogReading) -> str:
    """A value of no known field: a detail of a domain action, a field removed since."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, list):
        return listed(plain_value(item, reading) for item in value)
    if isinstance(value, dict):
        if set(value) <= set(UI_LANGUAGES):
            return localize(value) or "—"  # a text in several languages: the reader's
        return listed(f"{key}: {plain_value(item, reading)}" for key, item in value.items())
    text = str(value)
    return _moment(text, reading) or text


def times_in_text(text: str, reading: LogReading) -> str:
    """A detail's text with its times ("2027-06-26 09:30", already on the event's clock) and
    days ("2027-06-26") written as the reader's language writes them."""

    def minute(match: re.Match[str]) -> str:
        moment = dt.datetime.fromisoformat(f"{match[1]}T{match[2]}")
        return f"{day_format(moment, 'DAY_MONTH_FORMAT')} {match[2]}"

    def day(match: re.Match[str]) -> str:
        return day_format(dt.date.fromisoformat(match[0]), "DAY_MONTH_FORMAT")

    try:
        return _ISO_DAY.sub(day, _LOCAL_MINUTE.sub(minute, text))
    except ValueError:  # not a real date after all: as stored
        return text


def slot_in_name(text: str, reading: LogReading) -> str:
    """ "A & B @ #12 2027-06-26 01:30 UTC" with the slot's start on the event's clock."""

    def start(match: re.Match[str]) -> str:
        moment = dt.datetime.fromisoformat(f"{match[1].replace(' ', 'T')}+00:00")
        return reading.when(moment)

    try:
        return SLOT_IN_NAME.sub(start, text)
    except ValueError:
        return text


def people_changed(now: Any, before: Any, reading: LogReading) -> str:
    """ "+ Dinara Omarova, − #1078": who a list of delegates' ids gained and lost."""
    now_ids = list(now) if isinstance(now, list) else []
    before_ids = list(before) if isinstance(before, list) else []
    added = [
        f"+ {reading.name('people.Participant', pk)}" for pk in now_ids if pk not in before_ids
    ]
    removed = [
        f"− {reading.name('people.Participant', pk)}" for pk in before_ids if pk not in now_ids
    ]
    return listed([*added, *removed]) or "—"


def _moment(text: str, reading: LogReading) -> str:
    """An ISO timestamp with its offset ("2027-06-28T00:00:00+00:00") on the event's clock."""
    if "T" not in text:
        return ""
    try:
        moment = parse_datetime(text)
    except ValueError:
        return ""
    return reading.when(moment) if moment is not None else ""


def _number(value: Any) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    places = 0 if number == int(number) else 2
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def _code_name(name: str, code: Any, reading: LogReading) -> str:
    """An item of a list of codes by its name: a country, a language, a sector."""
    if not isinstance(code, str):
        return plain_value(code, reading)
    language = ui_language()
    try:
        if name == "target_countries":
            return reference.country_name(code, language)
        if name == "languages":
            return reference.language_in_sentence(code, language)
        if name == "sectors":  # ISIC sections and divisions, as organisations store them
            return reference.isic_label(code, language)
        if name == "hs_codes":
            return f"{code} {reference.hs_label(code, language)}"
    except KeyError:  # a code the reference does not know (any more)
        return code
    if name == "days":
        return times_in_text(code, reading)
    return code
