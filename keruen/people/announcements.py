"""Announcements: the organisers write once, in up to four languages; each participant reads
it in theirs.

Queuing fixes the recipients (one delivery row each) in the same transaction as the
announcement. Sending goes through them in batches, one connection to the mail server per
batch, and marks each message sent as soon as the server has taken it; an address the server
refuses is marked refused, with its reason, and the others go on. Any other failure leaves
the rest unsent and the announcement FAILED with the reason, and sending again reaches only
those not reached yet. One sender works on an announcement at a time: it claims the row with a
conditional update under a token of its own and renews the claim before every message; a
claim silent for ``STALE_AFTER`` (a worker that died) can be taken over, and the old sender,
should it wake up, finds the token changed and stops.
"""

from __future__ import annotations

import datetime as dt
import secrets
import smtplib
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, ngettext

from keruen.common.audit import record_action
from keruen.common.emails import refusal_reason, render_localized
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
# The same text to the same list within this time is taken for a double click or a retry.
REPEAT_WINDOW = dt.timedelta(minutes=10)
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
        # One writer per event at a time (PostgreSQL), so a double click is seen as one.
        list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk"))
        _refuse_repeat(event, subject_texts, body_texts, audience[:300], len(recipients))
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


def _refuse_repeat(
    event: Event, subject: dict[str, str], body: dict[str, str], audience: str, recipients: int
) -> None:
    """Refuse the very same message to the same list queued moments ago: a second click or a
    client's retry, which would reach every recipient twice."""
    since = timezone.now() - REPEAT_WINDOW
    recent = Announcement.objects.filter(event=event, created_at__gte=since).annotate(
        recipients=Count("deliveries")
    )
    for earlier in recent:
        if (earlier.subject, earlier.body, earlier.audience, earlier.recipients) == (
            subject,
            body,
            audience,
            recipients,
        ):
            minutes = max(1, round((timezone.now() - earlier.created_at).total_seconds() / 60))
            raise ValidationFailed(
                ngettext(
                    "The same message went to the same list %(n)d minute ago; it is not sent "
                    "twice. To send it again, change its text.",
                    "The same message went to the same list %(n)d minutes ago; it is not sent "
                    "twice. To send it again, change its text.",
                    minutes,
                )
                % {"n": minutes}
            )


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
    token = _claim(announcement_id)
    if token is None:
        return Announcement.objects.get(pk=announcement_id)
    announcement = Announcement.objects.select_related("event").get(pk=announcement_id)
    try:
        _send_all(announcement, token)
    except _ClaimLost:
        pass  # another sender took over and finishes the job
    except (smtplib.SMTPException, OSError) as error:
        _finish(announcement, token, Announcement.Status.FAILED, note=str(error))
    except Exception:
        # A programming or database error: never leave it "sending" with no word for 15 min.
        note = gettext("Sending stopped on an unexpected error; the server log has the details.")
        _finish(announcement, token, Announcement.Status.FAILED, note=note)
        raise
    else:
        _finish(announcement, token, Announcement.Status.SENT, note=_refusals_note(announcement))
    announcement.refresh_from_db()
    return announcement


def announcement_can_resend(announcement: Announcement) -> bool:
    """Its sending failed, or never started or went silent (a worker that died or a task
    that was lost)."""
    stalled_before = timezone.now() - STALE_AFTER
    if announcement.status == Announcement.Status.FAILED:
        return True
    waiting = (Announcement.Status.QUEUED, Announcement.Status.SENDING)
    return announcement.status in waiting and announcement.updated_at < stalled_before


class _ClaimLost(Exception):
    """Another sender has taken the announcement over."""


def _claim(announcement_id: int) -> str | None:
    """Take the announcement for sending (queued, failed, or held by a sender gone silent);
    the token that proves the claim, or None if it is not to be had."""
    now = timezone.now()
    token = secrets.token_hex(16)
    claimable = Q(status__in=[Announcement.Status.QUEUED, Announcement.Status.FAILED]) | Q(
        status=Announcement.Status.SENDING, updated_at__lt=now - STALE_AFTER
    )
    taken = Announcement.objects.filter(claimable, pk=announcement_id).update(
        status=Announcement.Status.SENDING, claim=token, updated_at=now
    )
    return token if taken else None


def _renew_claim(announcement: Announcement, token: str) -> None:
    """Keep the claim fresh, or stop if another sender has taken it."""
    renewed = Announcement.objects.filter(pk=announcement.pk, claim=token).update(
        updated_at=timezone.now()
    )
    if not renewed:
        raise _ClaimLost


def _finish(announcement: Announcement, token: str, status: str, *, note: str) -> None:
    sent_at = timezone.now() if status == Announcement.Status.SENT else None
    Announcement.objects.filter(pk=announcement.pk, claim=token).update(
        status=status, note=note[:500], sent_at=sent_at, updated_at=timezone.now()
    )


def _send_all(announcement: Announcement, token: str) -> None:
    rendered: dict[str, tuple[str, str]] = {}  # language -> (subject, text): same for all
    while batch := _next_batch(announcement):
        with get_connection() as connection:
            for delivery in batch:
                _renew_claim(announcement, token)
                _send_one(connection, announcement, delivery, rendered)


def _next_batch(announcement: Announcement) -> list[AnnouncementDelivery]:
    return list(
        announcement.deliveries.filter(sent_at__isnull=True, refused="")
        .select_related("participant__user")
        .order_by("pk")[:BATCH_SIZE]
    )


def _send_one(
    connection: Any,
    announcement: Announcement,
    delivery: AnnouncementDelivery,
    rendered: dict[str, tuple[str, str]],
) -> None:
    """One message, marked sent the moment the server has taken it (so a failure on a later
    one never sends it twice); an address the server refuses is marked and passed over."""
    user = delivery.participant.user
    language = ui_language(user.language)
    if user.has_usable_password():
        if language not in rendered:
            rendered[language] = _render_texts(announcement, language)
        subject, text = rendered[language]
    else:
        # An imported delegate has no password yet: their copy carries a link to choose one.
        password_url = password_choice_url(user, base=announcement.portal_url)
        subject, text = _render_texts(announcement, language, password_url=password_url)
    message = EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    deliveries = AnnouncementDelivery.objects.filter(pk=delivery.pk)
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        deliveries.update(refused=refusal_reason(error)[:300])
    else:
        deliveries.update(sent_at=timezone.now())


def _refusals_note(announcement: Announcement) -> str:
    refused = announcement.deliveries.exclude(refused="").count()
    if not refused:
        return ""
    return ngettext(
        "The mail server refused %(n)d address.",
        "The mail server refused %(n)d addresses.",
        refused,
    ) % {"n": refused}


def _render_texts(
    announcement: Announcement, language: str, *, password_url: str = ""
) -> tuple[str, str]:
    context: dict[str, Any] = {
        "event": announcement.event,
        "subject": localize(announcement.subject, language),
        "body": localize(announcement.body, language),
        "portal_url": announcement.portal_url,
        "password_url": password_url,
        "password_link_days": password_link_days(),
    }
    return render_localized("announcement", context, language)


def password_choice_url(user: User, *, base: str) -> str:
    """The address where ``user`` chooses a password: the password-reset link, which the
    mailbox proves as an invitation would. "" without a ``base`` (the site's address)."""
    if not base:
        return ""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return urljoin(base, path)


def password_link_days() -> int:
    """How many days a password link works (Django's ``PASSWORD_RESET_TIMEOUT``)."""
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400)


def recipients_without_password(recipients: Iterable[Participant]) -> int:
    """How many of ``recipients`` have no password yet (their copy carries a link)."""
    return sum(1 for person in recipients if not person.user.has_usable_password())


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
    messages = []
    for language in languages:
        title, text = _render_texts(draft, language)
        # Marked in the organiser's language: it is for them, whatever language it shows.
        marked = gettext("[Test] %(subject)s") % {"subject": title}
        messages.append(EmailMessage(marked, text, settings.DEFAULT_FROM_EMAIL, [to.email]))
    try:
        with get_connection() as connection:
            connection.send_messages(messages)
    except (smtplib.SMTPException, OSError) as error:
        raise ValidationFailed(
            gettext("The mail server did not take the test: %(reason)s") % {"reason": error}
        ) from error
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
