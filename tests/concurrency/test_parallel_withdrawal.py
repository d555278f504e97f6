"""A delegate is withdrawn while their partners accept their requests: whatever the order,
no meeting with a withdrawn delegate survives."""

from __future__ import annotations

import time

import pytest

from keruen.common.errors import Conflict
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.services import meeting_request_accept
from keruen.meetings.withdrawal import participant_withdraw
from keruen.people.models import Participant
from tests.concurrency.test_parallel_booking import POSTGRES, run_together
from tests.factories import EventFactory, MeetingRequestFactory, ParticipantFactory

PARTNERS = 6
LATE_S = 0.5


@pytest.mark.django_db(transaction=True)
def test_accepting_while_the_requester_withdraws_leaves_no_live_meeting(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    event = EventFactory(coming=True)  # requests are open
    leaving = ParticipantFactory(event=event)
    requests = [
        MeetingRequestFactory(
            event=event, requester=leaving, target=ParticipantFactory(event=event)
        )
        for _ in range(PARTNERS)
    ]

    def accept(pk: int, delay: float):
        def run() -> str:
            time.sleep(delay)  # half answer at once, half once the withdrawal has landed
            request = MeetingRequest.objects.select_related("requester", "target").get(pk=pk)
            try:
                meeting_request_accept(request=request, by=request.target)
            except Conflict:
                return "refused"
            return "accepted"

        return run

    def withdraw() -> int:
        copy = Participant.objects.get(pk=leaving.pk)
        return len(participant_withdraw(participant=copy).meetings)

    outcomes = run_together(
        [withdraw, *(accept(r.pk, LATE_S * (i % 2)) for i, r in enumerate(requests))],
        serialise=not POSTGRES,
    )
    errors = [o for o in outcomes if isinstance(o, BaseException)]
    assert not errors, errors
    cancelled, answers = outcomes[0], outcomes[1:]
    assert not Meeting.objects.filter(participant_a=leaving, status="accepted").exists()
    # Every accept that won became a meeting the withdrawal then cancelled.
    assert (
        cancelled
        == answers.count("accepted")
        == Meeting.objects.filter(participant_a=leaving, status="cancelled").count()
    )
    assert not MeetingRequest.objects.filter(requester=leaving, status="pending").exists()
    if POSTGRES:  # on SQLite the jobs take turns in arrival order
        assert "refused" in answers, answers  # the late ones found the withdrawal
