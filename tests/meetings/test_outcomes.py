"""What became of a meeting: held or no-show, only once it has started in the published schedule."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.outcomes import meeting_outcome_record, meeting_published_start
from keruen.meetings.scheduler import schedule_draft_solve
from keruen.meetings.services import meeting_cancel, schedule_publish
from tests.factories import AgreementFactory, MeetingFactory, ParticipantFactory
from tests.meetings.test_scheduling import _grid


@pytest.fixture
def published(event) -> Meeting:
    _grid(event)
    a, b = ParticipantFactory(event=event), ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=a, participant_b=b)
    schedule_draft_solve(event=event, time_limit=5, workers=1, seed=1)
    schedule_publish(event=event, by=None)
    return meeting


def _start(meeting: Meeting) -> dt.datetime:
    start = meeting_published_start(meeting=meeting)
    assert start is not None
    return start


def test_a_delegate_records_that_the_meeting_was_held_once_it_has_started(published) -> None:
    start = _start(published)
    release_entry = ScheduledMeeting.objects.get(
        meeting=published, schedule__published_at__isnull=False
    )
    assert start == release_entry.slot.start
    meeting = meeting_outcome_record(
        meeting=published,
        outcome=Meeting.Status.HELD,
        by=published.participant_a,
        now=start + dt.timedelta(minutes=5),
    )
    assert meeting.status == Meeting.Status.HELD


def test_nothing_can_be_recorded_before_the_meeting_starts(published) -> None:
    start = _start(published)
    with pytest.raises(ValidationFailed) as error:
        meeting_outcome_record(
            meeting=published,
            outcome=Meeting.Status.HELD,
            by=published.participant_b,
            now=start - dt.timedelta(minutes=1),
        )
    assert error.value.field == "outcome"
    published.refresh_from_db()
    assert published.status == Meeting.Status.ACCEPTED


def test_an_unpublished_meeting_has_had_no_time_yet(event) -> None:
    _grid(event)
    meeting = MeetingFactory(event=event)
    with pytest.raises(ValidationFailed, match="not in the published schedule"):
        meeting_outcome_record(
            meeting=meeting,
            outcome=Meeting.Status.NO_SHOW,
            by=None,
            now=dt.datetime.max.replace(tzinfo=dt.UTC),
        )


def test_only_the_two_delegates_or_an_organiser_record_it(published, event) -> None:
    later = _start(published) + dt.timedelta(hours=1)
    stranger = ParticipantFactory(event=event)
    with pytest.raises(PermissionDenied):
        meeting_outcome_record(
            meeting=published, outcome=Meeting.Status.HELD, by=stranger, now=later
        )
    meeting = meeting_outcome_record(
        meeting=published, outcome=Meeting.Status.NO_SHOW, by=None, now=later
    )
    assert meeting.status == Meeting.Status.NO_SHOW


def test_an_outcome_can_be_corrected_but_a_cancelled_meeting_has_none(published) -> None:
    later = _start(published) + dt.timedelta(hours=1)
    a = published.participant_a
    meeting_outcome_record(meeting=published, outcome=Meeting.Status.NO_SHOW, by=a, now=later)
    meeting = meeting_outcome_record(
        meeting=published, outcome=Meeting.Status.HELD, by=a, now=later
    )
    assert meeting.status == Meeting.Status.HELD
    other = MeetingFactory(event=published.event)
    meeting_cancel(meeting=other, by=None)
    with pytest.raises((Conflict, ValidationFailed)):
        meeting_outcome_record(meeting=other, outcome=Meeting.Status.HELD, by=None, now=later)


def test_an_unknown_outcome_is_refused(published) -> None:
    with pytest.raises(ValidationFailed) as error:
        meeting_outcome_record(
            meeting=published,
            outcome=Meeting.Status.CANCELLED,
            by=None,
            now=_start(published) + dt.timedelta(hours=1),
        )
    assert error.value.field == "outcome"


def test_a_meeting_whose_time_has_come_is_not_cancelled_but_recorded(published) -> None:
    start = _start(published)
    with pytest.raises(Conflict) as refused:
        meeting_cancel(meeting=published, by=published.participant_a, now=start)
    assert refused.value.message.startswith("This meeting's time has come (")
    assert refused.value.message.endswith(
        "): record whether it was held or missed instead of cancelling it."
    )
    published.refresh_from_db()
    assert published.status == Meeting.Status.ACCEPTED
    minute_before = start - dt.timedelta(minutes=1)
    meeting_cancel(meeting=published, by=published.participant_a, now=minute_before)
    published.refresh_from_db()
    assert published.status == Meeting.Status.CANCELLED


def test_a_meeting_an_agreement_came_out_of_is_not_cancelled(published) -> None:
    AgreementFactory(event=published.event, meeting=published)
    with pytest.raises(Conflict, match="An agreement came out of this meeting"):
        meeting_cancel(meeting=published, by=None, now=_start(published) - dt.timedelta(days=1))
    published.refresh_from_db()
    assert published.status == Meeting.Status.ACCEPTED
