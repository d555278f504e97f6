"""The meetings page and what a delegate may record: not over the organisers' check-in, no
no-show before the slot is over, none for a meeting an agreement came out of."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from keruen.meetings.models import Meeting, Schedule, ScheduledAttendance, ScheduledMeeting
from tests.factories import AgreementFactory, MeetingFactory


@pytest.fixture
def meeting(event, alice, bob) -> Meeting:
    return MeetingFactory(event=event, participant_a=alice, participant_b=bob)


def _publish(meeting: Meeting, slot, table) -> None:
    release = Schedule.objects.create(
        event=meeting.event, version="v1", published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    entry = ScheduledMeeting.objects.create(
        schedule=release, meeting=meeting, slot=slot, table=table
    )
    for pid in (meeting.participant_a_id, meeting.participant_b_id):
        ScheduledAttendance.objects.create(
            schedule=release, slot=slot, participant_id=pid, entry=entry
        )


def _record(client, meeting: Meeting, outcome: str) -> str:
    url = reverse("portal-meeting-outcome", args=[meeting.event.slug, meeting.pk])
    return client.post(url, {"outcome": outcome}, follow=True).content.decode()


def _row(client, meeting: Meeting) -> str:
    page = client.get(reverse("portal-meeting-list", args=[meeting.event.slug])).content.decode()
    return page.split(f'id="meeting-{meeting.pk}"')[1].split("</tr>")[0]


def test_what_the_organisers_recorded_is_shown_and_kept(meeting, as_alice, slots, tables) -> None:
    _publish(meeting, slots[0], tables[0])  # 27 June 2026: over on this test's clock
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.NO_SHOW, outcome_by_organiser=True
    )
    row = _row(as_alice, meeting)
    assert "recorded by the organisers" in row
    assert 'value="held"' not in row
    page = _record(as_alice, meeting, "held")
    assert "The organisers have recorded what became of this meeting" in page
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NO_SHOW


def test_no_show_is_offered_and_taken_only_once_the_slot_is_over(
    meeting, as_alice, slots, tables
) -> None:
    running = slots[0]
    running.start = timezone.now() - dt.timedelta(minutes=5)
    running.end = running.start + dt.timedelta(minutes=30)
    running.save()
    _publish(meeting, running, tables[0])
    row = _row(as_alice, meeting)
    assert "It was held" in row
    assert "They did not come" not in row
    assert "once the meeting&#x27;s time is over" in _record(as_alice, meeting, "no_show")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED


def test_a_meeting_with_an_agreement_cannot_be_marked_missed(
    event, meeting, as_alice, slots, tables
) -> None:
    _publish(meeting, slots[0], tables[0])
    AgreementFactory(event=event, meeting=meeting)
    assert "An agreement came out of this meeting" in _record(as_alice, meeting, "no_show")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
