"""An agreement comes out of a meeting only once the meeting has taken place: recorded as
held, or started at its time in the current published schedule (on the clock, not the
calendar). Before that, it would lock the meeting (no cancellation, no no-show)."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.agreements.models import Agreement
from keruen.agreements.services import agreement_record_for_meeting
from keruen.common.errors import ValidationFailed
from keruen.meetings.models import Meeting
from keruen.meetings.services import meeting_cancel, schedule_draft_get, schedule_entry_place
from tests.agreements.conftest import MEETING_START, publish
from tests.factories import BEFORE_THE_EVENT, MeetingTableFactory, SlotFactory

# 00:05 in Shanghai on the meeting's day: the same date, 17 hours before it starts.
FIVE_PAST_MIDNIGHT = dt.datetime(2026, 6, 26, 16, 5, tzinfo=dt.UTC)
MEETING_DAY = dt.date(2026, 6, 27)


def _record(meeting: Meeting, *, now: dt.datetime | None = None, **fields) -> Agreement:
    return agreement_record_for_meeting(
        meeting=meeting,
        by=meeting.participant_a,
        kind=fields.pop("kind", "mou"),
        title=fields.pop("title", "Memorandum on grain logistics"),
        now=now,
        **fields,
    )


def _refused(meeting: Meeting, **fields) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        _record(meeting, **fields)
    assert not Agreement.objects.exists()
    return refused.value


@pytest.mark.parametrize("signed_on", [MEETING_DAY, None])
def test_nothing_comes_out_of_a_meeting_on_its_day_before_it_starts(published, signed_on) -> None:
    error = _refused(published.meeting, signed_on=signed_on, now=FIVE_PAST_MIDNIGHT)
    assert error.field == ("signed_on" if signed_on else "meeting")
    assert error.message == (
        "This meeting has not taken place yet: an agreement can come out of it once it has "
        "started, at 27 June 2026, 17:00 (Asia/Shanghai, UTC+8)."
    )
    # A minute before it starts is still before.
    _refused(published.meeting, signed_on=signed_on, now=published.start - dt.timedelta(minutes=1))


@pytest.mark.parametrize("signed_on", [MEETING_DAY, None])
def test_an_agreement_comes_out_of_a_meeting_once_it_has_started(published, signed_on) -> None:
    agreement = _record(published.meeting, signed_on=signed_on, now=published.start)
    assert agreement.meeting == published.meeting
    assert agreement.status == ("signed" if signed_on else "negotiating")


def test_a_meeting_months_ahead_keeps_its_freedom_to_be_cancelled(published) -> None:
    """The review's case: an agreement under negotiation recorded for an accepted meeting
    long before it locked the meeting."""
    _refused(published.meeting, now=BEFORE_THE_EVENT)
    meeting_cancel(meeting=published.meeting, by=None, now=BEFORE_THE_EVENT)
    published.meeting.refresh_from_db()
    assert published.meeting.status == Meeting.Status.CANCELLED


@pytest.mark.parametrize("signed_on", [MEETING_DAY, None])
def test_a_meeting_outside_the_published_schedule_has_not_taken_place(meeting, signed_on) -> None:
    # Placed in the draft at a slot long past: not published, so it had no time.
    schedule_entry_place(
        schedule=schedule_draft_get(event=meeting.event),
        meeting=meeting,
        slot=SlotFactory(event=meeting.event, number=1, start=MEETING_START),
        table=MeetingTableFactory(event=meeting.event, number=1),
    )
    error = _refused(meeting, signed_on=signed_on)
    assert error.field == ("signed_on" if signed_on else "meeting")
    assert error.message == (
        "This meeting is not in the published schedule yet, so it has not taken place: an "
        "agreement can come out of it once it has started at its time in the published "
        "schedule, or once it is recorded as held."
    )


def test_only_the_current_release_counts(published) -> None:
    """Moved in a new release to the next day: the old time no longer says it took place."""
    later = published.start + dt.timedelta(days=1)
    publish(published.meeting, later, number=2)
    error = _refused(published.meeting, now=published.start + dt.timedelta(hours=1))
    assert "28 June 2026, 17:00 (Asia/Shanghai, UTC+8)" in error.message
    assert _record(published.meeting, now=later).status == "negotiating"


@pytest.mark.parametrize("signed_on", [MEETING_DAY, None])
def test_a_meeting_recorded_as_held_has_taken_place(meeting, signed_on) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    agreement = _record(meeting, signed_on=signed_on, now=BEFORE_THE_EVENT + dt.timedelta(days=30))
    assert agreement.meeting == meeting


def test_a_missed_or_cancelled_meeting_has_no_agreements(published) -> None:
    for status in (Meeting.Status.NO_SHOW, Meeting.Status.CANCELLED):
        Meeting.objects.filter(pk=published.meeting.pk).update(status=status)
        error = _refused(published.meeting)
        assert (error.field, error.message) == (
            "meeting",
            "Agreements can only come out of an accepted or held meeting.",
        )


def test_a_signed_date_before_the_meetings_day_is_still_refused(published) -> None:
    error = _refused(
        published.meeting, signed_on=MEETING_DAY - dt.timedelta(days=1), now=published.start
    )
    assert error.field == "signed_on"
    assert "The meeting takes place on 27 Jun 2026" in error.message


def test_the_signing_date_is_not_after_today_on_the_events_clock(published) -> None:
    # 17:30 in Shanghai is 09:30 UTC: the 28th is tomorrow there.
    now = published.start + dt.timedelta(minutes=30)
    error = _refused(published.meeting, signed_on=MEETING_DAY + dt.timedelta(days=1), now=now)
    assert (error.field, error.message) == (
        "signed_on",
        "The signing date cannot be in the future.",
    )


def test_a_negotiated_agreement_is_signed_when_recorded_again_with_a_date(published) -> None:
    first = _record(published.meeting, now=published.start)
    signed = _record(
        published.meeting,
        signed_on=MEETING_DAY,
        value=900_000,
        currency="usd",
        now=published.start + dt.timedelta(hours=2),
    )
    assert signed.pk == first.pk
    assert (signed.status, signed.signed_on, signed.currency) == ("signed", MEETING_DAY, "USD")
    assert Agreement.objects.count() == 1
