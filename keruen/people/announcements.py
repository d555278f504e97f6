"""Announcements: the organisers write once, in up to four languages; each participant reads
it in theirs.

Queuing fixes the recipients (one delivery row each) in the same transaction as the
announcement; sending goes through them in batches over one connection to the mail server and
marks each batch sent once the server has taken it. A failure leaves the rest unsent and the
announcement FAILED with the reason, and sending again reaches only those not reached yet.
Only one sender works on an announcement at a time: it claims the row with a conditional
update, and a claim older than ``STALE_AFTER`` (a worker that died mid-way) can be taken over.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.emails import render_localized
from keruen.common.errors import Problem, ValidationFailed
from keruen.common.i18n import UI_LANGUAGES, localize, ui_language
from keruen.events.models import Event
from keruen.people.models import (
    ANNOUNCEMENT_BODY_MAX,
    ANNOUNCEMENT_SUBJECT_MAX,
    Announcement,
    AnnouncementDelivery,
    Participant,
    User,
)

BATCH_SIZE = 50
STALE_AFTER = dt.timedelta(minutes=15)
# Registrations an announcement never reaches unless the organisers filtered on them.
LEFT_OUT_BY_DEFAULT = (Participant.Status.REJECTED, Participant.Status.WITHDRAWN)


def announcement_recipients(
    participants: Iterable[Participant], *, status_filter: str
) -> list[Participant]:
    """Those of ``participants`` who can receive it: with an e-mail address, and neither
    rejected nor withdrawn unless ``status_filter`` asked for exactly that status."""
    return [
        person
        for person in participants
        if person.user.email
        and (person.status not in LEFT_OUT_BY_DEFAULT or person.status == status_filter)
    ]


def recipient_languages(recipients: Iterable[Participant]) -> Counter[str]:
    """How many recipients read each interface language (what the organisers should write)."""
    return Counter(ui_language(person.user.language) for person in recipients)


def announcement_queue(
    *,
    event: Event,
    subject: Mapping[str, str],
    body: Mapping[str, str],
    recipients: list[Participant],
    audience: str,
    portal_url: str,
    by: User | None,
) -> Announcement:
    """Check the texts, fix the recipients and queue the announcement; the caller then starts
    the sending (``announcement_send``, in the background) once this has committed."""
    subject_texts, body_texts = _written(subject), _written(body)
    _check_texts(subject_texts, body_texts)
    if not recipients:
        raise ValidationFailed(gettext("Nobody to write to: the list is empty."), field="audience")
    with transaction.atomic():
        announcement = Announcement(
            event=event,
            subject=subject_texts,
            body=body_texts,
            audience=audience[:300],
            portal_url=portal_url,
            created_by=by,
        )
        try:
            announcement.full_clean()
        except ValidationError as error:
            raise ValidationFailed(
                "; ".join(error.messages), field=next(iter(error.message_dict), None)
            ) from error
        announcement.save()
        AnnouncementDelivery.objects.bulk_create(
            AnnouncementDelivery(announcement=announcement, participant=person)
            for person in recipients
        )
        record_action(announcement, "announce", recipients=len(recipients))
    return announcement


def _written(texts: Mapping[str, str]) -> dict[str, str]:
    """The languages actually written, stripped (the form sends all four, some empty)."""
    return {
        language: text.strip()
        for language, text in texts.items()
        if language in UI_LANGUAGES and text.strip()
    }


def _check_texts(subject: dict[str, str], body: dict[str, str]) -> None:
    """Each language written has both a subject and a message, within the limits."""
    problems = []
    if not subject and not body:
        problems.append(Problem(gettext("Write the subject and the message."), field="subject_en"))
    for language in UI_LANGUAGES:
        if language in subject and language not in body:
            problems.append(
                Problem(gettext("Write the message too, or no subject."), field=f"body_{language}")
            )
        if language in body and language not in subject:
            problems.append(
                Problem(gettext("Write a subject too, or no message."), field=f"subject_{language}")
            )
        if len(subject.get(language, "")) > ANNOUNCEMENT_SUBJECT_MAX:
            problems.append(_too_long(f"subject_{language}", ANNOUNCEMENT_SUBJECT_MAX))
        if len(body.get(language, "")) > ANNOUNCEMENT_BODY_MAX:
            problems.append(_too_long(f"body_{language}", ANNOUNCEMENT_BODY_MAX))
    if problems:
        raise ValidationFailed(problems[0].message, field=problems[0].field, problems=problems)


def _too_long(field: str, limit: int) -> Problem:
    return Problem(gettext("At most %(limit)d characters.") % {"limit": limit}, field=field)


def announcement_send(*, announcement_id: int) -> Announcement:
    """Send the announcement to everyone not reached yet; returns it in its final state.

    Does nothing if another sender holds it (or it is sent already)."""
    if not _claim(announcement_id):
        return Announcement.objects.get(pk=announcement_id)
    announcement = Announcement.objects.select_related("event").get(pk=announcement_id)
    try:
        while batch := _next_batch(announcement):
            _send_batch(announcement, batch)
    except (smtplib.SMTPException, OSError) as error:
        Announcement.objects.filter(pk=announcement_id).update(
            status=Announcement.Status.FAILED, note=str(error)[:500], updated_at=timezone.now()
        )
    else:
        Announcement.objects.filter(pk=announcement_id).update(
            status=Announcement.Status.SENT, note="", sent_at=timezone.now()
        )
    announcement.refresh_from_db()
    return announcement


def announcement_can_resend(announcement: Announcement) -> bool:
    """Its sending failed, or its sender has gone silent (a worker that died mid-way)."""
    stalled_before = timezone.now() - STALE_AFTER
    return announcement.status == Announcement.Status.FAILED or (
        announcement.status == Announcement.Status.SENDING
        and announcement.updated_at < stalled_before
    )


def _claim(announcement_id: int) -> bool:
    """Take the announcement for sending: queued, failed, or held by a sender gone silent."""
    now = timezone.now()
    claimable = Q(status__in=[Announcement.Status.QUEUED, Announcement.Status.FAILED]) | Q(
        status=Announcement.Status.SENDING, updated_at__lt=now - STALE_AFTER
    )
    return bool(
        Announcement.objects.filter(claimable, pk=announcement_id).update(
            status=Announcement.Status.SENDING, updated_at=now
        )
    )


def _next_batch(announcement: Announcement) -> list[AnnouncementDelivery]:
    return list(
        announcement.deliveries.filter(sent_at__isnull=True)
        .select_related("participant__user", "participant__organisation")
        .order_by("pk")[:BATCH_SIZE]
    )


def _send_batch(announcement: Announcement, batch: list[AnnouncementDelivery]) -> None:
    messages = [_message(announcement, delivery.participant) for delivery in batch]
    with get_connection() as connection:
        connection.send_messages(messages)
    now = timezone.now()
    AnnouncementDelivery.objects.filter(pk__in=[d.pk for d in batch]).update(sent_at=now)
    # The sender is alive: its claim stays fresh.
    Announcement.objects.filter(pk=announcement.pk).update(updated_at=now)


def _message(announcement: Announcement, person: Participant) -> EmailMessage:
    return _render_message(
        announcement, ui_language(person.user.language), person.user.email, prefix=""
    )


def _render_message(
    announcement: Announcement, language: str, address: str, *, prefix: str
) -> EmailMessage:
    context: dict[str, Any] = {
        "event": announcement.event,
        "subject": localize(announcement.subject, language),
        "body": localize(announcement.body, language),
        "portal_url": announcement.portal_url,
    }
    subject, text = render_localized("announcement", context, language)
    return EmailMessage(prefix + subject, text, settings.DEFAULT_FROM_EMAIL, [address])


def announcement_test_send(
    *,
    event: Event,
    subject: Mapping[str, str],
    body: Mapping[str, str],
    portal_url: str,
    to: User,
) -> list[str]:
    """Send the organiser one copy per language written, as recipients would get it (marked
    as a test); nothing is queued or recorded. Returns the languages sent."""
    subject_texts, body_texts = _written(subject), _written(body)
    _check_texts(subject_texts, body_texts)
    draft = Announcement(event=event, subject=subject_texts, body=body_texts, portal_url=portal_url)
    languages = [language for language in UI_LANGUAGES if language in subject_texts]
    prefix = gettext("[Test] ")
    messages = [_render_message(draft, language, to.email, prefix=prefix) for language in languages]
    with get_connection() as connection:
        connection.send_messages(messages)
    return languages


def announcements_received(*, participant: Participant, limit: int = 10) -> list[Announcement]:
    """What the organisers wrote to ``participant``, newest first, whether or not the e-mail
    reached them (a full mailbox or a blocked provider must not lose the message)."""
    return list(
        Announcement.objects.filter(deliveries__participant=participant).order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def delivery_counts(announcements: Iterable[Announcement]) -> dict[int, tuple[int, int]]:
    """Per announcement id: (sent, recipients)."""
    rows = (
        AnnouncementDelivery.objects.filter(announcement__in=list(announcements))
        .order_by()
        .values("announcement_id")
        .annotate(total=Count("pk"), sent=Count("sent_at"))
    )
    return {row["announcement_id"]: (row["sent"], row["total"]) for row in rows}
