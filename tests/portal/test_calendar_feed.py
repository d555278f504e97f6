"""The calendar feed of a registration that is no longer approved: still a valid calendar,
now without events, so that subscribed calendar apps drop the meetings instead of keeping
the last ones they read from a feed that answers 404."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client

from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish
from keruen.people.models import Participant
from tests.factories import MeetingFactory


@pytest.fixture
def published(event, alice, bob, slots, tables):
    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    schedule_entry_place(
        schedule=schedule_draft_get(event=event), meeting=meeting, slot=slots[0], table=tables[0]
    )
    schedule_publish(event=event, by=None)
    return meeting


def _feed(event, participant) -> icalendar.Calendar:
    response = Client().get(f"/{event.slug}/me/agenda.ics?token={participant.feed_token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


@pytest.mark.usefixtures("published")
@pytest.mark.parametrize("status", [Participant.Status.WITHDRAWN, Participant.Status.REJECTED])
def test_a_registration_no_longer_approved_gets_an_empty_calendar(event, alice, status) -> None:
    assert len(_feed(event, alice).walk("VEVENT")) == 1
    Participant.objects.filter(pk=alice.pk).update(status=status)
    calendar = _feed(event, alice)
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]).endswith(alice.display_name)


@pytest.mark.usefixtures("published")
def test_a_wrong_token_is_still_not_found(event, alice) -> None:
    Participant.objects.filter(pk=alice.pk).update(status=Participant.Status.WITHDRAWN)
    wrong = alice.feed_token[:-1] + ("x" if alice.feed_token[-1] != "x" else "y")
    assert Client().get(f"/{event.slug}/me/agenda.ics?token={wrong}").status_code == 404
