"""Writes about agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen import reference
from keruen.agreements.models import Agreement
from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.common.i18n import CONTENT_TO_UI
from keruen.common.services import validated
from keruen.events.models import Event
from keruen.matching.lang import detect_language
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Organisation, Participant

# Roadshows before an edition sign agreements in its name; not more than this before it.
SIGNED_BEFORE_THE_EVENT_AT_MOST = dt.timedelta(days=2 * 365)


@transaction.atomic
def agreement_record(
    *,
    event: Event,
    kind: str,
    title: dict[str, str] | str,
    parties: Sequence[Organisation],
    value: Decimal | None = None,
    currency: str = "",
    signed_on: dt.date | None = None,
    sector: str = "",
    **fields: Any,
) -> Agreement:
    """Record an agreement between two or more organisations of the event.

    ``title`` is a text in one language (kept under the language it is written in, told by
    its script) or already a ``{language: text}`` dict. With ``signed_on`` it is signed, else
    under negotiation.
    """
    if len({party.pk for party in parties}) < 2:
        raise ValidationFailed(gettext("An agreement needs at least two parties."), field="parties")
    if any(party.event_id != event.pk for party in parties):
        raise ValidationFailed(gettext("Every party must belong to this event."), field="parties")
    _check_signing_date(event, signed_on)
    if sector and sector not in {s.key for s in reference.sectors()}:
        raise ValidationFailed(gettext("Choose a sector from the list."), field="sector")
    status = Agreement.Status.SIGNED if signed_on else Agreement.Status.NEGOTIATING
    agreement = Agreement(
        event=event,
        kind=kind,
        title=title if isinstance(title, dict) else {_title_language(title): title.strip()},
        value=value,
        currency=currency.upper(),
        signed_on=signed_on,
        sector=sector,
        status=fields.pop("status", status),
        **fields,
    )
    validated(agreement, exclude=["event", "meeting"])
    _check_value_and_currency(agreement.value, agreement.currency)
    agreement.save()
    agreement.parties.set(parties)
    # The parties are a many-to-many set after the row is saved: the field log misses them.
    record_action(agreement, "parties", organisations="; ".join(str(p) for p in parties))
    return agreement


def _check_value_and_currency(value: Decimal | None, currency: str) -> None:
    """A value is in a currency, and a currency is the currency of a value (the database
    refuses either alone)."""
    if value is not None and not currency:
        raise ValidationFailed(gettext("Give the currency of the value."), field="currency")
    if currency and value is None:
        raise ValidationFailed(
            gettext("Give the value, or leave the currency empty."), field="currency"
        )


def _check_signing_date(event: Event, signed_on: dt.date | None) -> None:
    """Not after today on the event's clock, nor long before the edition (a date typed wrong:
    "1900-01-01" or a year off)."""
    if signed_on is None:
        return
    if signed_on > timezone.localdate(timezone=event.tz):
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


AGREEMENT_MEETING_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD)


@transaction.atomic
def agreement_record_for_meeting(
    *,
    meeting: Meeting,
    by: Participant,
    kind: str,
    title: str,
    value: Decimal | None = None,
    currency: str = "",
    signed_on: dt.date | None = None,
    sector: str = "",
) -> Agreement:
    """A delegate records an agreement that came out of one of their meetings: the parties
    are the two delegates' organisations."""
    if by.pk not in (meeting.participant_a_id, meeting.participant_b_id):
        raise PermissionDenied(
            gettext("Only the two delegates of a meeting can record its agreements.")
        )
    # Locked and read afresh: a cancellation at the same moment waits, or is seen here; two
    # identical submissions (a double click, a retry) wait for each other.
    status = (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status not in AGREEMENT_MEETING_STATUSES:
        raise ValidationFailed(
            gettext("Agreements can only come out of an accepted or held meeting."),
            field="meeting",
        )
    if signed_on is not None:
        _check_signed_after_the_meeting(meeting, signed_on, held=status == Meeting.Status.HELD)
    same = [
        earlier
        for earlier in Agreement.objects.select_for_update().filter(meeting=meeting, kind=kind)
        if title.strip() in earlier.title.values()
    ]
    if same and signed_on is not None and same[0].status == Agreement.Status.NEGOTIATING:
        # Recorded while negotiated, now signed: the same agreement, not a second one.
        return _agreement_signed(same[0], signed_on=signed_on, value=value, currency=currency)
    if same:
        raise Conflict(
            gettext("This agreement is recorded already for this meeting."), field="title"
        )
    return agreement_record(
        event=meeting.event,
        kind=kind,
        title=title,
        parties=[meeting.participant_a.organisation, meeting.participant_b.organisation],
        value=value,
        currency=currency,
        signed_on=signed_on,
        sector=sector,
        meeting=meeting,
    )


def _agreement_signed(
    agreement: Agreement, *, signed_on: dt.date, value: Decimal | None, currency: str
) -> Agreement:
    """A negotiated agreement, now signed (the date checked by the caller); a value given now
    replaces the one recorded while negotiating."""
    _check_signing_date(agreement.event, signed_on)
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on
    if value is not None or currency:
        _check_value_and_currency(value, currency)
        agreement.value, agreement.currency = value, currency.upper()
    validated(agreement, exclude=["event", "meeting"])
    agreement.save(update_fields=["status", "signed_on", "value", "currency", "updated_at"])
    return agreement


def _check_signed_after_the_meeting(meeting: Meeting, signed_on: dt.date, *, held: bool) -> None:
    """What comes out of a meeting is signed on its day or later (its slot in the current
    release, on the event's clock). A meeting not in the published schedule has not taken
    place, unless recorded as held: an agreement from it cannot be signed yet. Else a
    delegate could add to the event's public "agreements signed" before meeting anyone."""
    release = schedule_current_release(event=meeting.event)
    entry = (
        ScheduledMeeting.objects.filter(schedule=release, meeting=meeting)
        .select_related("slot")
        .first()
        if release is not None
        else None
    )
    if entry is None:
        if held:
            return
        raise ValidationFailed(
            gettext(
                "This meeting is not in the published schedule yet: record the agreement as "
                "being negotiated, and record it again as signed once the meeting has taken "
                "place."
            ),
            field="signed_on",
        )
    day = entry.slot.start.astimezone(meeting.event.tz).date()
    if signed_on < day:
        raise ValidationFailed(
            gettext(
                "The meeting takes place on %(day)s: an agreement that came out of it is signed "
                "on that day or later."
            )
            % {"day": date_format(day, "SHORT_DATE_FORMAT")},
            field="signed_on",
        )


def _title_language(text: str) -> str:
    """The interface language code a text is written in (by its script)."""
    return CONTENT_TO_UI[detect_language(text)]
