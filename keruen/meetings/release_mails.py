"""The e-mails of a schedule release, sent in the background.

Publishing fixes who is told (one ``ReleaseMail`` row each: on a first release everybody
with a meeting, later those whose meetings were added, removed or moved) in the same request
as the release, and queues a ``release_mail`` job. The job goes through the rows in batches,
one connection to the mail server per batch, and marks each message sent the moment the
server has taken it; an address the server refuses is marked refused and passed over. Any
other mail failure ends the job FAILED with the reason, leaving the rest unsent: "send the
rest" queues another job that reaches only those. An expo of thousands of delegates is told
without holding the organiser's request open, and a mail server that fails half-way loses
nobody and tells nobody twice.
"""

from __future__ import annotations

import smtplib
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from keruen.common.emails import refusal_reason, render_localized
from keruen.common.errors import Conflict
from keruen.meetings.jobs import job_create, job_finish, job_progress, job_start
from keruen.meetings.models import Job, Meeting, ReleaseMail, Schedule, ScheduledMeeting
from keruen.meetings.notifications import MAIL_ERRORS, MeetingChange, changes_for
from keruen.people.models import Participant, User

BATCH_SIZE = 50


def release_mail_recipients(*, release: Schedule, previous: Schedule | None) -> list[int]:
    """Ids of the approved delegates to tell: on a first release everybody with a meeting in
    it, later those whose meetings it adds, removes or moves. Not those who withdrew (or
    were rejected since): their agenda is closed to them."""
    from keruen.meetings.selectors import schedule_diff_rows

    if previous is None:
        meeting_ids = set(
            ScheduledMeeting.objects.filter(schedule=release).values_list("meeting_id", flat=True)
        )
    else:
        meeting_ids = {row.meeting.pk for row in schedule_diff_rows(old=previous, new=release)}
    pairs = Meeting.objects.filter(pk__in=meeting_ids).values_list(
        "participant_a_id", "participant_b_id"
    )
    people = {pid for pair in pairs for pid in pair}
    approved = Participant.objects.filter(pk__in=people, status=Participant.Status.APPROVED)
    return sorted(approved.values_list("pk", flat=True))


@transaction.atomic
def release_mails_queue(
    *,
    release: Schedule,
    previous: Schedule | None,
    by: User | None,
    link: str = "",
    badge_link: str = "",
) -> Job | None:
    """Fix who is told about ``release`` and make the job that tells them (the caller
    enqueues it); None if nobody is to be told.

    ``link`` is the absolute address of the agenda page, ``badge_link`` of the e-badge (in
    the first release's e-mail only).
    """
    recipients = release_mail_recipients(release=release, previous=previous)
    if not recipients:
        return None
    ReleaseMail.objects.bulk_create(
        [ReleaseMail(release=release, participant_id=pk) for pk in recipients],
        ignore_conflicts=True,
    )
    params = {
        "release_id": release.pk,
        "previous_id": previous.pk if previous is not None else None,
        "link": link,
        "badge_link": badge_link,
    }
    return job_create(
        event=release.event, kind=Job.Kind.RELEASE_MAIL, by=by, params=params, exclusive=False
    )


def release_mails_retry(*, release: Schedule, by: User | None) -> Job:
    """A job for the release's delegates not told yet (after a mail failure); refused while
    one is still at work for this release, or when everybody was told."""
    if not release_mails_unsent(release=release).exists():
        raise Conflict(gettext("Every delegate has been told about this release."))
    last = release_mails_last_job(release=release)
    if last is not None and last.is_active:
        raise Conflict(gettext("The e-mails of this release are being sent."))
    params = {**(last.params if last is not None else {}), "release_id": release.pk}
    params.pop("language", None)  # the organiser asking now
    return job_create(
        event=release.event, kind=Job.Kind.RELEASE_MAIL, by=by, params=params, exclusive=False
    )


def release_mails_unsent(*, release: Schedule) -> Any:
    return ReleaseMail.objects.filter(release=release, sent_at__isnull=True, refused="")


def release_mails_last_job(*, release: Schedule) -> Job | None:
    return (
        Job.objects.filter(
            event_id=release.event_id,
            kind=Job.Kind.RELEASE_MAIL,
            params__release_id=release.pk,
        )
        .order_by("-created_at", "-id")
        .first()
    )


def release_mails_counts(*, release: Schedule) -> dict[str, int]:
    """How many delegates are to be told, were told, and whose address was refused."""
    mails = ReleaseMail.objects.filter(release=release)
    return {
        "total": mails.count(),
        "sent": mails.filter(sent_at__isnull=False).count(),
        "refused": mails.exclude(refused="").count(),
    }


def release_mails_send(*, job: Job) -> None:
    """Run a ``release_mail`` job: tell every delegate of the release not told yet."""
    if not job_start(job=job):
        return
    started = time.monotonic()
    release = Schedule.objects.select_related("event").get(pk=job.params["release_id"])
    try:
        _send_all(job, release, started)
    except MAIL_ERRORS as error:
        job_finish(job=job, ok=False, message=_failure_message(release, error))
        return
    except Exception as error:
        job_finish(
            job=job, ok=False, message=gettext("Unexpected error: %(error)s") % {"error": error}
        )
        raise
    job_finish(job=job, ok=True, message=_done_message(release), elapsed=time.monotonic() - started)


def _send_all(job: Job, release: Schedule, started: float) -> None:
    changes = _changes_reader(release, job.params.get("previous_id"))
    context = {
        "event": release.event,
        "release": release,
        "first": job.params.get("previous_id") is None,
        "changed": job.params.get("previous_id") is not None,
        "link": job.params.get("link", ""),
        "badge_link": job.params.get("badge_link", ""),
    }
    while batch := _next_batch(release):
        with get_connection() as connection:
            for mail in batch:
                own = {**context, "recipient": mail.participant.user}
                own["changes"] = changes(mail.participant_id)
                _send_one(connection, mail, own)
        job_progress(
            job_id=job.pk, elapsed=time.monotonic() - started, message=_progress_message(release)
        )


def _changes_reader(release: Schedule, previous_id: int | None) -> Any:
    """participant id -> the changes the release makes to their meetings (none on a first
    release: its e-mail lists nothing, it points to the agenda)."""
    from keruen.meetings.selectors import schedule_diff_rows

    if previous_id is None:
        return lambda participant_id: []
    previous = Schedule.objects.get(pk=previous_id)
    rows = schedule_diff_rows(old=previous, new=release)

    def changes(participant_id: int) -> list[MeetingChange]:
        return changes_for(rows, participant_id)

    return changes


def _next_batch(release: Schedule) -> list[ReleaseMail]:
    return list(
        release_mails_unsent(release=release)
        .select_related("participant__user")
        .order_by("pk")[:BATCH_SIZE]
    )


def _send_one(connection: Any, mail: ReleaseMail, context: dict[str, Any]) -> None:
    """One message, marked sent the moment the server has taken it."""
    user = mail.participant.user
    rows = ReleaseMail.objects.filter(pk=mail.pk)
    if not user.email:
        rows.update(refused=gettext("no e-mail address"))
        return
    subject, body = render_localized("schedule_published", context, user.language)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    try:
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as error:
        rows.update(refused=refusal_reason(error)[:300])
    else:
        rows.update(sent_at=timezone.now())


def _progress_message(release: Schedule) -> str:
    counts = release_mails_counts(release=release)
    return gettext("%(sent)d of %(total)d delegates told.") % counts


def _done_message(release: Schedule) -> str:
    counts = release_mails_counts(release=release)
    message = (
        ngettext("%(sent)d delegate told.", "%(sent)d delegates told.", counts["sent"]) % counts
    )
    if counts["refused"]:
        message += (
            " "
            + ngettext(
                "The mail server refused %(refused)d address.",
                "The mail server refused %(refused)d addresses.",
                counts["refused"],
            )
            % counts
        )
    return message


def _failure_message(release: Schedule, error: BaseException) -> str:
    counts = {**release_mails_counts(release=release), "reason": error}
    return (
        gettext(
            "The mail server stopped taking the e-mails (%(reason)s): %(sent)d of %(total)d "
            "delegates told. Send the rest once the mail works."
        )
        % counts
    )
