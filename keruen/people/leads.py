"""Contacts met at the expo: a delegate (an exhibitor at their booth, typically) scans another's
badge and keeps them, with a note, to follow up or to request a meeting."""

from __future__ import annotations

import unicodedata

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from keruen.common.errors import NotFound, ValidationFailed
from keruen.people.models import Lead, Participant

NOTE_MAX = 1000


def lead_save(
    *, owner: Participant, person: Participant, note: str | None = None
) -> tuple[Lead, bool]:
    """Keep ``person`` among the owner's contacts. Saved again, the note is replaced by the
    one given, an empty one clearing it; ``None`` leaves it as it was. Returns the lead and
    whether it is new."""
    if person.event_id != owner.event_id:
        raise NotFound(gettext("No such delegate in this event."))
    if person.pk == owner.pk:
        raise ValidationFailed(gettext("This is your own badge."), field="badge_code")
    if person.status != Participant.Status.APPROVED:
        raise ValidationFailed(
            gettext("%(name)s is not an approved delegate of this event.")
            % {"name": person.display_name},
            field="badge_code",
        )
    text = lead_note_clean(note or "")
    if len(text) > NOTE_MAX:
        raise ValidationFailed(
            gettext("The note is longer than %(n)s characters.") % {"n": NOTE_MAX}, field="note"
        )
    existing = Lead.objects.filter(owner=owner, person=person).first()
    if existing is not None:
        if note is not None and text != existing.note:
            existing.note = text
            existing.save(update_fields=["note", "updated_at"])
        return existing, False
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                event_id=owner.event_id, owner=owner, person=person, note=text
            )
    except IntegrityError:  # the same badge scanned twice at once: one lead
        return Lead.objects.get(owner=owner, person=person), False
    return lead, True


def lead_note_clean(note: str) -> str:
    """A note as stored: line breaks as one "\n" (a browser posts "\r\n" but counts one
    character against the box's limit, as the check here must), control characters dropped
    but for line breaks and tabs (PostgreSQL refuses NUL), spaces around it trimmed."""
    lines = note.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(char for char in lines if char in "\n\t" or unicodedata.category(char) != "Cc")
    return kept.strip()


def lead_delete(*, lead: Lead) -> None:
    lead.delete()


def my_leads(*, owner: Participant) -> QuerySet[Lead]:
    """The owner's contacts, newest first."""
    return (
        Lead.objects.filter(owner=owner)
        .select_related("person__organisation")
        .order_by("-created_at", "-id")
    )


def my_lead_get(*, owner: Participant, pk: int) -> Lead:
    """One of the owner's contacts; anyone else's is not found."""
    lead = Lead.objects.filter(owner=owner, pk=pk).first()
    if lead is None:
        raise NotFound(gettext("No such contact."))
    return lead
