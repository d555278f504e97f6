"""Writes about what became of a meeting once its time came: held, or the other side did not
come. The funnel of the event (requests, meetings, held, agreements) ends here.

A meeting can only have an outcome once it has started in the event's current published
schedule: before that, nothing has happened yet, and a meeting that was never published
never had a time to happen at. "Held" can be recorded from the start; "no-show" only once
the meeting's time is over (a partner ten minutes late has not missed it), and never for a
meeting an agreement came out of.

The organisers' check-in at the tables is the event's record: once they have recorded an
outcome, a delegate can no longer change it (they write to the organisers instead).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.agreements.models import Agreement
from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.events.models import Slot
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import SCHEDULED_STATUSES
from keruen.people.models import Participant

OUTCOMES = (Meeting.Status.HELD, Meeting.Status.NO_SHOW)
# An outcome can be corrected (a delegate pressed the wrong button), a cancellation cannot:
# any meeting that belongs in a schedule can get one.
OUTCOME_FROM = SCHEDULED_STATUSES


def meeting_published_slot(*, meeting: Meeting) -> Slot | None:
    """The slot of ``meeting`` in its event's current published schedule (None: not in it)."""
    release = schedule_current_release(event=meeting.event)
    if release is None:
        return None
    entry = (
        ScheduledMeeting.objects.filter(schedule=release, meeting=meeting)
        .select_related("slot")
        .first()
    )
    return entry.slot if entry is not None else None


def meeting_published_start(*, meeting: Meeting) -> dt.datetime | None:
    """When ``meeting`` starts in its event's current published schedule (None: not in it)."""
    slot = meeting_published_slot(meeting=meeting)
    return slot.start if slot is not None else None


@transaction.atomic
def meeting_outcome_record(
    *,
    meeting: Meeting,
    outcome: str,
    by: Participant | None,
    now: dt.datetime | None = None,
) -> Meeting:
    """Record that ``meeting`` was held, or that the other side did not come (``by``: one of
    its two delegates; None for an organiser)."""
    if outcome not in OUTCOMES:
        raise ValidationFailed(gettext("Choose what happened: held or no-show."), field="outcome")
    if by is not None and by.pk not in (meeting.participant_a_id, meeting.participant_b_id):
        raise PermissionDenied(
            gettext("Only the two delegates or an organiser can record what became of a meeting.")
        )
    now = now or timezone.now()
    _check_time(meeting, outcome, now)
    # Locked and read afresh: a withdrawal, an agreement or another outcome recorded at the
    # same moment (they lock the meeting too) lands first and is seen here, or waits.
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_state(current, outcome, by)
    # A delegate repeating what is recorded (the organisers' check-in, a second click)
    # changes nothing; an organiser repeating a delegate's record makes it theirs.
    if by is None or current.status != outcome:
        Meeting.objects.filter(pk=meeting.pk).update(
            status=outcome, outcome_by_organiser=by is None, updated_at=now
        )
        record_action(meeting, "outcome", outcome=outcome)
    meeting.refresh_from_db()
    return meeting


def _check_time(meeting: Meeting, outcome: str, now: dt.datetime) -> None:
    slot = meeting_published_slot(meeting=meeting)
    if slot is None:
        raise ValidationFailed(
            gettext("This meeting is not in the published schedule, so it has had no time yet."),
            field="outcome",
        )
    if now < slot.start:
        raise ValidationFailed(
            gettext("You can record what happened once the meeting has started (%(start)s).")
            % {"start": _local(meeting, slot.start)},
            field="outcome",
        )
    if outcome == Meeting.Status.NO_SHOW and now < slot.end:
        raise ValidationFailed(
            gettext("A no-show can be recorded once the meeting's time is over (%(end)s).")
            % {"end": _local(meeting, slot.end)},
            field="outcome",
        )


def _local(meeting: Meeting, moment: dt.datetime) -> str:
    """A moment on the event's clock, with the zone's name: the reader may be elsewhere."""
    zone = meeting.event.tz
    return f"{date_format(timezone.localtime(moment, zone), 'DATETIME_FORMAT')} {zone.key}"


def _check_state(current: Meeting, outcome: str, by: Participant | None) -> None:
    if current.status not in OUTCOME_FROM:
        raise Conflict(gettext("This meeting was cancelled."), field="outcome")
    if by is not None and current.outcome_by_organiser and current.status != outcome:
        raise Conflict(
            gettext(
                "The organisers have recorded what became of this meeting; write to them if "
                "it is wrong."
            ),
            field="outcome",
        )
    if outcome == Meeting.Status.NO_SHOW and Agreement.objects.filter(meeting=current).exists():
        raise Conflict(
            gettext("An agreement came out of this meeting, so it cannot be a no-show."),
            field="outcome",
        )
