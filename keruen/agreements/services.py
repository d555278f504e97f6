"""Writes about agreements: recording one (an organiser's, or a delegate's from one of their
meetings). Corrections and status changes are ``keruen.agreements.editing``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from keruen.agreements.models import Agreement
from keruen.agreements.rules import (
    check_meeting_has_taken_place,
    check_sector,
    check_signed_after_the_meeting,
    check_signing_date,
    check_value_and_currency,
)
from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.common.i18n import CONTENT_TO_UI
from keruen.common.services import validated
from keruen.events.models import Event
from keruen.matching.lang import detect_language
from keruen.meetings.models import Meeting
from keruen.people.models import Organisation, Participant


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
    now: dt.datetime | None = None,
    **fields: Any,
) -> Agreement:
    """Record an agreement between two or more organisations of the event.

    ``title`` is a text in one language (kept under the language it is written in, told by
    its script) or already a ``{language: text}`` dict. With ``signed_on`` it is signed, else
    under negotiation. ``now``: the clock the signing date is checked against.
    """
    if len({party.pk for party in parties}) < 2:
        raise ValidationFailed(gettext("An agreement needs at least two parties."), field="parties")
    if any(party.event_id != event.pk for party in parties):
        raise ValidationFailed(gettext("Every party must belong to this event."), field="parties")
    check_signing_date(event, signed_on, now=now or timezone.now())
    check_sector(sector)
    status = Agreement.Status.SIGNED if signed_on else Agreement.Status.NEGOTIATING
    agreement = Agreement(
        event=event,
        kind=kind,
        title=title if isinstance(title, dict) else {title_language(title): title.strip()},
        value=value,
        currency=currency.upper(),
        signed_on=signed_on,
        sector=sector,
        status=fields.pop("status", status),
        **fields,
    )
    validated(agreement, exclude=["event", "meeting"])
    check_value_and_currency(agreement.value, agreement.currency)
    agreement.save()
    agreement.parties.set(parties)
    # The parties are a many-to-many set after the row is saved: the field log misses them.
    record_action(agreement, "parties", organisations="; ".join(str(p) for p in parties))
    return agreement


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
    now: dt.datetime | None = None,
) -> Agreement:
    """A delegate records an agreement that came out of one of their meetings: the parties
    are the two delegates' organisations.

    Only once the meeting has taken place (recorded as held, or started at its time in the
    published schedule), signed or under negotiation; a signed one on the meeting's day or
    later.
    """
    if by.pk not in (meeting.participant_a_id, meeting.participant_b_id):
        raise PermissionDenied(
            gettext("Only the two delegates of a meeting can record its agreements.")
        )
    now = now or timezone.now()
    # Locked and read afresh: a cancellation at the same moment waits, or is seen here; two
    # identical submissions (a double click, a retry) wait for each other.
    status = (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values_list("status", flat=True)
        .first()
    )
    slot = check_meeting_has_taken_place(
        meeting,
        status=status or "",
        now=now,
        field="signed_on" if signed_on is not None else "meeting",
    )
    if signed_on is not None:
        check_signed_after_the_meeting(meeting, slot, signed_on)
    same = [
        earlier
        for earlier in Agreement.objects.select_for_update().filter(meeting=meeting, kind=kind)
        if title.strip() in earlier.title.values()
    ]
    if same and signed_on is not None and same[0].status == Agreement.Status.NEGOTIATING:
        # Recorded while negotiated, now signed: the same agreement, not a second one.
        return _agreement_signed(
            same[0], signed_on=signed_on, value=value, currency=currency, now=now
        )
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
        now=now,
    )


def _agreement_signed(
    agreement: Agreement,
    *,
    signed_on: dt.date,
    value: Decimal | None,
    currency: str,
    now: dt.datetime,
) -> Agreement:
    """A negotiated agreement, now signed (the date checked against the meeting by the
    caller); a value given now replaces the one recorded while negotiating."""
    check_signing_date(agreement.event, signed_on, now=now)
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on = signed_on
    if value is not None or currency:
        check_value_and_currency(value, currency)
        agreement.value, agreement.currency = value, currency.upper()
    validated(agreement, exclude=["event", "meeting"])
    agreement.save(update_fields=["status", "signed_on", "value", "currency", "updated_at"])
    return agreement


def title_language(text: str) -> str:
    """The interface language code a text is written in (by its script)."""
    return CONTENT_TO_UI[detect_language(text)]
