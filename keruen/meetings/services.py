"""Writes about meeting requests, meetings and schedules.

State changes use conditional updates (``UPDATE ... WHERE status = 'pending'``) so that two
concurrent answers to one request cannot both win, and schedule placements rely on the
database's unique constraints so that no delegate, table or booth is ever double-booked.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, Problem, ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import (
    Meeting,
    MeetingRequest,
    Schedule,
    ScheduledAttendance,
    ScheduledMeeting,
)
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Participant, User

OPEN_REQUEST_STATUSES = (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED)
# Meetings that belong in a schedule: accepted ones, and those whose outcome is recorded (they
# took place, or were missed, in a slot of the release).
SCHEDULED_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD, Meeting.Status.NO_SHOW)


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
        sent = MeetingRequest.objects.filter(
            requester=requester, status__in=OPEN_REQUEST_STATUSES
        ).count()
        if sent >= event.request_quota:
            # No plural forms: the limit is shown as a figure, not counted in words.
            raise PermissionDenied(
                gettext("You have reached the limit of meeting requests (%(limit)s).")
                % {"limit": event.request_quota}
            )
    _check_no_meeting_yet(event.pk, requester, target)
    answer_theirs = MeetingRequest.objects.filter(
        event=event, requester=target, target=requester, status=MeetingRequest.Status.PENDING
    )
    if answer_theirs.exists():
        raise Conflict(
            gettext("%(name)s has already asked you for a meeting: accept their request instead.")
            % {"name": target.display_name},
            field="target",
        )


def _check_no_meeting_yet(event_id: int, me: Participant, other: Participant) -> None:
    """One meeting per pair of delegates: a second would take a second slot of both for the
    same conversation (and count twice in the event's figures)."""
    pair = Q(participant_a_id=me.pk, participant_b_id=other.pk) | Q(
        participant_a_id=other.pk, participant_b_id=me.pk
    )
    if Meeting.objects.filter(pair, event_id=event_id, status__in=SCHEDULED_STATUSES).exists():
        raise Conflict(
            gettext("You already have a meeting with %(name)s.") % {"name": other.display_name},
            field="target",
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
    # Both delegates' rows locked, in id order: two requests sent at once are counted
    # against the quota one after the other, and a withdrawal committing meanwhile is seen
    # (the statuses are read again under the lock).
    pair = sorted((requester.pk, target.pk))
    list(Participant.objects.select_for_update().filter(pk__in=pair).order_by("pk").values("pk"))
    requester.refresh_from_db(fields=["status"])
    target.refresh_from_db(fields=["status"])
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
        raise Conflict(gettext("A request to this delegate is already pending.")) from error
    return request


def _transition(request: MeetingRequest, to: str, **fields: object) -> None:
    """Move a pending request to ``to``; refuse if someone else answered it first."""
    now = timezone.now()
    updated = MeetingRequest.objects.filter(pk=request.pk, status=MeetingRequest.Status.PENDING)
    if request.expires_at is not None:
        updated = updated.filter(Q(expires_at__gt=now))
    count = updated.update(status=to, responded_at=now, updated_at=now, **fields)
    if count != 1:
        request.refresh_from_db()
        raise Conflict(
            gettext("This request is no longer pending (it is %(status)s).")
            % {"status": request.get_status_display()}
        )
    request.refresh_from_db()


@transaction.atomic
def meeting_request_accept(*, request: MeetingRequest, by: Participant) -> Meeting:
    if by.pk != request.target_id:
        raise PermissionDenied(gettext("Only the invited delegate can accept this request."))
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


def meeting_request_decline(*, request: MeetingRequest, by: Participant, reason: str = "") -> None:
    if by.pk != request.target_id:
        raise PermissionDenied(gettext("Only the invited delegate can decline this request."))
    _transition(request, MeetingRequest.Status.DECLINED, decline_reason=reason.strip()[:500])
    record_action(request, "decline", reason=reason.strip()[:500])


def meeting_request_cancel(*, request: MeetingRequest, by: Participant) -> None:
    if by.pk != request.requester_id:
        raise PermissionDenied(gettext("Only the sender can withdraw this request."))
    _transition(request, MeetingRequest.Status.CANCELLED)
    record_action(request, "request_withdraw")


def meeting_requests_expire(*, event: Event, now: dt.datetime | None = None) -> int:
    """Mark pending requests past their deadline as expired; returns how many."""
    now = now or timezone.now()
    return MeetingRequest.objects.filter(
        event=event, status=MeetingRequest.Status.PENDING, expires_at__lte=now
    ).update(status=MeetingRequest.Status.EXPIRED, updated_at=now)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: Participant | None, reason: str = "") -> Meeting:
    """Cancel an accepted meeting; it leaves the draft schedule at once."""
    if by is not None and by.pk not in (meeting.participant_a_id, meeting.participant_b_id):
        raise PermissionDenied(
            gettext("Only the two delegates or an organiser can cancel a meeting.")
        )
    updated = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.ACCEPTED).update(
        status=Meeting.Status.CANCELLED,
        cancel_reason=reason.strip()[:500],
        updated_at=timezone.now(),
    )
    if updated != 1:
        raise Conflict(gettext("This meeting is not active."))
    ScheduledMeeting.objects.filter(meeting=meeting, schedule__published_at__isnull=True).delete()
    meeting.refresh_from_db()
    record_action(meeting, "cancel", reason=reason)
    return meeting


def schedule_draft_get(*, event: Event) -> Schedule:
    """The event's work-in-progress schedule (created on first use)."""
    draft = Schedule.objects.filter(event=event, published_at__isnull=True).first()
    if draft is not None:
        return draft
    try:
        with transaction.atomic():
            return Schedule.objects.create(event=event)
    except IntegrityError:  # created concurrently
        return Schedule.objects.get(event=event, published_at__isnull=True)


@transaction.atomic
def schedule_entry_place(
    *,
    schedule: Schedule,
    meeting: Meeting,
    slot: Slot,
    table: MeetingTable | None = None,
    booth: Booth | None = None,
) -> ScheduledMeeting:
    """Put a meeting at a slot and a table (or booth) in the draft schedule.

    The database refuses a delegate, table or booth already taken in that slot; the
    caller gets a Conflict that says which, and when on the event's clock.
    """
    from keruen.meetings.scheduler import delegate_describe, slot_describe  # they import us

    if not schedule.is_draft:
        raise ValidationFailed(
            gettext("A published schedule is frozen; edit the draft."), field="schedule"
        )
    event_id = schedule.event_id
    if meeting.event_id != event_id or slot.event_id != event_id:
        raise ValidationFailed(
            gettext("The meeting and the slot must belong to the event."), field="slot"
        )
    if (table is None) == (booth is None):
        raise ValidationFailed(gettext("Give either a table or a booth."), field="table")
    if (table or booth).event_id != event_id:  # type: ignore[union-attr]
        raise ValidationFailed(
            gettext("The table or booth belongs to another event."), field="table"
        )
    # Lock the meeting row and read its status afresh: a concurrent meeting_cancel then
    # either waits for this placement (and removes it) or is seen here as cancelled.
    locked = Meeting.objects.select_for_update().filter(pk=meeting.pk)
    if locked.values_list("status", flat=True).first() != Meeting.Status.ACCEPTED:
        raise ValidationFailed(
            gettext("Only an accepted meeting can be scheduled."), field="meeting"
        )
    ScheduledMeeting.objects.filter(schedule=schedule, meeting=meeting).delete()
    try:
        with transaction.atomic():
            entry = ScheduledMeeting.objects.create(
                schedule=schedule, meeting=meeting, slot=slot, table=table, booth=booth
            )
    except IntegrityError as error:
        words = {"place": table or booth, "time": slot_describe(slot=slot, event=schedule.event)}
        taken = (
            gettext("At %(time)s, table %(place)s is already taken.")
            if table is not None
            else gettext("At %(time)s, booth %(place)s is already taken.")
        )
        raise Conflict(taken % words, field="table" if table is not None else "booth") from error
    # Always in id order: two placements of one pair never wait for each other (deadlock).
    for participant_id in sorted((meeting.participant_a_id, meeting.participant_b_id)):
        try:
            with transaction.atomic():
                ScheduledAttendance.objects.create(
                    schedule=schedule, slot=slot, participant_id=participant_id, entry=entry
                )
        except IntegrityError as error:
            busy = Participant.objects.select_related("organisation").get(pk=participant_id)
            words = {
                "delegate": delegate_describe(participant=busy),
                "time": slot_describe(slot=slot, event=schedule.event),
            }
            raise Conflict(
                gettext("At %(time)s, %(delegate)s already has a meeting.") % words, field="slot"
            ) from error
    return entry


def schedule_entries_replace(
    *, schedule: Schedule, placements: list[tuple[Meeting, Slot, MeetingTable | None, Booth | None]]
) -> int:
    """Replace every entry of the draft at once (after a solver run); all or nothing."""
    if not schedule.is_draft:
        raise ValidationFailed(
            gettext("A published schedule is frozen; edit the draft."), field="schedule"
        )
    with transaction.atomic():
        # Lock the meetings: one cancelled while the solver ran must not come back into the
        # draft (meeting_cancel removes draft entries; this sees its result or waits for it).
        still_live = set(
            Meeting.objects.select_for_update()
            .filter(pk__in=[m.pk for m, _, _, _ in placements], status__in=SCHEDULED_STATUSES)
            .values_list("pk", flat=True)
        )
        placements = [p for p in placements if p[0].pk in still_live]
        ScheduledMeeting.objects.filter(schedule=schedule).delete()
        entries = ScheduledMeeting.objects.bulk_create(
            ScheduledMeeting(schedule=schedule, meeting=m, slot=s, table=t, booth=b)
            for m, s, t, b in placements
        )
        ScheduledAttendance.objects.bulk_create(
            ScheduledAttendance(
                schedule=schedule, slot_id=entry.slot_id, participant_id=pid, entry=entry
            )
            for entry, (meeting, _, _, _) in zip(entries, placements, strict=True)
            for pid in (meeting.participant_a_id, meeting.participant_b_id)
        )
    return len(entries)


def _next_version(event: Event) -> str:
    """ "v<n+1>" after n releases, or the next number no release was named by hand."""
    taken = set(
        Schedule.objects.filter(event=event, published_at__isnull=False).values_list(
            "version", flat=True
        )
    )
    number = len(taken) + 1
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"


def _name_taken(version: str) -> Conflict:
    return Conflict(
        gettext("A release named “%(version)s” exists already.") % {"version": version},
        field="version",
    )


def _placements(schedule: Schedule) -> set[tuple[int, int, int | None, int | None]]:
    return set(
        ScheduledMeeting.objects.filter(schedule=schedule).values_list(
            "meeting_id", "slot_id", "table_id", "booth_id"
        )
    )


@transaction.atomic
def schedule_publish(
    *, event: Event, by: User | None, version: str = "", comment: str = ""
) -> Schedule:
    """Freeze the draft as a new release; the draft stays for further work.

    Publishing locks the draft, so two organisers (or a double click) publish one after the
    other, and the second finds nothing new: a draft the same as the current release is
    refused, so no delegate is told twice of the same change."""
    from keruen.meetings.scheduler import schedule_draft_publish_problems  # it imports us

    draft = Schedule.objects.select_for_update().get(pk=schedule_draft_get(event=event).pk)
    problems = schedule_draft_publish_problems(event=event)
    if problems:
        lead = gettext(
            "The draft breaks scheduling rules; move the meetings concerned or run the solver "
            "again before publishing."
        )
        said = [Problem(lead), *(Problem(problem.message) for problem in problems)]
        raise ValidationFailed(lead, problems=said)
    version = version.strip() or _next_version(event)
    if Schedule.objects.filter(event=event, version=version, published_at__isnull=False).exists():
        raise _name_taken(version)
    current = schedule_current_release(event=event)
    if current is not None and _placements(current) == _placements(draft):
        raise Conflict(
            gettext("The draft is the same as release %(version)s: there is nothing to publish.")
            % {"version": current.version}
        )
    try:
        with transaction.atomic():
            release = Schedule.objects.create(
                event=event,
                version=version,
                published_at=timezone.now(),
                published_by=by,
                comment=comment,
                solver_status=draft.solver_status,
                breaks=draft.breaks,
                breaks_bound=draft.breaks_bound,
                stats=draft.stats,
            )
    except IntegrityError as error:  # the same name published at the same moment (SQLite)
        raise _name_taken(version) from error
    entries = list(ScheduledMeeting.objects.filter(schedule=draft).select_related("meeting"))
    copies = ScheduledMeeting.objects.bulk_create(
        ScheduledMeeting(
            schedule=release,
            meeting_id=entry.meeting_id,
            slot_id=entry.slot_id,
            table_id=entry.table_id,
            booth_id=entry.booth_id,
        )
        for entry in entries
    )
    ScheduledAttendance.objects.bulk_create(
        ScheduledAttendance(schedule=release, slot_id=copy.slot_id, participant_id=pid, entry=copy)
        for copy, entry in zip(copies, entries, strict=True)
        for pid in (entry.meeting.participant_a_id, entry.meeting.participant_b_id)
    )
    record_action(release, "publish", entries=len(copies))
    return release
