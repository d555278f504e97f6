"""'I cannot come' once the event is over: nothing is left to cancel, and nothing is."""

from __future__ import annotations

from django.urls import reverse

from keruen.meetings.models import Meeting
from keruen.people.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory, move_ahead


def test_after_the_event_the_page_says_so_and_takes_nothing(client, event, mailoutbox) -> None:
    """The factory's event (26-30 June 2026) is over on this test's clock."""
    me = ParticipantFactory(event=event)
    meeting = MeetingFactory(event=event, participant_a=me)
    client.force_login(me.user)
    url = reverse("portal-cannot-come", args=[event.slug])
    page = client.get(url).content.decode()
    assert "The event has taken place: there is nothing left to cancel." in page
    assert "Cancel my participation" not in page
    response = client.post(url, {"confirm": "on"}, follow=True)
    assert "The event has taken place: there is nothing left to cancel." in (
        response.content.decode()
    )
    me.refresh_from_db()
    meeting.refresh_from_db()
    assert (me.status, meeting.status) == (Participant.Status.APPROVED, Meeting.Status.ACCEPTED)
    assert not mailoutbox


def test_the_home_page_offers_i_cannot_come_only_before_the_event_ends(event, alice, as_alice):
    link = f"/{event.slug}/me/cannot-come/"
    assert link not in as_alice.get(f"/{event.slug}/me/").content.decode()  # June 2026: over
    move_ahead(event)
    assert link in as_alice.get(f"/{event.slug}/me/").content.decode()


def test_after_the_event_the_home_page_looks_back(event, alice, bob, as_alice, slots, tables):
    """No requests, deadline or profile to complete once it is over: the meetings the
    delegate had, and where to record what became of them."""
    from keruen.meetings.services import schedule_draft_get, schedule_entry_place, schedule_publish

    meeting = MeetingFactory(event=event, participant_a=alice, participant_b=bob)
    draft = schedule_draft_get(event=event)
    schedule_entry_place(schedule=draft, meeting=meeting, slot=slots[0], table=tables[0])
    schedule_publish(event=event, by=None)
    page = as_alice.get(f"/{event.slug}/me/").content.decode()
    assert "The event has taken place" in page
    assert "You had 1 meeting in the published schedule." in page
    assert f"/{event.slug}/me/meetings/" in page
    assert "Profile completeness" not in page
    assert "Nothing planned yet" not in page
    move_ahead(event)
    page = as_alice.get(f"/{event.slug}/me/").content.decode()
    assert "The event has taken place" not in page
    assert "Profile completeness" in page
