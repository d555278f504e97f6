"""The rules an agreement's values keep, whether it is recorded or corrected: shared by
``keruen.agreements.services`` (recording) and ``keruen.agreements.editing`` (corrections
and status changes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen import reference
from keruen.common.errors import ValidationFailed
from keruen.events.models import Event, Slot
from keruen.meetings.models import Meeting
from keruen.meetings.outcomes import meeting_published_slot

# Roadshows before an edition sign agreements in its name; not more than this before it.
SIGNED_BEFORE_THE_EVENT_AT_MOST = dt.timedelta(days=2 * 365)

# What an agreement can come out of: a meeting still on (once its time has come) or held.
AGREEMENT_MEETING_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD)


def check_value_and_currency(value: Decimal | None, currency: str) -> None:
    """A value is in a currency, and a currency is the currency of a value (the database
    refuses either alone)."""
    if value is not None and not currency:
        raise ValidationFailed(gettext("Give the currency of the value."), field="currency")
    if currency and value is None:
        raise ValidationFailed(
            gettext("Give the value, or leave the currency empty."), field="currency"
        )


def check_sector(sector: str) -> None:
    if sector and sector not in {s.key for s in reference.sectors()}:
        raise ValidationFailed(gettext("Choose a sector from the list."), field="sector")


def check_signing_date(event: Event, signed_on: dt.date | None, *, now: dt.datetime) -> None:
    """Not after today on the event's clock, nor long before the edition (a date typed wrong:
    "1900-01-01" or a year off)."""
    if signed_on is None:
        return
    if signed_on > timezone.localdate(now, timezone=event.tz):
        raise ValidationFailed(
            gettext("The signing date cannot be in the future."), field="signed_on"
        )
    earliest = event.start_date - SIGNED_BEFORE_THE_EVENT_AT_MOST
    if signed_on < earliest:
        raise ValidationFailed(
            gettext("An agreement of this event is signed on %(earliest)s or later.")
            % {"earliest": date_format(earliest, "SHORT_DATE_FORMAT")},
            field="signed_on",
        )


def check_meeting_has_taken_place(
    meeting: Meeting, *, status: str, now: dt.datetime, field: str
) -> Slot | None:
    """An agreement comes out of a meeting only once it has taken place: recorded as held,
    or started (``now``) at its time in the current published schedule. Else a delegate
    could add to the event's public "agreements" before meeting anyone, and the agreement
    would keep the meeting from being cancelled or marked missed.

    ``status`` is the meeting's, read under its lock; ``field`` is the field a refusal is
    put on. Returns the meeting's published slot (None: not in the published schedule).
    """
    if status not in AGREEMENT_MEETING_STATUSES:
        raise ValidationFailed(
            gettext("Agreements can only come out of an accepted or held meeting."),
            field="meeting",
        )
    slot = meeting_published_slot(meeting=meeting)
    if status == Meeting.Status.HELD:
        return slot
    if slot is None:
        raise ValidationFailed(
            gettext(
                "This meeting is not in the published schedule yet, so it has not taken "
                "place: an agreement can come out of it once it has started at its time in "
                "the published schedule, or once it is recorded as held."
            ),
            field=field,
        )
    if now < slot.start:
        raise ValidationFailed(
            gettext(
                "This meeting has not taken place yet: an agreement can come out of it once "
                "it has started, at %(start)s."
            )
            % {"start": _on_the_events_clock(meeting.event, slot.start)},
            field=field,
        )
    return slot


def check_signed_after_the_meeting(meeting: Meeting, slot: Slot | None, signed_on: dt.date) -> None:
    """What comes out of a meeting is signed on its day or later (its slot in the current
    release, on the event's clock). A meeting held outside the published schedule has no
    day to compare with."""
    if slot is None:
        return
    day = timezone.localdate(slot.start, timezone=meeting.event.tz)
    if signed_on < day:
        raise ValidationFailed(
            gettext(
                "The meeting takes place on %(day)s: an agreement that came out of it is signed "
                "on that day or later."
            )
            % {"day": date_format(day, "SHORT_DATE_FORMAT")},
            field="signed_on",
        )


def _on_the_events_clock(event: Event, moment: dt.datetime) -> str:
    """A moment on the event's clock, named as the pages name it ("(Asia/Shanghai, UTC+8)"),
    set apart from the sentence: the reader may be elsewhere."""
    local = timezone.localtime(moment, event.tz)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({event.clock_label_at(local)})"
