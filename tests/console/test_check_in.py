"""Check-in at the tables: the organisers record held or no-show on the table plans."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from tests.factories import MeetingFactory, MeetingTableFactory, SlotFactory


def _release(event, when: dt.datetime) -> tuple[Meeting, Schedule]:
    slot = SlotFactory(event=event, number=1, start=when, end=when + dt.timedelta(minutes=30))
    meeting = MeetingFactory(event=event)
    release = Schedule.objects.create(event=event, version="v1", published_at=when)
    ScheduledMeeting.objects.create(
        schedule=release, meeting=meeting, slot=slot, table=MeetingTableFactory(event=event)
    )
    return meeting, release


def test_the_hosts_record_a_started_meeting_from_the_table_plans(organiser_client, event) -> None:
    meeting, _ = _release(event, dt.datetime(2026, 6, 27, 2, tzinfo=dt.UTC))
    plans = reverse("console-table-plans", args=[event.slug])
    page = organiser_client.get(plans).content.decode()
    assert 'value="no_show"' in page
    url = reverse("console-meeting-outcome", args=[event.slug, meeting.pk])
    response = organiser_client.post(url, {"outcome": "no_show", "next": plans + "#slot-1"})
    assert response.status_code == 302
    assert response["Location"] == plans + "#slot-1"
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NO_SHOW
    page = organiser_client.get(plans).content.decode()
    assert ": the other side did not come." in page  # the message names the meeting
    assert '<span class="tag warn">no-show</span>' in page
    assert 'value="no_show"' not in page  # already recorded: only "held" is offered


def test_no_check_in_before_the_slot_starts(organiser_client, event) -> None:
    meeting, _ = _release(event, dt.datetime(2099, 6, 27, 2, tzinfo=dt.UTC))
    page = organiser_client.get(reverse("console-table-plans", args=[event.slug]))
    assert 'value="held"' not in page.content.decode()
    url = reverse("console-meeting-outcome", args=[event.slug, meeting.pk])
    response = organiser_client.post(url, {"outcome": "held"}, follow=True)
    assert "once the meeting has started" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED


def test_an_outside_address_in_next_is_not_followed(organiser_client, event) -> None:
    meeting, _ = _release(event, dt.datetime(2026, 6, 27, 2, tzinfo=dt.UTC))
    url = reverse("console-meeting-outcome", args=[event.slug, meeting.pk])
    response = organiser_client.post(url, {"outcome": "held", "next": "https://evil.example/"})
    assert response["Location"] == reverse("console-table-plans", args=[event.slug])
