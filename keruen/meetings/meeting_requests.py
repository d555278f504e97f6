"""Writes about meeting requests: who may ask whom, and sending, answering and expiring.

State changes use conditional updates (``UPDATE ... WHERE status = 'pending'``) so that two
concurrent answers to one request cannot both win.

A pending request whose ``expires_at`` has passed is expired, whoever reads it and whether
or not ``meeting_requests_expire`` has marked it yet: readers go through
``requests_waiting`` / ``requests_in_status`` / ``meeting_request_status``, which read it so
from the row and the clock. Not expiring first in every reader: that would be a write on
every page view and API read (on SQLite, the database's one write lock, taken by a delegate
opening the portal's home page), and any reader that forgot it would count again what a
review saw (a dashboard with 114 pending requests past the deadline). Reading needs no lock,
costs a condition on the query, and is right at any instant; the stored status catches up
whenever ``meeting_requests_expire`` runs (the request list, a withdrawal, a moved deadline).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.events.models import Event
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.schedules import SCHEDULED_STATUSES
from keruen.people.models import Participant

# Requests from one delegate to another over an event, whatever became of them: each one
# e-mails the other delegate, and withdrawing to send again must not make that a mailing list.
REQUESTS_PER_PAIR = 3


def requests_waiting(now: dt.datetime) -> Q:
    """Requests still waiting for an answer at ``now``: pending, and not past their deadline."""
    return Q(status=MeetingRequest.Status.PENDING) & (
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def requests_lapsed(now: dt.datetime) -> Q:
    """Requests stored as pending whose deadline has passed at ``now``: expired, not yet
    marked so (``meeting_requests_expire``)."""
    return Q(status=MeetingRequest.Status.PENDING, expires_at__lte=now)


def requests_in_status(status: str, *, now: dt.datetime) -> Q:
    """Requests whose status, read at ``now``, is ``status`` (see the module's docstring)."""
    if status == MeetingRequest.Status.PENDING:
        return requests_waiting(now)
    if status == MeetingRequest.Status.EXPIRED:
        return Q(status=status) | requests_lapsed(now)
    return Q(status=status)


def meeting_request_status(*, request: MeetingRequest, now: dt.datetime | None = None) -> str:
    """A loaded request's status read at ``now``: ``requests_in_status`` for one row."""
    now = now or timezone.now()
    lapsed = request.expires_at is not None and request.expires_at <= now
    if request.status == MeetingRequest.Status.PENDING and lapsed:
        return MeetingRequest.Status.EXPIRED
    return str(request.status)


def meeting_requests_by_status(
    requests: QuerySet[MeetingRequest], *, now: dt.datetime | None = None
) -> dict[str, int]:
    """How many of ``requests`` are in each status, read at ``now``, in one query."""
    now = now or timezone.now()
    return requests.aggregate(
        **{
            str(status): Count("pk", filter=requests_in_status(status, now=now))
            for status in MeetingRequest.Status.values
        }
    )


def meeting_requests_counted(
    *, requester: Participant, now: dt.datetime | None = None
) -> QuerySet[MeetingRequest]:
    """The requests ``requester`` sent that count against the event's quota: those waiting
    for an answer, and those accepted whose meeting is still on (to come, held or missed).
    An accepted request whose meeting was cancelled since, by either delegate, an organiser
    or a withdrawal, leaves room for another: the delegate has no meeting to show for it."""
    now = now or timezone.now()
    accepted = Q(status=MeetingRequest.Status.ACCEPTED, meeting__status__in=SCHEDULED_STATUSES)
    return MeetingRequest.objects.filter(requests_waiting(now) | accepted, requester=requester)


def meeting_requests_hold_deadline(event_id: int) -> None:
    """Keep the event's deadline for meeting requests as it is until this transaction ends.

    ``event_networking_set`` moves the pending requests to a new deadline in the transaction
    that sets it, holding the event's row: a request sent or answered meanwhile must wait
    for that change, or be seen by it, not copy or judge by the deadline it replaced. Every
    write of a request takes it first, before any request's row, in the order the
    organiser's change takes them, so the two never wait for each other in a circle.
    PostgreSQL's ``FOR KEY SHARE`` is the lock a new row's foreign key to the event takes at
    commit anyway, taken first: it keeps out only ``FOR UPDATE`` (the organiser's change),
    so senders do not wait for each other. On SQLite, transactions begin IMMEDIATE
    (settings.py): one writer at a time, nothing to hold.
    """
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Event._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR KEY SHARE", [event_id])


class PendingRequestExists(Conflict):
    """A request between the two delegates, either way, is waiting for an answer, so a new
    one is refused: ``pending`` is that request (its ``requester`` says whose it is), for the
    caller to show it or name it (a delegate's own sent meanwhile from another window, the
    other side's sent since the form was opened)."""

    def __init__(self, message: str, *, pending: MeetingRequest) -> None:
        super().__init__(message, field="target")
        self.pending = pending


class MeetingExists(Conflict):
    """The two delegates already have a meeting (accepted, held or missed), so a request is
    refused: ``meeting`` is that meeting, for the caller to name it."""

    def __init__(self, message: str, *, meeting: Meeting) -> None:
        super().__init__(message, field="target")
        self.meeting = meeting


def meeting_request_pair_check(
    *, event: Event, requester: Participant, target: Participant
) -> None:
    """Refuse a pair of delegates who may never request a meeting, whatever the moment.

    As for suggestions (``keruen.matching.rules.organiser_allows``): not oneself, not a
    colleague of one's organisation, not a member of one's delegation (they came together;
    an event has no setting that allows it). The organiser's role rules, the deadline and
    the quota are checked when the request is sent.
    """
    if requester.event_id != event.pk or target.event_id != event.pk:
        raise ValidationFailed(
            gettext("Both delegates must be registered at this event."), field="target"
        )
    if requester.pk == target.pk:
        raise ValidationFailed(
            gettext("You cannot request a meeting with yourself."), field="target"
        )
    if requester.organisation_id == target.organisation_id:
        raise ValidationFailed(
            gettext(
                "%(name)s works for your own organisation: meeting requests are for "
                "delegates of other organisations."
            )
            % {"name": target.display_name},
            field="target",
        )
    if requester.delegation_id is not None and requester.delegation_id == target.delegation_id:
        raise ValidationFailed(
            gettext(
                "%(name)s is a member of your own delegation: meeting requests are for "
                "delegates outside it."
            )
            % {"name": target.display_name},
            field="target",
        )


def meeting_requests_check_open(*, event: Event) -> None:
    """Refuse requests (sending or accepting) once the deadline has passed or the event is
    over: an event without a deadline still takes none after its last day."""
    if event.request_deadline and timezone.now() > event.request_deadline:
        raise PermissionDenied(gettext("The deadline for meeting requests has passed."))
    if event.is_over():
        raise PermissionDenied(gettext("The event has taken place: meeting requests are closed."))


def meeting_requests_closed_reason(*, event: Event) -> str:
    """Why no meeting request can be sent now (for pages to say so instead of offering the
    button), or "" while requests are open."""
    try:
        meeting_requests_check_open(event=event)
    except PermissionDenied as error:
        return error.message
    return ""


def _check_requestable(event: Event, requester: Participant, target: Participant) -> None:
    meeting_request_pair_check(event=event, requester=requester, target=target)
    approved = Participant.Status.APPROVED
    if requester.status != approved or target.status != approved:
        raise PermissionDenied(gettext("Only approved delegates can request meetings."))
    meeting_requests_check_open(event=event)
    _check_request_rules(event, requester, target)
    if event.request_quota is not None:
        sent = meeting_requests_counted(requester=requester).count()
        if sent >= event.request_quota:
            # No plural forms: the limit is shown as a figure, not counted in words.
            raise PermissionDenied(
                gettext("You have reached the limit of meeting requests (%(limit)s).")
                % {"limit": event.request_quota}
            )
    _check_no_meeting_yet(event.pk, requester, target)
    _check_none_pending(event, requester, target)
    meeting_request_repeat_check(event=event, requester=requester, target=target)


def _check_none_pending(event: Event, requester: Participant, target: Participant) -> None:
    """One pending request per pair of delegates, either way: the other side's is answered
    rather than crossed, and one's own is not sent twice (the pair's lock, taken before, makes
    a request committed meanwhile visible here)."""
    pending = _pending_between(event, requester, target)
    if pending is None:
        return
    if pending.requester_id == target.pk:
        message = gettext(
            "%(name)s has already asked you for a meeting: accept their request instead."
        )
    else:
        message = gettext("Your request to %(name)s is already waiting for an answer.")
    raise PendingRequestExists(message % {"name": target.display_name}, pending=pending)


def meeting_request_repeat_check(
    *, event: Event, requester: Participant, target: Participant
) -> None:
    """A delegate who declined is not asked again (they may still ask), and a delegate is
    asked at most ``REQUESTS_PER_PAIR`` times: a review sent one message ten times to the
    same delegate by withdrawing and sending again, an e-mail each time.

    Pages call it to say why no request can be sent instead of offering the button."""
    earlier = MeetingRequest.objects.filter(event=event, requester=requester, target=target)
    if earlier.filter(status=MeetingRequest.Status.DECLINED).exists():
        declined_theirs = MeetingRequest.objects.filter(
            event=event, requester=target, target=requester, status=MeetingRequest.Status.DECLINED
        ).exists()
        if declined_theirs:
            # Each declined the other: neither may ask, so "they can still ask" would mislead.
            message = gettext(
                "%(name)s has declined your request: no new request can be sent to them."
            )
        else:
            message = gettext(
                "%(name)s has declined your request: they can still ask you for a meeting."
            )
        raise PermissionDenied(message % {"name": target.display_name})
    if earlier.count() >= REQUESTS_PER_PAIR:
        # The figure is followed by its noun: some languages cannot leave it out.
        raise PermissionDenied(
            gettext(
                "You cannot send %(name)s another meeting request: at most %(limit)s requests "
                "can be sent to one delegate."
            )
            % {"name": target.display_name, "limit": REQUESTS_PER_PAIR}
        )


def _pending_between(
    event: Event, requester: Participant, target: Participant
) -> MeetingRequest | None:
    """The pending request between the two, the other side's first (two crossing requests
    from before the rule: answering theirs is what helps)."""
    rows = MeetingRequest.objects.filter(
        Q(requester=requester, target=target) | Q(requester=target, target=requester),
        event=event,
        status=MeetingRequest.Status.PENDING,
    )
    found = list(rows)  # at most one each way: the one_pending_request_per_pair constraint
    for row in found:
        if row.requester_id == target.pk:
            return row
    return found[0] if found else None


def _check_no_meeting_yet(event_id: int, me: Participant, other: Participant) -> None:
    """One meeting per pair of delegates: a second would take a second slot of both for the
    same conversation (and count twice in the event's figures)."""
    pair = Q(participant_a_id=me.pk, participant_b_id=other.pk) | Q(
        participant_a_id=other.pk, participant_b_id=me.pk
    )
    meeting = (
        Meeting.objects.filter(pair, event_id=event_id, status__in=SCHEDULED_STATUSES)
        .order_by("pk")
        .first()
    )
    if meeting is not None:
        raise MeetingExists(
            gettext("You already have a meeting with %(name)s.") % {"name": other.display_name},
            meeting=meeting,
        )


def _check_request_rules(event: Event, requester: Participant, target: Participant) -> None:
    """The organiser's networking rules: who may request whom (by role)."""
    from keruen.events.services import request_rule_allows

    if not request_rule_allows(event=event, requester_role=requester.role, target_role=target.role):
        raise PermissionDenied(
            gettext(
                "Delegates with the role %(requester_role)s cannot request meetings with "
                "delegates with the role %(target_role)s at this event."
            )
            % {
                "requester_role": requester.get_role_display(),
                "target_role": target.get_role_display(),
            }
        )


@transaction.atomic
def meeting_request_create(
    *,
    event: Event,
    requester: Participant,
    target: Participant,
    message: str = "",
    opportunity_id: int | None = None,
) -> MeetingRequest:
    meeting_requests_hold_deadline(event.pk)
    event.refresh_from_db(fields=["request_deadline", "request_quota"])
    # Both delegates' rows locked, in id order: two requests sent at once are counted
    # against the quota one after the other, and a withdrawal committing meanwhile is seen
    # (the statuses are read again under the lock).
    pair = sorted((requester.pk, target.pk))
    list(Participant.objects.select_for_update().filter(pk__in=pair).order_by("pk").values("pk"))
    requester.refresh_from_db(fields=["status"])
    target.refresh_from_db(fields=["status"])
    # A request of the pair past its deadline is expired: marked so, it no longer holds the
    # pair's one pending place (the database's constraint reads the stored status).
    between = Q(requester=requester, target=target) | Q(requester=target, target=requester)
    _expire(MeetingRequest.objects.filter(between, event=event), timezone.now())
    _check_requestable(event, requester, target)
    request = MeetingRequest(
        event=event,
        requester=requester,
        target=target,
        message=message.strip(),
        opportunity_id=opportunity_id,
        expires_at=event.request_deadline,
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        # A request of the pair committed past the check (the lock normally prevents it).
        _check_none_pending(event, requester, target)
        raise Conflict(gettext("A request to this delegate is already pending.")) from error
    return request


def _transition(request: MeetingRequest, to: str, **fields: object) -> None:
    """Move a request still waiting for an answer to ``to``; refuse if someone else answered
    it first, or its deadline has passed (the row's, as the database holds it now: an
    organiser may have moved it since the request was read)."""
    now = timezone.now()
    updated = MeetingRequest.objects.filter(requests_waiting(now), pk=request.pk)
    count = updated.update(status=to, responded_at=now, updated_at=now, **fields)
    if count != 1:
        request.refresh_from_db()
        # A request past its deadline is expired, marked so or not: say that, not "pending".
        status = meeting_request_status(request=request, now=now)
        raise Conflict(
            gettext("This request is no longer pending (it is %(status)s).")
            % {"status": MeetingRequest.Status(status).label}
        )
    request.refresh_from_db()


@transaction.atomic
def meeting_request_accept(*, request: MeetingRequest, by: Participant) -> Meeting:
    if by.pk != request.target_id:
        raise PermissionDenied(gettext("Only the invited delegate can accept this request."))
    meeting_requests_hold_deadline(request.event_id)
    request.event.refresh_from_db(fields=["request_deadline"])
    # A request sent before the pair rules (or before a delegate changed organisation)
    # must not become a meeting the rules refuse.
    meeting_request_pair_check(event=request.event, requester=request.requester, target=by)
    meeting_requests_check_open(event=request.event)
    if request.requester.status != Participant.Status.APPROVED:
        # A withdrawal cancels pending requests; this catches one answered in the meantime.
        raise Conflict(
            gettext("%(name)s is no longer taking part in the event.")
            % {"name": request.requester.display_name}
        )
    # Both delegates' rows, in id order: two requests of one pair (one each way) accepted at
    # once wait for each other here, and the second finds the first's meeting.
    pair = sorted((request.requester_id, request.target_id))
    list(Participant.objects.select_for_update().filter(pk__in=pair).order_by("pk").values("pk"))
    _check_no_meeting_yet(request.event_id, by, request.requester)
    _transition(request, MeetingRequest.Status.ACCEPTED)
    meeting = Meeting.objects.create(
        event_id=request.event_id,
        request=request,
        participant_a_id=request.requester_id,
        participant_b_id=request.target_id,
        language=common_language(request.requester, request.target),
    )
    record_action(request, "accept")
    return meeting


def common_language(first: Participant, second: Participant) -> str:
    """The first language both speak (the meeting's language), or "" if none."""
    shared = [code for code in first.languages if code in second.languages]
    return shared[0] if shared else ""


@transaction.atomic
def meeting_request_decline(*, request: MeetingRequest, by: Participant, reason: str = "") -> None:
    if by.pk != request.target_id:
        raise PermissionDenied(gettext("Only the invited delegate can decline this request."))
    meeting_requests_hold_deadline(request.event_id)
    _transition(request, MeetingRequest.Status.DECLINED, decline_reason=reason.strip()[:500])
    record_action(request, "decline", reason=reason.strip()[:500])


@transaction.atomic
def meeting_request_cancel(*, request: MeetingRequest, by: Participant) -> None:
    if by.pk != request.requester_id:
        raise PermissionDenied(gettext("Only the sender can withdraw this request."))
    meeting_requests_hold_deadline(request.event_id)
    _transition(request, MeetingRequest.Status.CANCELLED)
    record_action(request, "request_withdraw")


def meeting_requests_expire(*, event: Event, now: dt.datetime | None = None) -> int:
    """Mark pending requests past their deadline as expired; returns how many.

    Readers need not call it first: they read such a request as expired already."""
    now = now or timezone.now()
    return _expire(MeetingRequest.objects.filter(event=event), now)


def meeting_requests_deadline_move(*, event: Event, now: dt.datetime | None = None) -> int:
    """Give the event's pending requests the deadline it has now; returns how many moved.

    For ``event_networking_set``, in the transaction that sets the deadline, which holds
    the event's row (``meeting_requests_hold_deadline``). A pending request can be
    answered until the event's deadline, whatever it was when the request was sent: a
    later one (or none) gives the
    recipient that time, and an earlier one brings the request's end forward with the
    senders' (the organisers need the time to schedule; a request kept open past the
    deadline could not be accepted anyway), expiring it at once if it has passed. A request
    past the deadline it had stays expired, marked so or not: it was read as expired by
    everyone, and a later deadline does not bring it back.
    """
    now = now or timezone.now()
    requests = MeetingRequest.objects.filter(event=event)
    _expire(requests, now)  # lapsed under the deadline they had
    moved = (
        requests.filter(status=MeetingRequest.Status.PENDING)
        .exclude(expires_at=event.request_deadline)
        .update(expires_at=event.request_deadline, updated_at=now)
    )
    _expire(requests, now)  # an earlier deadline that has already passed
    return moved


def _expire(requests: QuerySet[MeetingRequest], now: dt.datetime) -> int:
    return requests.filter(requests_lapsed(now)).update(
        status=MeetingRequest.Status.EXPIRED, updated_at=now
    )
