"""A delegate withdraws from the event: a visa refused, a flight cancelled, a minister's
deputy sent instead. Their meetings still to come and their open requests go, their partners
hear of it.

The organisers record a withdrawal (the delegate writes to them; the console or the API
records it), or the delegate does it themselves with "I cannot come" in the portal, until
the event is over. In one transaction: the participant is marked withdrawn (a conditional
update, so two organisers cannot both withdraw and double-cancel); requests past their
deadline are marked expired, the other pending ones, sent and received, are cancelled; the
accepted meetings whose time has not come (not in the published schedule, or at a slot still
ahead) are cancelled and leave the draft schedule. A meeting whose published time has come
is kept, whether or not anybody recorded it as held (most delegates never do): its outcome
and agreements are recorded from it, and its partner keeps its contact details. A meeting an
agreement came out of is never cancelled. A published release is never edited: the next one
shows the cancellations, and the partners are e-mailed at once (``withdrawal_notify``).

Once the event is over there is nothing left to cancel: a delegate can no longer withdraw,
and an organiser's withdrawal only records the status (no meeting or request changes, no
e-mail).

Re-admitting sets the registration back to approved; the cancelled meetings stay cancelled
(their partners have been told, and the slots may have been given to others).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from keruen.agreements.models import Agreement
from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import meeting_requests_expire, meeting_requests_hold_deadline
from keruen.people.models import Participant

REASON_MAX = 500


@dataclass
class WithdrawalMail:
    """What became of a withdrawal's e-mails: filled in once the withdrawal is committed.

    ``errors``: what the mail server answered for each batch it refused; the withdrawal
    stands all the same, and the partners must be told some other way."""

    sent: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True)
class Withdrawal:
    participant: Participant
    meetings: list[Meeting]  # the accepted meetings it cancelled
    requests: int  # pending requests it cancelled, sent and received
    waiting: list[Participant] = field(default_factory=list)  # senders of received ones
    mail: WithdrawalMail = field(default_factory=WithdrawalMail)


@dataclass(frozen=True)
class WithdrawalPreview:
    """What withdrawing would cancel, for the confirmation (nothing once the event is over)."""

    meetings: int
    requests: int
    over: bool = False


def withdrawal_preview(
    *, participant: Participant, now: dt.datetime | None = None
) -> WithdrawalPreview:
    now = now or timezone.now()
    if participant.event.is_over(now=now):
        return WithdrawalPreview(meetings=0, requests=0, over=True)
    return WithdrawalPreview(
        meetings=_meetings_to_come(participant, now)
        .exclude(Exists(Agreement.objects.filter(meeting=OuterRef("pk"))))
        .count(),
        requests=_pending_requests(participant, now).count(),
    )


@transaction.atomic
def participant_withdraw(
    *,
    participant: Participant,
    reason: str = "",
    by: Participant | None = None,
    now: dt.datetime | None = None,
) -> Withdrawal:
    """Withdraw an approved delegate and cancel what they had arranged that is still to come
    (``by``: the delegate themselves; None for an organiser).

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
    over = participant.event.is_over(now=now)
    _check_self_withdrawal(participant, by, over)
    # First, as every write of requests does: a deadline moved at the same moment would
    # hold the event's row while waiting for the requests locked here, and this one's
    # activity-log rows, which refer to the event, would wait for that row (a deadlock).
    meeting_requests_hold_deadline(participant.event_id)
    _mark_withdrawn(participant, reason, now)
    requests: list[MeetingRequest] = []
    meetings: list[Meeting] = []
    if not over:  # after the event, the organisers only record the status
        meeting_requests_expire(event=participant.event, now=now)
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


def _check_self_withdrawal(participant: Participant, by: Participant | None, over: bool) -> None:
    if by is None:
        return
    if by.pk != participant.pk:
        raise PermissionDenied(gettext("Only the organisers can withdraw another delegate."))
    if over:
        raise PermissionDenied(
            gettext(
                "The event has taken place: there is nothing left to cancel. If your "
                "registration should change, write to the organisers."
            )
        )


def _mark_withdrawn(participant: Participant, reason: str, now: dt.datetime) -> None:
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


def participant_withdraw_and_notify(
    *,
    participant: Participant,
    reason: str = "",
    links: WithdrawalLinks | None = None,
    by: Participant | None = None,
) -> Withdrawal:
    """``participant_withdraw``, then, once it is committed, the e-mails to the partners of
    the cancelled meetings and to the senders of the cancelled requests (a rolled-back
    withdrawal never mails anyone). ``links``: the portal pages' full addresses.

    A mail server that refuses them does not undo the withdrawal (it is committed): the
    returned ``Withdrawal.mail`` says so, once the commit has run, for the caller to tell
    the person who asked."""
    from keruen.meetings.notifications import withdrawal_notify

    with transaction.atomic():
        done = participant_withdraw(participant=participant, reason=reason, by=by)

        def notify() -> None:
            report = withdrawal_notify(withdrawal=done, links=links or WithdrawalLinks())
            done.mail.sent += report.sent
            done.mail.errors.extend(report.errors)

        transaction.on_commit(notify)
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


def _meetings_to_come(participant: Participant, now: dt.datetime) -> QuerySet[Meeting]:
    """Accepted meetings whose time has not come: not in the current published schedule,
    or at a slot that starts after ``now``. The others happened, or were missed, whatever
    anybody recorded: they stay for their outcome."""
    meetings = Meeting.objects.filter(_involving(participant), status=Meeting.Status.ACCEPTED)
    release = schedule_current_release(event=participant.event)
    if release is None:
        return meetings
    started = ScheduledMeeting.objects.filter(schedule=release, slot__start__lte=now)
    return meetings.exclude(pk__in=started.values("meeting_id"))


def _pending_requests(participant: Participant, now: dt.datetime) -> QuerySet[MeetingRequest]:
    """Pending requests, sent and received, still open at ``now`` (not past their deadline:
    those have lapsed, and are expired, not cancelled)."""
    return MeetingRequest.objects.filter(
        Q(requester=participant) | Q(target=participant),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
        status=MeetingRequest.Status.PENDING,
    )


def _cancel_requests(participant: Participant, now: dt.datetime) -> list[MeetingRequest]:
    """Cancel the pending requests, sent and received, row-locked like the meetings below:
    an answer given at the same moment lands first or finds the request cancelled."""
    pending = list(
        _pending_requests(participant, now)
        .select_for_update(of=("self",))
        .select_related("requester__user", "requester__organisation")
        .order_by("pk")
    )
    MeetingRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        status=MeetingRequest.Status.CANCELLED, responded_at=now, updated_at=now
    )
    return pending


def _cancel_meetings(participant: Participant, now: dt.datetime) -> list[Meeting]:
    """Cancel the accepted meetings still to come, row-locked so that an outcome or an
    agreement recorded at the same moment (they lock the meeting too) either lands first,
    and the meeting is kept, or finds it cancelled.

    The organisers' reason stays with the participant (it may be private: an illness), and
    the meeting keeps no reason of its own: the partners' e-mails say, in each reader's
    language, that the delegate withdrew, and their pages no longer list the meeting.
    """
    locked = list(
        _meetings_to_come(participant, now)
        .select_for_update(of=("self",))
        .select_related("participant_a__organisation", "participant_b__organisation")
        .order_by("pk")
    )
    # Read after the lock, in a statement of its own: an agreement committed while this
    # waited for a meeting's row is seen.
    with_agreement = set(
        Agreement.objects.filter(meeting__in=[m.pk for m in locked]).values_list(
            "meeting_id", flat=True
        )
    )
    meetings = [m for m in locked if m.pk not in with_agreement]
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
