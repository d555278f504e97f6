"""Who may record what became of a meeting, and when: the organisers' check-in is not
overwritten by a delegate, a no-show waits for the end of the slot, and a meeting an
agreement came out of was not missed."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.common.errors import Conflict, ValidationFailed
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.outcomes import meeting_outcome_record
from tests.factories import AgreementFactory, MeetingFactory, MeetingTableFactory, SlotFactory

START = dt.datetime(2026, 6, 27, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai, the event's zone
END = START + dt.timedelta(minutes=30)


@pytest.fixture
def meeting(event) -> Meeting:
    """A meeting of the current release, 10:00-10:30 on 27 June 2026, Shanghai time."""
    meeting = MeetingFactory(event=event)
    release = Schedule.objects.create(event=event, version="v1", published_at=START)
    ScheduledMeeting.objects.create(
        schedule=release,
        meeting=meeting,
        slot=SlotFactory(event=event, number=1, start=START, end=END),
        table=MeetingTableFactory(event=event),
    )
    return meeting


def test_a_delegate_cannot_change_what_the_organisers_recorded(meeting) -> None:
    later = END + dt.timedelta(hours=1)
    recorded = meeting_outcome_record(meeting=meeting, outcome="no_show", by=None, now=later)
    assert (recorded.status, recorded.outcome_by_organiser) == ("no_show", True)
    with pytest.raises(Conflict, match="The organisers have recorded") as error:
        meeting_outcome_record(meeting=meeting, outcome="held", by=meeting.participant_a, now=later)
    assert error.value.field == "outcome"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NO_SHOW
    # Saying the same thing again is harmless; the organisers can still correct it.
    meeting_outcome_record(meeting=meeting, outcome="no_show", by=meeting.participant_b, now=later)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome_by_organiser) == ("no_show", True)
    meeting_outcome_record(meeting=meeting, outcome="held", by=None, now=later)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_a_delegates_record_can_be_corrected_by_either_side_and_made_the_organisers(
    meeting,
) -> None:
    later = END + dt.timedelta(hours=1)
    meeting_outcome_record(meeting=meeting, outcome="no_show", by=meeting.participant_a, now=later)
    meeting_outcome_record(meeting=meeting, outcome="held", by=meeting.participant_b, now=later)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome_by_organiser) == ("held", False)
    meeting_outcome_record(meeting=meeting, outcome="held", by=None, now=later)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.outcome_by_organiser) == ("held", True)


def test_held_from_the_start_but_no_show_only_once_the_slot_is_over(meeting) -> None:
    with pytest.raises(ValidationFailed, match="once the meeting's time is over") as error:
        meeting_outcome_record(meeting=meeting, outcome="no_show", by=None, now=START)
    assert error.value.field == "outcome"
    assert "(27 June 2026, 10:30 Asia/Shanghai)" in error.value.message
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    held = meeting_outcome_record(meeting=meeting, outcome="held", by=None, now=START)
    assert held.status == Meeting.Status.HELD
    missed = meeting_outcome_record(meeting=meeting, outcome="no_show", by=None, now=END)
    assert missed.status == Meeting.Status.NO_SHOW


def test_a_meeting_an_agreement_came_out_of_cannot_be_a_no_show(meeting, event) -> None:
    AgreementFactory(event=event, meeting=meeting)
    later = END + dt.timedelta(hours=1)
    for by in (None, meeting.participant_a):
        with pytest.raises(Conflict, match="agreement") as error:
            meeting_outcome_record(meeting=meeting, outcome="no_show", by=by, now=later)
        assert error.value.field == "outcome"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    assert meeting_outcome_record(meeting=meeting, outcome="held", by=None, now=later).status == (
        Meeting.Status.HELD
    )


def test_the_start_in_the_refusal_names_its_time_zone(meeting) -> None:
    with pytest.raises(ValidationFailed) as error:
        meeting_outcome_record(
            meeting=meeting, outcome="held", by=None, now=START - dt.timedelta(minutes=1)
        )
    assert "(27 June 2026, 10:00 Asia/Shanghai)" in error.value.message


def test_a_cancelled_meeting_is_refused_on_the_outcome_field(meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    with pytest.raises(Conflict) as error:
        meeting_outcome_record(meeting=meeting, outcome="held", by=None, now=END)
    assert error.value.field == "outcome"
