"""A request refused because one between the two delegates is waiting names that request, so
that the portal and the API can say whose it is and link it (one check, in the service)."""

from __future__ import annotations

import pytest

from keruen.common.errors import Conflict
from keruen.meetings import meeting_requests, services
from keruen.meetings.models import MeetingRequest
from tests.factories import ParticipantFactory


@pytest.mark.usefixtures("requests_open")
def test_the_request_waiting_is_named_whichever_side_sent_it(event) -> None:
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    to_bob = services.meeting_request_create(event=event, requester=alice, target=bob)

    with pytest.raises(services.PendingRequestExists) as again:
        services.meeting_request_create(event=event, requester=alice, target=bob, message="2")
    assert again.value.pending == to_bob
    assert again.value.field == "target"
    assert again.value.message == (
        f"Your request to {bob.display_name} is already waiting for an answer."
    )

    with pytest.raises(services.PendingRequestExists) as crossing:
        services.meeting_request_create(event=event, requester=bob, target=alice)
    assert crossing.value.pending == to_bob
    assert isinstance(crossing.value, Conflict)  # a 409 for anyone who catches conflicts
    assert "has already asked you for a meeting" in crossing.value.message
    assert list(MeetingRequest.objects.all()) == [to_bob]


@pytest.mark.usefixtures("requests_open")
def test_a_request_committed_past_the_check_is_named_too(event, monkeypatch) -> None:
    """Should one slip past the check (the pair's lock prevents it), the database's
    one-pending-request constraint refuses the second, and the refusal still names the first."""
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    first = services.meeting_request_create(event=event, requester=alice, target=bob)
    real = meeting_requests._pending_between
    calls: list[int] = []

    def not_there_yet(*args):
        calls.append(1)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(meeting_requests, "_pending_between", not_there_yet)
    with pytest.raises(services.PendingRequestExists) as refused:
        services.meeting_request_create(event=event, requester=alice, target=bob)
    assert len(calls) == 2
    assert refused.value.pending == first
    assert list(MeetingRequest.objects.all()) == [first]
