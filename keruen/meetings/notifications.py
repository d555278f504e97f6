"""E-mails about the schedule: each delegate is told what changed for them, when a release is
published (sent in the background: ``keruen.meetings.release_mails``) and when a partner
withdraws from the event."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.people.models import Participant, User

if TYPE_CHECKING:
    from keruen.meetings.selectors import DiffRow
    from keruen.meetings.withdrawal import Withdrawal, WithdrawalLinks, WithdrawalMail

logger = logging.getLogger(__name__)

# What a mail server that is down, refuses or times out raises through Django's SMTP backend.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


@dataclass(frozen=True)
class MeetingChange:
    """One of a delegate's meetings a release added, removed or moved, seen by the delegate."""

    change: str  # "added", "removed" or "moved"
    partner: Participant
    before: ScheduledMeeting | None
    after: ScheduledMeeting | None


def changes_for(rows: list[DiffRow], participant_id: int) -> list[MeetingChange]:
    """The changes ``rows`` (a release's diff) make to one delegate's meetings, by time."""
    changes = []
    for row in rows:
        a, b = row.meeting.participant_a, row.meeting.participant_b
        if participant_id in (a.pk, b.pk):
            partner = b if a.pk == participant_id else a
            changes.append(MeetingChange(row.change, partner, row.before, row.after))
    return sorted(changes, key=_when)


def _when(change: MeetingChange) -> dt.datetime:
    place = change.after or change.before
    assert place is not None  # a change has a place before or after
    return place.slot.start


def withdrawal_notify(*, withdrawal: Withdrawal, links: WithdrawalLinks) -> WithdrawalMail:
    """E-mail, in their own language, each partner of a withdrawn delegate's cancelled
    meetings and each sender of a request the delegate had not answered yet.

    A partner reads which meeting is off and, if it was in the published schedule, when it
    would have been; a sender, that the request is cancelled. ``links`` holds the absolute
    addresses of the agenda and of the suggestions.

    Runs after the withdrawal is committed, so a mail server's refusal must not escape: it
    would answer the organiser with an error for a withdrawal that happened. Each batch is
    sent on its own (the senders still hear if the partners' batch failed); a failure is
    logged and reported in the returned ``WithdrawalMail``, with how many were e-mailed.
    """
    from keruen.meetings.outcomes import meeting_published_start
    from keruen.meetings.withdrawal import WithdrawalMail

    withdrawn = withdrawal.participant
    meeting_of: dict[int, tuple[Meeting, dt.datetime | None]] = {}
    for meeting in withdrawal.meetings:
        partner = meeting.partner_of(withdrawn.pk)
        meeting_of[partner.user_id] = (meeting, meeting_published_start(meeting=meeting))

    def own_meeting(user: User) -> dict[str, object]:
        meeting, start = meeting_of[user.pk]
        return {"meeting": meeting, "start": start}

    context = {"event": withdrawn.event, "withdrawn": withdrawn, "links": links}
    mail = WithdrawalMail()
    _send_batch(
        mail,
        withdrawn,
        recipients=list(User.objects.filter(pk__in=meeting_of)),
        name="meeting_withdrawn",
        context=context,
        personal=own_meeting,
    )
    # One e-mail each: whoever also had a meeting with them has just been told.
    waiting = {p.user_id for p in withdrawal.waiting} - set(meeting_of)
    _send_batch(
        mail,
        withdrawn,
        recipients=list(User.objects.filter(pk__in=waiting)),
        name="request_withdrawn",
        context=context,
    )
    return mail


def _send_batch(mail: WithdrawalMail, withdrawn: Participant, **message: Any) -> None:
    from keruen.common.emails import send_localized

    try:
        mail.sent += send_localized(**message)
    except MAIL_ERRORS as error:
        logger.exception(
            "Withdrawal of participant %s: the %s e-mails were not sent.",
            withdrawn.pk,
            message["name"],
        )
        mail.errors.append(str(error) or error.__class__.__name__)


def withdrawal_links(http_request: Any, event: Any) -> WithdrawalLinks:
    """The portal pages a withdrawal's e-mails point to, as full addresses."""
    from django.urls import reverse

    from keruen.meetings.withdrawal import WithdrawalLinks

    def absolute(name: str) -> str:
        return str(http_request.build_absolute_uri(reverse(name, args=[event.slug])))

    return WithdrawalLinks(
        agenda=absolute("portal-agenda"), suggestions=absolute("suggestion-list")
    )
