"""The request quota counts the requests a delegate has sent that still stand for something:
those waiting for an answer, and those accepted whose meeting is still on. A meeting
cancelled since (by an organiser, by the partner, by a withdrawal) frees its place: a review
saw delegates unable to replace such meetings."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from keruen.common.errors import PermissionDenied
from keruen.meetings import services
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.withdrawal import participant_withdraw
from tests.factories import MeetingRequestFactory, ParticipantFactory

LIMIT = "You have reached the limit of meeting requests (2)."


@pytest.fixture
def quota_of_two(requests_open, event):
    event.request_quota = 2
    event.save()
    return event


@pytest.fixture
def alice(event):
    return ParticipantFactory(event=event)


def accepted_meeting(event, alice) -> Meeting:
    """A request of Alice's that her partner accepted."""
    partner = ParticipantFactory(event=event)
    request = services.meeting_request_create(event=event, requester=alice, target=partner)
    return services.meeting_request_accept(request=request, by=partner)


def send(event, alice) -> MeetingRequest:
    return services.meeting_request_create(
        event=event, requester=alice, target=ParticipantFactory(event=event)
    )


@pytest.mark.usefixtures("quota_of_two")
def test_pending_and_accepted_requests_count(event, alice) -> None:
    accepted_meeting(event, alice)
    send(event, alice)
    with pytest.raises(PermissionDenied, match=re.escape(LIMIT)):
        send(event, alice)
    assert services.meeting_requests_counted(requester=alice).count() == 2


@pytest.mark.usefixtures("quota_of_two")
@pytest.mark.parametrize("cancelled_by", ["organiser", "alice", "partner", "partner_withdraws"])
def test_a_cancelled_meeting_frees_its_place(event, alice, cancelled_by) -> None:
    meeting = accepted_meeting(event, alice)
    send(event, alice)
    partner = meeting.participant_b
    if cancelled_by == "partner_withdraws":
        participant_withdraw(participant=partner, reason="Flight cancelled", by=partner)
    else:
        by = {"organiser": None, "alice": alice, "partner": partner}[cancelled_by]
        services.meeting_cancel(meeting=meeting, by=by, reason="Clash")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    # The request stays accepted (it was), but no longer takes a place.
    assert meeting.request.status == MeetingRequest.Status.ACCEPTED
    assert services.meeting_requests_counted(requester=alice).count() == 1
    send(event, alice)
    with pytest.raises(PermissionDenied):
        send(event, alice)


@pytest.mark.usefixtures("quota_of_two")
def test_a_held_or_missed_meeting_keeps_its_place(event, alice) -> None:
    for outcome in (Meeting.Status.HELD, Meeting.Status.NO_SHOW):
        meeting = accepted_meeting(event, alice)
        Meeting.objects.filter(pk=meeting.pk).update(status=outcome)
    with pytest.raises(PermissionDenied):
        send(event, alice)


@pytest.mark.usefixtures("quota_of_two")
def test_declined_withdrawn_and_expired_requests_free_their_place(event, alice) -> None:
    declined, withdrawn = send(event, alice), send(event, alice)
    services.meeting_request_decline(request=declined, by=declined.target)
    services.meeting_request_cancel(request=withdrawn, by=alice)
    # Sent with an earlier deadline that has passed: expired, marked so or not.
    lapsed = MeetingRequestFactory(
        event=event, requester=alice, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert services.meeting_request_status(request=lapsed) == "expired"
    send(event, alice)
    send(event, alice)
    with pytest.raises(PermissionDenied):
        send(event, alice)


@pytest.mark.usefixtures("quota_of_two")
def test_only_her_own_requests_count(event, alice) -> None:
    bob = ParticipantFactory(event=event)
    send(event, bob)
    send(event, bob)
    MeetingRequestFactory(event=event, target=alice)  # received, not sent
    assert services.meeting_requests_counted(requester=alice).count() == 0
    send(event, alice)
    send(event, alice)


@pytest.mark.usefixtures("quota_of_two")
def test_the_count_is_one_query(event, alice, django_assert_num_queries) -> None:
    accepted_meeting(event, alice)
    send(event, alice)
    with django_assert_num_queries(1):
        assert services.meeting_requests_counted(requester=alice).count() == 2
