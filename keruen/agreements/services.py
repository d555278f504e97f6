"""Writes about agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from keruen import reference
from keruen.agreements.models import Agreement
from keruen.common.errors import PermissionDenied, ValidationFailed
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
    if signed_on is not None and signed_on > timezone.localdate():
        raise ValidationFailed(
            gettext("The signing date cannot be in the future."), field="signed_on"
        )
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
    if value is not None and not currency:
        raise ValidationFailed(gettext("Give the currency of the value."), field="currency")
    agreement.save()
    agreement.parties.set(parties)
    return agreement


AGREEMENT_MEETING_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD)


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
    if meeting.status not in AGREEMENT_MEETING_STATUSES:
        raise ValidationFailed(
            gettext("Agreements can only come out of an accepted or held meeting."),
            field="meeting",
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


def _title_language(text: str) -> str:
    """The interface language code a text is written in (by its script)."""
    return CONTENT_TO_UI[detect_language(text)]
