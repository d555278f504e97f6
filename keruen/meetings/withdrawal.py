"""A delegate withdraws from the event: a visa refused, a flight cancelled, a minister's
deputy sent instead. Their accepted meetings and open requests go, their partners hear of it.

Withdrawal is the organisers' act (the delegate writes to them; the console records it). In
one transaction: the participant is marked withdrawn (a conditional update, so two organisers
cannot both withdraw and double-cancel), their pending requests, sent and received, are
cancelled, their accepted meetings are cancelled and leave the draft schedule. Meetings that
were held or missed keep their outcome. A published release is never edited: the next one
shows the cancellations, and the partners are e-mailed at once (``notify_withdrawal``).

Re-admitting sets the registration back to approved; the cancelled meetings stay cancelled
(their partners have been told, and the slots may have been given to others).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledMeeting
from keruen.people.models import Participant

REASON_MAX = 500


@dataclass(frozen=True)
class Withdrawal:
    participant: Participant
    meetings: list[Meeting]  # the accepted meetings it cancelled
    requests: int  # pending requests it cancelled, sent and received
    waiting: list[Participant] = field(default_factory=list)  # senders of received ones


@dataclass(frozen=True)
class WithdrawalPreview:
    """What withdrawing would cancel, for the organiser's confirmation."""

    meetings: int
    requests: int


def withdrawal_preview(*, participant: Participant) -> WithdrawalPreview:
    return WithdrawalPreview(
        meetings=_accepted_meetings(participant).count(),
        requests=_pending_requests(participant).count(),
    )


@transaction.atomic
def participant_withdraw(
    *, participant: Participant, reason: str = "", now: dt.datetime | None = None
) -> Withdrawal:
    """Withdraw an approved delegate and cancel what they had arranged.

    Not an organiser: their registration is their access to the console, so one organiser
    could lock the others (or themselves) out. The platform's staff change those."""
    if participant.role == Participant.Role.ORGANISER:
        raise Conflict(
            gettext(
                "An organiser's registration is not withdrawn here: it is their access to the "
                "console. Ask the platform's administrators."
            )
        )
    now = now or timezone.now()
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise ValidationFailed(
            gettext("Keep the reason to %(n)d characters at most.") % {"n": REASON_MAX},
            field="reason",
        )
    marked = Participant.objects.filter(
        pk=participant.pk, status=Participant.Status.APPROVED
    ).update(
        status=Participant.Status.WITHDRAWN,
        withdrawn_at=now,
        withdrawal_reason=reason,
        updated_at=now,
    )
    participant.refresh_from_db()
    if marked != 1:
        raise Conflict(
            gettext("Only an approved registration can be withdrawn (this one is %(status)s).")
            % {"status": participant.get_status_display()}
        )
    requests = _cancel_requests(participant, now)
    meetings = _cancel_meetings(participant, now)
    record_action(
        participant, "withdraw", reason=reason, meetings=len(meetings), requests=len(requests)
    )
    return Withdrawal(
        participant=participant,
        meetings=meetings,
        requests=len(requests),
        waiting=[r.requester for r in requests if r.target_id == participant.pk],
    )


def participant_withdraw_and_notify(
    *, participant: Participant, reason: str = "", links: WithdrawalLinks | None = None
) -> Withdrawal:
    """``participant_withdraw``, then, once it is committed, the e-mails to the partners of
    the cancelled meetings and to the senders of the cancelled requests (a rolled-back
    withdrawal never mails anyone). ``links``: the portal pages' full addresses."""
    from keruen.meetings.notifications import withdrawal_notify

    with transaction.atomic():
        done = participant_withdraw(participant=participant, reason=reason)
        transaction.on_commit(
            lambda: withdrawal_notify(withdrawal=done, links=links or WithdrawalLinks())
        )
    return done


@dataclass(frozen=True)
class WithdrawalLinks:
    agenda: str = ""
    suggestions: str = ""


@transaction.atomic
def participant_readmit(*, participant: Participant, now: dt.datetime | None = None) -> None:
    """Approve a withdrawn delegate again; their cancelled meetings stay cancelled."""
    now = now or timezone.now()
    marked = Participant.objects.filter(
        pk=participant.pk, status=Participant.Status.WITHDRAWN
    ).update(
        status=Participant.Status.APPROVED, withdrawn_at=None, withdrawal_reason="", updated_at=now
    )
    participant.refresh_from_db()
    if marked != 1:
        raise Conflict(
            gettext("Only a withdrawn registration can be re-admitted (this one is %(status)s).")
            % {"status": participant.get_status_display()}
        )
    record_action(participant, "readmit")


def _involving(participant: Participant) -> Q:
    return Q(participant_a=participant) | Q(participant_b=participant)


def _accepted_meetings(participant: Participant) -> QuerySet[Meeting]:
    return Meeting.objects.filter(_involving(participant), status=Meeting.Status.ACCEPTED)


def _pending_requests(participant: Participant) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(
        Q(requester=participant) | Q(target=participant), status=MeetingRequest.Status.PENDING
    )


def _cancel_requests(participant: Participant, now: dt.datetime) -> list[MeetingRequest]:
    """Cancel the pending requests, sent and received, row-locked like the meetings below:
    an answer given at the same moment lands first or finds the request cancelled."""
    pending = list(
        _pending_requests(participant)
        .select_for_update(of=("self",))
        .select_related("requester__user", "requester__organisation")
        .order_by("pk")
    )
    MeetingRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        status=MeetingRequest.Status.CANCELLED, responded_at=now, updated_at=now
    )
    return pending


def _cancel_meetings(participant: Participant, now: dt.datetime) -> list[Meeting]:
    """Cancel the accepted meetings, row-locked so that an outcome recorded at the same
    moment either lands first (and the meeting is kept) or finds it cancelled.

    The organisers' reason stays with the participant (it may be private: an illness); the
    partners' pages and e-mails say, in each reader's language, that the delegate withdrew.
    """
    meetings = list(
        _accepted_meetings(participant)
        .select_for_update(of=("self",))
        .select_related("participant_a__organisation", "participant_b__organisation")
        .order_by("pk")
    )
    ids = [m.pk for m in meetings]
    Meeting.objects.filter(pk__in=ids).update(status=Meeting.Status.CANCELLED, updated_at=now)
    drafts = ScheduledMeeting.objects.filter(
        meeting_id__in=ids, schedule__published_at__isnull=True
    )
    drafts.delete()
    for meeting in meetings:
        meeting.status = Meeting.Status.CANCELLED
        record_action(meeting, "cancel", withdrawn=participant.display_name)
    return meetings
