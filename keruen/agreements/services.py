"""Writes about agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from keruen.agreements.models import Agreement
from keruen.common.errors import ValidationFailed
from keruen.common.services import validated
from keruen.events.models import Event
from keruen.people.models import Organisation


@transaction.atomic
def agreement_record(
    *,
    event: Event,
    kind: str,
    title: dict[str, str],
    parties: Sequence[Organisation],
    value: Decimal | None = None,
    currency: str = "",
    signed_on: dt.date | None = None,
    **fields: Any,
) -> Agreement:
    """Record an agreement between two or more organisations of the event."""
    if len({party.pk for party in parties}) < 2:
        raise ValidationFailed("An agreement needs at least two parties.", field="parties")
    if any(party.event_id != event.pk for party in parties):
        raise ValidationFailed("Every party must belong to this event.", field="parties")
    status = Agreement.Status.SIGNED if signed_on else Agreement.Status.NEGOTIATING
    agreement = Agreement(
        event=event,
        kind=kind,
        title=title,
        value=value,
        currency=currency.upper(),
        signed_on=signed_on,
        status=fields.pop("status", status),
        **fields,
    )
    validated(agreement, exclude=["event", "meeting"])
    if value is not None and not currency:
        raise ValidationFailed("Give the currency of the value.", field="currency")
    agreement.save()
    agreement.parties.set(parties)
    return agreement
