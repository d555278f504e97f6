"""Writes about what became of a meeting once its time came: held, or the other side did not
come. The funnel of the event (requests, meetings, held, agreements) ends here.

A meeting can only have an outcome once it has started in the event's current published
schedule: before that, nothing has happened yet, and a meeting that was never published
never had a time to happen at.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import SCHEDULED_STATUSES
from keruen.people.models import Participant

OUTCOMES = (Meeting.Status.HELD, Meeting.Status.NO_SHOW)
# An outcome can be corrected (a delegate pressed the wrong button), a cancellation cannot:
# any meeting that belongs in a schedule can get one.
OUTCOME_FROM = SCHEDULED_STATUSES


def meeting_published_start(*, meeting: Meeting) -> dt.datetime | None:
    """When ``meeting`` starts in its event's current published schedule (None: not in it)."""
    release = schedule_current_release(event=meeting.event)
    if release is None:
        return None
    entry = (
        ScheduledMeeting.objects.filter(schedule=release, meeting=meeting)
        .select_related("slot")
        .first()
    )
    return entry.slot.start if entry is not None else None


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
    start = meeting_published_start(meeting=meeting)
    if start is None:
        raise ValidationFailed(
            gettext("This meeting is not in the published schedule, so it has had no time yet."),
            field="outcome",
        )
    now = now or timezone.now()
    if now < start:
        local = timezone.localtime(start, meeting.event.tz)
        raise ValidationFailed(
            gettext("You can record what happened once the meeting has started (%(start)s).")
            % {"start": date_format(local, "DATETIME_FORMAT")},
            field="outcome",
        )
    updated = Meeting.objects.filter(pk=meeting.pk, status__in=OUTCOME_FROM).update(
        status=outcome, updated_at=now
    )
    if updated != 1:
        raise Conflict(gettext("This meeting was cancelled."))
    meeting.refresh_from_db()
    record_action(meeting, "outcome", outcome=outcome)
    return meeting
