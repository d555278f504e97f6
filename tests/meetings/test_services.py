from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from keruen.common.errors import Conflict, PermissionDenied, ValidationFailed
from keruen.meetings import selectors, services
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledAttendance, ScheduledMeeting
from tests.factories import (
    BoothFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
)


@pytest.mark.usefixtures("requests_open")
def test_request_accept_creates_one_meeting(two_delegates, event) -> None:
    alice, bob = two_delegates
    request = services.meeting_request_create(
        event=event, requester=alice, target=bob, message="Grain silos"
    )
    with pytest.raises(PermissionDenied):
        services.meeting_request_accept(request=request, by=alice)
    meeting = services.meeting_request_accept(request=request, by=bob)
    assert meeting.participant_a == alice
    assert meeting.participant_b == bob
    with pytest.raises(Conflict):
        services.meeting_request_accept(request=request, by=bob)
    assert Meeting.objects.count() == 1


@pytest.mark.usefixtures("requests_open")
def test_one_pending_request_per_pair(two_delegates, event) -> None:
    alice, bob = two_delegates
    services.meeting_request_create(event=event, requester=alice, target=bob)
    with pytest.raises(Conflict):
        services.meeting_request_create(event=event, requester=alice, target=bob)


def test_requests_across_events_and_to_self_are_refused(two_delegates, event, other_event) -> None:
    alice, _ = two_delegates
    stranger = ParticipantFactory(event=other_event)
    with pytest.raises(ValidationFailed):
        services.meeting_request_create(event=event, requester=alice, target=stranger)
    with pytest.raises(ValidationFailed):
        services.meeting_request_create(event=event, requester=alice, target=alice)


@pytest.mark.usefixtures("requests_open")
def test_quota_and_deadline(two_delegates, event) -> None:
    alice, bob = two_delegates
    carol = ParticipantFactory(event=event)
    event.request_quota = 1
    event.save()
    services.meeting_request_create(event=event, requester=alice, target=bob)
    with pytest.raises(PermissionDenied):
        services.meeting_request_create(event=event, requester=alice, target=carol)
    event.request_quota = None
    event.request_deadline = timezone.now() - dt.timedelta(minutes=1)
    event.save()
    with pytest.raises(PermissionDenied):
        services.meeting_request_create(event=event, requester=carol, target=bob)


@pytest.mark.usefixtures("requests_open")
def test_expired_request_cannot_be_accepted(two_delegates, event) -> None:
    alice, bob = two_delegates
    request = services.meeting_request_create(event=event, requester=alice, target=bob)
    MeetingRequest.objects.filter(pk=request.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    request.refresh_from_db()
    with pytest.raises(Conflict):
        services.meeting_request_accept(request=request, by=bob)
    assert services.meeting_requests_expire(event=event) == 1


def test_placement_refuses_double_booking(event) -> None:
    slot = SlotFactory(event=event)
    table_1, table_2 = MeetingTableFactory(event=event), MeetingTableFactory(event=event)
    first = MeetingFactory(event=event)
    shares_a_person = MeetingFactory(event=event, participant_a=first.participant_a)
    same_table = MeetingFactory(event=event)
    draft = services.schedule_draft_get(event=event)
    services.schedule_entry_place(schedule=draft, meeting=first, slot=slot, table=table_1)
    with pytest.raises(Conflict, match="already has a meeting"):
        services.schedule_entry_place(
            schedule=draft, meeting=shares_a_person, slot=slot, table=table_2
        )
    with pytest.raises(Conflict, match="already taken"):
        services.schedule_entry_place(schedule=draft, meeting=same_table, slot=slot, table=table_1)
    assert ScheduledMeeting.objects.filter(schedule=draft).count() == 1


def test_database_refuses_a_person_twice_in_one_slot(event) -> None:
    slot = SlotFactory(event=event)
    meeting = MeetingFactory(event=event)
    other = MeetingFactory(event=event, participant_a=meeting.participant_a)
    draft = services.schedule_draft_get(event=event)
    entry = services.schedule_entry_place(
        schedule=draft, meeting=meeting, slot=slot, table=MeetingTableFactory(event=event)
    )
    second = ScheduledMeeting.objects.create(
        schedule=draft, meeting=other, slot=slot, booth=BoothFactory(event=event)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledAttendance.objects.create(
            schedule=draft, slot=slot, participant=meeting.participant_a, entry=second
        )
    assert entry.attendances.count() == 2


def test_database_refuses_two_meetings_at_one_table(event) -> None:
    slot, table = SlotFactory(event=event), MeetingTableFactory(event=event)
    draft = services.schedule_draft_get(event=event)
    ScheduledMeeting.objects.create(
        schedule=draft, meeting=MeetingFactory(event=event), slot=slot, table=table
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ScheduledMeeting.objects.create(
            schedule=draft, meeting=MeetingFactory(event=event), slot=slot, table=table
        )


def test_publish_freezes_a_copy_and_diff_sees_moves(event) -> None:
    slot_1, slot_2 = SlotFactory(event=event), SlotFactory(event=event)
    table = MeetingTableFactory(event=event)
    meeting = MeetingFactory(event=event)
    draft = services.schedule_draft_get(event=event)
    services.schedule_entry_place(schedule=draft, meeting=meeting, slot=slot_1, table=table)
    v1 = services.schedule_publish(event=event, by=None)
    assert v1.version == "v1"
    assert v1.entries.count() == 1
    assert v1.attendances.count() == 2
    with pytest.raises(ValidationFailed):
        services.schedule_entry_place(schedule=v1, meeting=meeting, slot=slot_2, table=table)
    services.schedule_entry_place(schedule=draft, meeting=meeting, slot=slot_2, table=table)
    v2 = services.schedule_publish(event=event, by=None)
    assert selectors.schedule_diff(old=v1, new=v2).moved == [meeting.pk]
    assert selectors.schedule_current_release(event=event) == v2
    assert [
        entry.slot for entry in selectors.participant_agenda(participant=meeting.participant_a)
    ] == [slot_2]


def test_cancel_removes_from_draft_only(event) -> None:
    slot, table = SlotFactory(event=event), MeetingTableFactory(event=event)
    meeting = MeetingFactory(event=event)
    draft = services.schedule_draft_get(event=event)
    services.schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
    release = services.schedule_publish(event=event, by=None)
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(meeting=meeting, by=ParticipantFactory(event=event))
    before = slot.start - dt.timedelta(days=1)
    services.meeting_cancel(
        meeting=meeting, by=meeting.participant_b, reason="flight cancelled", now=before
    )
    assert not draft.entries.exists()
    assert release.entries.count() == 1


def test_an_event_with_a_published_schedule_can_be_deleted(event) -> None:
    slot, table = SlotFactory(event=event), MeetingTableFactory(event=event)
    meeting = MeetingFactory(event=event)
    draft = services.schedule_draft_get(event=event)
    services.schedule_entry_place(schedule=draft, meeting=meeting, slot=slot, table=table)
    services.schedule_publish(event=event, by=None)
    event.delete()
    assert not ScheduledMeeting.objects.exists()


def test_no_request_is_sent_or_accepted_once_the_event_is_over(two_delegates, event) -> None:
    """An event without a deadline still closes requests after its last day."""
    alice, bob = two_delegates
    assert event.request_deadline is None
    assert event.is_over()  # the factory's fixed June 2026 dates
    with pytest.raises(PermissionDenied, match="taken place"):
        services.meeting_request_create(event=event, requester=alice, target=bob)
    pending = MeetingRequestFactory(event=event, requester=alice, target=bob)
    with pytest.raises(PermissionDenied, match="taken place"):
        services.meeting_request_accept(request=pending, by=bob)
    pending.refresh_from_db()
    assert pending.status == MeetingRequest.Status.PENDING
    assert not Meeting.objects.exists()
