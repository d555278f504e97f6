"""The organisers' corrections to an agreement: its values (``agreement_update``) and its
status (``agreement_sign``, ``agreement_cancel``, ``agreement_reopen``), under the rules of
recording one (``keruen.agreements.rules``).

Two organisers may have the same agreement open: the edit form carries the base of the values
it showed, and an update writes only what its user edited, over the row as it is now, re-read
under a lock (``keruen.common.edits``), as the set-up's edit forms do. A status change made
meanwhile stands. Every write saves the row, so the audit log has each changed field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.services import validated
from keruen.events.edit_merge import FormEdit, row_lock, shown_base, texts_as_posted, texts_kept

CENT = Decimal("0.01")


def _money(value: Decimal | None) -> str | None:
    """A value as stored (to the cent): "10" typed and "10.00" read are the same value."""
    return str(Decimal(value).quantize(CENT)) if value is not None else None


def _agreement_shown(agreement: Agreement) -> dict[str, Any]:
    """The values the edit form shows, in the terms it posts them."""
    return {
        "kind": agreement.kind,
        "title": agreement.title,
        "sector": agreement.sector,
        "value": _money(agreement.value),
        "currency": agreement.currency,
        "signed_on": agreement.signed_on.isoformat() if agreement.signed_on else None,
    }


def agreement_edit_base(agreement: Agreement) -> dict[str, str]:
    """The base an agreement's edit form carries (see ``keruen.common.edits``)."""
    return shown_base(_agreement_shown(agreement))


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    kind: str,
    title: dict[str, str],
    value: Decimal | None,
    currency: str,
    signed_on: dt.date | None,
    sector: str,
    base: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> Agreement:
    """Correct an agreement's kind, title, sector, value and currency, and the date of a
    signed (or cancelled) one; its status changes by ``agreement_sign``, ``agreement_cancel``
    and ``agreement_reopen``. The same rules as recording one apply.

    ``title`` holds the languages the form shows (a blank text removes that language; the
    others stay). With the form's ``base`` only what its user edited is written.
    """
    row_lock(agreement)
    shown = _agreement_shown(agreement)
    wanted = {
        "kind": kind,
        "title": texts_as_posted(agreement.title, title),
        "sector": sector,
        "value": _money(value),
        "currency": currency.strip().upper(),
        "signed_on": signed_on.isoformat() if signed_on else None,
    }
    edit = FormEdit(shown, wanted, base)
    edits = edit.edits()
    edit.refuse_a_textless_merge(edits, "title")
    typed = {"value": value, "signed_on": signed_on}
    changed = {
        name: typed[name] if name in typed else texts_kept(merged)
        for name, merged in edits.items()
        if (texts_kept(merged) if name == "title" else merged) != shown[name]
    }
    if not changed:
        return agreement
    for name, new in changed.items():
        setattr(agreement, name, new)
    _check_values(agreement, date_changed="signed_on" in changed, now=now or timezone.now())
    if changed.keys() & {"kind", "title"}:
        _refuse_a_second_of_the_meetings(agreement)
    agreement.save(update_fields=[*changed, "updated_at"])
    return agreement


def _check_values(agreement: Agreement, *, date_changed: bool, now: dt.datetime) -> None:
    """The rules of recording, on the values the row now holds: a sector of the list, a value
    with its currency, a signing date only once signed (and then one), not in the future nor
    before the meeting it came out of."""
    check_sector(agreement.sector)
    if not any(text.strip() for text in (agreement.title or {}).values()):
        # An empty dict is a blank value, which the field's validators are not run on.
        raise ValidationFailed(gettext("Give the title in at least one language."), field="title")
    validated(agreement, exclude=["event", "meeting"])
    check_value_and_currency(agreement.value, agreement.currency)
    if agreement.status == Agreement.Status.SIGNED and agreement.signed_on is None:
        raise ValidationFailed(gettext("Give the date it was signed."), field="signed_on")
    if agreement.status == Agreement.Status.NEGOTIATING and agreement.signed_on is not None:
        raise ValidationFailed(
            gettext(
                "An agreement under negotiation has no signing date: mark it as signed to give one."
            ),
            field="signed_on",
        )
    if date_changed and agreement.signed_on is not None:
        _check_signed_on(agreement, agreement.signed_on, now=now)


def _check_signed_on(agreement: Agreement, signed_on: dt.date, *, now: dt.datetime) -> None:
    check_signing_date(agreement.event, signed_on, now=now)
    meeting = agreement.meeting
    if meeting is not None:
        # Signed, it counts in the event's figures: only once the meeting has taken place.
        slot = check_meeting_has_taken_place(
            meeting, status=meeting.status, now=now, field="signed_on"
        )
        check_signed_after_the_meeting(meeting, slot, signed_on)


def _refuse_a_second_of_the_meetings(agreement: Agreement) -> None:
    """One meeting's agreements differ by kind or title: a delegate recording it again then
    signs the one recorded, and no two match."""
    if agreement.meeting_id is None:
        return
    titles = {text for text in agreement.title.values() if text}
    others = Agreement.objects.filter(meeting_id=agreement.meeting_id, kind=agreement.kind)
    if any(titles & set(other.title.values()) for other in others.exclude(pk=agreement.pk)):
        raise Conflict(
            gettext("This agreement is recorded already for this meeting."), field="title"
        )


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, signed_on: dt.date, now: dt.datetime | None = None
) -> Agreement:
    """Mark an agreement under negotiation (or one cancelled by mistake) as signed on
    ``signed_on``: not in the future, and for one that came out of a meeting, only once the
    meeting has taken place and on its day or later."""
    row_lock(agreement)
    if agreement.status == Agreement.Status.SIGNED:
        raise Conflict(gettext("This agreement is signed already."), field="status")
    _check_signed_on(agreement, signed_on, now=now or timezone.now())
    agreement.status, agreement.signed_on = Agreement.Status.SIGNED, signed_on
    agreement.save(update_fields=["status", "signed_on", "updated_at"])
    return agreement


@transaction.atomic
def agreement_cancel(*, agreement: Agreement) -> Agreement:
    """Record that an agreement fell through (talks broken off, a signed one annulled). A
    signed one keeps its date; it no longer counts among the agreements signed."""
    row_lock(agreement)
    if agreement.status == Agreement.Status.CANCELLED:
        raise Conflict(gettext("This agreement is cancelled already."), field="status")
    agreement.status = Agreement.Status.CANCELLED
    agreement.save(update_fields=["status", "updated_at"])
    return agreement


@transaction.atomic
def agreement_reopen(*, agreement: Agreement) -> Agreement:
    """Put an agreement back under negotiation: recorded as signed, or cancelled, by mistake,
    or talks taken up again. Its signing date is removed."""
    row_lock(agreement)
    if agreement.status == Agreement.Status.NEGOTIATING:
        raise Conflict(gettext("This agreement is under negotiation already."), field="status")
    agreement.status, agreement.signed_on = Agreement.Status.NEGOTIATING, None
    agreement.save(update_fields=["status", "signed_on", "updated_at"])
    return agreement
