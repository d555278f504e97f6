"""A request copies the event's deadline when it is sent; when the organisers move the
deadline, the pending requests move with it, in the same transaction. A review accepted a
request after its old deadline and before the new one and was told "This request is no
longer pending (it is pending)"."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest
from django.db import transaction
from django.utils import timezone

from keruen.common.errors import Conflict, ValidationFailed
from keruen.events.models import Event
from keruen.events.services import event_networking_set
from keruen.meetings import services
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.people.models import Participant
from tests.concurrency.test_parallel_booking import needs_postgres
from tests.factories import EventFactory, MeetingRequestFactory, ParticipantFactory

START = timezone.now()
HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock of the services that read it themselves (sending, answering)."""

    def set_to(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_to(START)
    return set_to


@pytest.fixture
def sent(requests_open, event, clock):
    """Alice's request to Bob, sent with the deadline a day away; an hour later the
    organisers move the deadline (the test says where)."""
    event_networking_set(event=event, request_deadline=START + DAY, request_quota=None)
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    request = services.meeting_request_create(event=event, requester=alice, target=bob)
    assert request.expires_at == START + DAY
    clock(START + HOUR)
    return request


def move_deadline(event: Event, deadline: dt.datetime | None) -> None:
    event_networking_set(
        event=event, request_deadline=deadline, request_quota=None, now=timezone.now()
    )


def test_a_later_deadline_gives_the_pending_requests_the_time(event, sent, clock) -> None:
    move_deadline(event, START + 3 * DAY)
    sent.refresh_from_db()
    assert sent.expires_at == START + 3 * DAY
    clock(START + 2 * DAY)  # past the old deadline, before the new one
    assert services.meeting_request_status(request=sent) == "pending"
    meeting = services.meeting_request_accept(request=sent, by=sent.target)
    assert meeting.request == sent
    assert sent.status == MeetingRequest.Status.ACCEPTED


def test_no_deadline_any_more_keeps_them_open(event, sent, clock) -> None:
    move_deadline(event, None)
    sent.refresh_from_db()
    assert sent.expires_at is None
    clock(START + 2 * DAY)
    services.meeting_request_decline(request=sent, by=sent.target, reason="Not now")
    assert sent.status == MeetingRequest.Status.DECLINED


def test_an_earlier_deadline_ends_them_sooner(event, sent, clock) -> None:
    move_deadline(event, START + 2 * HOUR)
    sent.refresh_from_db()
    assert sent.expires_at == START + 2 * HOUR
    clock(START + 3 * HOUR)
    assert services.meeting_request_status(request=sent) == "expired"
    with pytest.raises(Conflict, match=r"\(it is expired\)"):
        services.meeting_request_decline(request=sent, by=sent.target)


def test_an_earlier_deadline_already_past_expires_them_at_once(event, sent) -> None:
    move_deadline(event, START)  # an hour ago
    sent.refresh_from_db()
    assert (sent.status, sent.expires_at) == ("expired", START)


def test_requests_expired_under_the_old_deadline_stay_expired(event, sent, clock) -> None:
    """Past the old deadline they were expired for everyone, marked so or not: a deadline
    moved later afterwards does not bring them back."""
    marked = MeetingRequestFactory(
        event=event,
        requester=sent.target,
        target=ParticipantFactory(event=event),
        expires_at=START + DAY,
    )
    clock(START + 2 * DAY)
    services.meeting_requests_expire(event=event, now=timezone.now())
    not_marked = MeetingRequestFactory(
        event=event,
        requester=ParticipantFactory(event=event),
        target=sent.requester,
        expires_at=START + DAY,
    )
    move_deadline(event, START + 3 * DAY)
    for row in (sent, marked, not_marked):
        row.refresh_from_db()
        assert (row.status, row.expires_at) == ("expired", START + DAY)
    assert not Meeting.objects.exists()


def test_only_the_events_own_pending_requests_move(event, sent, other_event) -> None:
    elsewhere = MeetingRequestFactory(event=other_event, expires_at=START + DAY)
    answered = MeetingRequestFactory(
        event=event, status=MeetingRequest.Status.DECLINED, expires_at=START + DAY
    )
    move_deadline(event, START + 3 * DAY)
    for row in (elsewhere, answered):
        row.refresh_from_db()
        assert row.expires_at == START + DAY


def test_an_unchanged_deadline_rewrites_no_request(event, sent) -> None:
    assert services.meeting_requests_deadline_move(event=event) == 0
    move_deadline(event, START + 3 * DAY)
    assert services.meeting_requests_deadline_move(event=event) == 0


def test_a_refused_deadline_moves_nothing(event, sent) -> None:
    with pytest.raises(ValidationFailed):
        move_deadline(event, dt.datetime.combine(event.end_date, dt.time(12), dt.UTC))
    sent.refresh_from_db()
    assert sent.expires_at == START + DAY


# --- Sent while the deadline moves ------------------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_request_sent_while_the_deadline_moves_gets_the_new_one() -> None:
    """The organisers' change is under way (not committed) when Alice sends her request:
    the request waits for it and takes the new deadline, rather than copying the old one
    after the pending requests have been moved."""
    from django.db import connection

    now = timezone.now()
    event = EventFactory(coming=True, request_deadline=now + DAY)
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    changing, outcome = threading.Event(), {}

    def organiser() -> None:
        try:
            with transaction.atomic():
                event_networking_set(
                    event=Event.objects.get(pk=event.pk),
                    request_deadline=now + 3 * DAY,
                    request_quota=None,
                )
                changing.set()
                time.sleep(0.5)  # the sender comes in meanwhile
        finally:
            changing.set()
            connection.close()

    def sender() -> None:
        try:
            changing.wait(10)
            request = services.meeting_request_create(
                event=Event.objects.get(pk=event.pk), requester=alice, target=bob
            )
            outcome["expires_at"] = request.expires_at
        except Exception as error:  # reported below, not lost in the thread
            outcome["error"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=organiser), threading.Thread(target=sender)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert "error" not in outcome, outcome
    assert outcome["expires_at"] == now + 3 * DAY
    assert MeetingRequest.objects.get().expires_at == now + 3 * DAY


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_request_answered_while_the_deadline_moves_is_no_deadlock() -> None:
    """Bob's answer is under way (not committed) when the organisers move the deadline:
    the change waits for the answer, rather than each waiting for the other (the answer's
    meeting refers to the event, whose row the change holds; the change moves pending
    requests, whose row the answer holds)."""

    now = timezone.now()
    event = EventFactory(coming=True, request_deadline=now + DAY)
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    request = MeetingRequestFactory(event=event, requester=alice, target=bob, expires_at=now + DAY)
    answering = threading.Event()

    def answer() -> None:
        with transaction.atomic():
            services.meeting_request_accept(
                request=MeetingRequest.objects.get(pk=request.pk), by=bob
            )
            answering.set()
            time.sleep(0.5)  # the organisers come in meanwhile

    errors = _while_the_deadline_moves(event, now + 3 * DAY, answer, under_way=answering)
    assert errors == []
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED
    assert Meeting.objects.filter(request=request).exists()
    assert Event.objects.get(pk=event.pk).request_deadline == now + 3 * DAY


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_while_the_deadline_moves_is_no_deadlock(monkeypatch) -> None:
    """The organisers move the deadline just after Bob's withdrawal has locked his pending
    requests, and before it writes its activity log, whose rows refer to the event: the
    change must wait for the withdrawal, rather than hold the event's row while waiting for
    his requests (the log would then wait for the event's row: a deadlock)."""

    from keruen.common.audit import audit_context
    from keruen.meetings import withdrawal

    now = timezone.now()
    event = EventFactory(coming=True, request_deadline=now + DAY)
    alice, bob, carol = (ParticipantFactory(event=event) for _ in range(3))
    sent = MeetingRequestFactory(event=event, requester=bob, target=alice, expires_at=now + DAY)
    other = MeetingRequestFactory(event=event, requester=carol, target=alice, expires_at=now + DAY)
    requests_locked = threading.Event()
    cancel_meetings = withdrawal._cancel_meetings

    def organisers_come_in(participant, when):
        requests_locked.set()
        time.sleep(1.0)  # the organisers' change starts meanwhile
        return cancel_meetings(participant, when)

    monkeypatch.setattr(withdrawal, "_cancel_meetings", organisers_come_in)

    def withdraw() -> None:
        # As from a page: the activity log is written, and its rows refer to the event.
        with audit_context(bob.user, source="web"):
            withdrawal.participant_withdraw(participant=Participant.objects.get(pk=bob.pk), by=bob)

    errors = _while_the_deadline_moves(event, now + 3 * DAY, withdraw, under_way=requests_locked)
    assert errors == []
    sent.refresh_from_db()
    other.refresh_from_db()
    assert sent.status == MeetingRequest.Status.CANCELLED
    assert other.status == MeetingRequest.Status.PENDING
    assert other.expires_at == now + 3 * DAY


def _while_the_deadline_moves(
    event: Event, deadline: dt.datetime, write: Callable[[], None], *, under_way: threading.Event
) -> list[Exception]:
    """Run ``write`` in one thread and, once it sets ``under_way``, the organisers' change of
    the request deadline in another; the errors the two raised (a deadlock is one)."""
    from django.db import connection

    errors: list[Exception] = []

    def run(step: Callable[[], None]) -> Callable[[], None]:
        def guarded() -> None:
            try:
                step()
            except Exception as error:
                errors.append(error)
            finally:
                under_way.set()  # a write that failed early must not keep the other waiting
                connection.close()

        return guarded

    def organiser() -> None:
        under_way.wait(10)
        event_networking_set(
            event=Event.objects.get(pk=event.pk), request_deadline=deadline, request_quota=None
        )

    threads = [threading.Thread(target=run(write)), threading.Thread(target=run(organiser))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return errors
