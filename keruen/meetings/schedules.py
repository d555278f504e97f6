"""Writes about meetings and schedules: cancelling a meeting, placing meetings in the
draft schedule, publishing a release.

Schedule placements rely on the database's unique constraints so that no delegate, table or
booth is ever double-booked.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, Problem, ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import (
    Meeting,
    Schedule,
    ScheduledAttendance,
    ScheduledMeeting,
)
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Participant, User

# Meetings that belong in a schedule: accepted ones, and those whose outcome is recorded (they
# took place, or were missed, in a slot of the release).
SCHEDULED_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD, Meeting.Status.NO_SHOW)


@transaction.atomic
def meeting_cancel(
    *,
    meeting: Meeting,
    by: Participant | None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Meeting:
    """Cancel an accepted meeting; it leaves the draft schedule at once.

    Not once its time has come in the published schedule (``now``: the clock, for tests):
    it was held or missed, and that is recorded as its outcome; nor when an agreement came
    out of it, which the event's figures count.
    """
    if by is not None and by.pk not in (meeting.participant_a_id, meeting.participant_b_id):
        raise PermissionDenied(
            gettext("Only the two delegates or an organiser can cancel a meeting.")
        )
    # Locked, as outcomes and agreements lock it: one recorded meanwhile is seen below.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    _refuse_cancelling_what_happened(meeting, now or timezone.now())
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


def _refuse_cancelling_what_happened(meeting: Meeting, now: dt.datetime) -> None:
    from keruen.agreements.models import Agreement  # agreements import meetings
    from keruen.meetings.outcomes import meeting_published_slot  # they import us
    from keruen.meetings.scheduler import slot_describe  # it imports us

    if Agreement.objects.filter(meeting=meeting).exists():
        raise Conflict(gettext("An agreement came out of this meeting, so it cannot be cancelled."))
    slot = meeting_published_slot(meeting=meeting)
    if slot is not None and slot.start <= now:
        raise Conflict(
            gettext(
                "This meeting's time has come (%(when)s): record whether it was held or "
                "missed instead of cancelling it."
            )
            % {"when": slot_describe(slot=slot, event=meeting.event)}
        )


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
