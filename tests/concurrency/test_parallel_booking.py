"""Many delegates accepting, cancelling, booking and signing up at the same moment.

Each worker is a thread with its own database connection; a ``threading.Barrier`` releases
them together so that their transactions really overlap. The guarantees under test: nobody
and no table is double-booked, a request is answered once, an accepted meeting is never lost
and never left for a cancelled request, one registration per person. After every scenario
the invariants are re-checked with plain SQL.

PostgreSQL runs writers in parallel, which is what these tests are for:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/keruen .venv/bin/pytest tests/concurrency

On SQLite writes serialise (``transaction_mode=IMMEDIATE``) and its shared in-memory test
database makes a second writer fail at once ("table is locked") rather than wait, so there only
a reduced variant runs: the workers start together but take turns, each holding a stale copy.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections

from keruen.common.errors import Conflict, KeruenError
from keruen.meetings import services
from keruen.meetings.models import (
    Meeting,
    MeetingRequest,
    ScheduledAttendance,
    ScheduledMeeting,
)
from keruen.people.models import Participant, User
from tests.factories import (
    EventFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    OrganisationFactory,
    ParticipantFactory,
    SlotFactory,
    UserFactory,
)

BARRIER_TIMEOUT_S = 20


# Decided before any database is set up, so that a skipped test costs nothing.
POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
needs_postgres = pytest.mark.skipif(
    not POSTGRES,
    reason="needs PostgreSQL: SQLite serialises writers, so nothing would run in parallel "
    "(run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/keruen)",
)


def run_together(jobs: list[Callable[[], Any]], *, serialise: bool = False) -> list[Any]:
    """Run each job in its own thread and connection, all released at once by a barrier.

    ``serialise``: the jobs still start together but take turns, one transaction after the
    other, as SQLite's writers do (its shared in-memory test database refuses a second writer
    at once, "table is locked", instead of making it wait).

    Returns, per job, its result or the exception it raised (never swallowed: a caller
    asserting on the outcomes sees an unexpected error as such).
    """
    barrier = threading.Barrier(len(jobs), timeout=BARRIER_TIMEOUT_S)
    turn = threading.Lock() if serialise else None
    outcomes: list[Any] = [None] * len(jobs)

    def work(index: int, job: Callable[[], Any]) -> None:
        try:
            # Open the connection before the barrier, so that the start is truly together.
            connection.ensure_connection()
            barrier.wait()
            if turn is None:
                outcomes[index] = job()
            else:
                with turn:
                    outcomes[index] = job()
        except BaseException as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=BARRIER_TIMEOUT_S * 2)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return outcomes


def split(outcomes: list[Any]) -> tuple[list[Any], list[Conflict], list[BaseException]]:
    """(successes, conflicts, any other error)."""
    ok = [o for o in outcomes if not isinstance(o, BaseException)]
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    other = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, Conflict)]
    return ok, conflicts, other


def assert_invariants() -> None:
    """The rules the database must hold whatever happened, checked in plain SQL."""
    attendance = ScheduledAttendance._meta.db_table
    entry = ScheduledMeeting._meta.db_table
    meeting = Meeting._meta.db_table
    request = MeetingRequest._meta.db_table
    participant = Participant._meta.db_table
    schedule = "meetings_schedule"
    queries = {
        "a person twice in one slot": f"""
            SELECT schedule_id, slot_id, participant_id FROM {attendance}
            GROUP BY schedule_id, slot_id, participant_id HAVING COUNT(*) > 1""",
        "a table twice in one slot": f"""
            SELECT schedule_id, slot_id, table_id FROM {entry} WHERE table_id IS NOT NULL
            GROUP BY schedule_id, slot_id, table_id HAVING COUNT(*) > 1""",
        "a meeting twice in one schedule": f"""
            SELECT schedule_id, meeting_id FROM {entry}
            GROUP BY schedule_id, meeting_id HAVING COUNT(*) > 1""",
        "an entry without both delegates busy": f"""
            SELECT e.id FROM {entry} e JOIN {meeting} m ON m.id = e.meeting_id
            WHERE (SELECT COUNT(*) FROM {attendance} a WHERE a.entry_id = e.id
                   AND a.slot_id = e.slot_id AND a.schedule_id = e.schedule_id
                   AND a.participant_id IN (m.participant_a_id, m.participant_b_id)) <> 2""",
        "an attendance without its entry's delegate": f"""
            SELECT a.id FROM {attendance} a JOIN {entry} e ON e.id = a.entry_id
            JOIN {meeting} m ON m.id = e.meeting_id
            WHERE a.participant_id NOT IN (m.participant_a_id, m.participant_b_id)""",
        "a cancelled meeting in the draft": f"""
            SELECT e.id FROM {entry} e JOIN {meeting} m ON m.id = e.meeting_id
            JOIN {schedule} s ON s.id = e.schedule_id
            WHERE s.published_at IS NULL AND m.status = 'cancelled'""",
        "an accepted request without its meeting (lost)": f"""
            SELECT r.id FROM {request} r LEFT JOIN {meeting} m ON m.request_id = r.id
            WHERE r.status = 'accepted' AND m.id IS NULL""",
        "a meeting for a request that is not accepted": f"""
            SELECT m.id FROM {meeting} m JOIN {request} r ON r.id = m.request_id
            WHERE r.status <> 'accepted'""",
        "two pending requests of one pair": f"""
            SELECT requester_id, target_id FROM {request} WHERE status = 'pending'
            GROUP BY requester_id, target_id HAVING COUNT(*) > 1""",
        "two registrations of one person at one event": f"""
            SELECT event_id, user_id FROM {participant}
            GROUP BY event_id, user_id HAVING COUNT(*) > 1""",
        "two accounts with one e-mail": """
            SELECT LOWER(email) FROM people_user GROUP BY LOWER(email) HAVING COUNT(*) > 1""",
    }
    broken = {}
    with connection.cursor() as cursor:
        for rule, sql in queries.items():
            cursor.execute(sql)
            rows = cursor.fetchall()
            if rows:
                broken[rule] = rows[:5]
    assert not broken, f"invariants broken: {broken}"


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- (a) one request, many accepts -------------------------------------------------------


def _accept_race(threads: int, *, serialise: bool = False) -> None:
    meeting_request = MeetingRequestFactory(event=EventFactory(coming=True))

    def accept_job() -> Callable[[], Meeting]:
        # Every worker holds its own copy, loaded while the request was still pending.
        copy = MeetingRequest.objects.select_related("requester", "target").get(
            pk=meeting_request.pk
        )
        return lambda: services.meeting_request_accept(request=copy, by=copy.target)

    jobs = [accept_job() for _ in range(threads)]
    ok, conflicts, other = split(run_together(jobs, serialise=serialise))
    assert not other, other
    assert len(ok) == 1
    assert len(conflicts) == threads - 1
    assert Meeting.objects.filter(request=meeting_request).count() == 1
    meeting_request.refresh_from_db()
    assert meeting_request.status == MeetingRequest.Status.ACCEPTED
    assert_invariants()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_accepts_of_one_request_make_one_meeting(fast_hashing):
    _accept_race(threads=20)


# --- (b) placements that share a delegate or a table -------------------------------------


def _placement_world(pairs: list[tuple[int, int]], people: int, tables: int) -> dict[str, Any]:
    """An event with ``people`` delegates, accepted meetings between ``pairs``, one slot."""
    event = EventFactory()
    delegates = [ParticipantFactory(event=event) for _ in range(people)]
    meetings = [
        MeetingFactory(event=event, participant_a=delegates[i], participant_b=delegates[j])
        for i, j in pairs
    ]
    return {
        "event": event,
        "meetings": meetings,
        "tables": [MeetingTableFactory(event=event, number=n + 1) for n in range(tables)],
        "slot": SlotFactory(event=event, number=1),
        "schedule": services.schedule_draft_get(event=event),
    }


def _place_jobs(world: dict[str, Any], table_of: Callable[[int], int]) -> list[Callable]:
    def job(index: int) -> Callable[[], ScheduledMeeting]:
        def place() -> ScheduledMeeting:
            return services.schedule_entry_place(
                schedule=world["schedule"],
                meeting=Meeting.objects.get(pk=world["meetings"][index].pk),
                slot=world["slot"],
                table=world["tables"][table_of(index)],
            )

        return place

    return [job(i) for i in range(len(world["meetings"]))]


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_placements_sharing_a_delegate_or_a_table_win_once(fast_hashing):
    """Two races at once, in two events, one slot each; in each exactly one placement wins.

    Hub: ten meetings of one delegate (on either side) at ten tables. Table: ten meetings of
    ten different pairs at the same table.
    """
    hub = _placement_world([(0, i) if i % 2 else (i, 0) for i in range(1, 11)], 11, tables=10)
    table = _placement_world([(2 * i, 2 * i + 1) for i in range(10)], 20, tables=1)
    jobs = _place_jobs(hub, table_of=lambda i: i) + _place_jobs(table, table_of=lambda i: 0)
    outcomes = run_together(jobs)
    for world, results in ((hub, outcomes[:10]), (table, outcomes[10:])):
        ok, conflicts, other = split(results)
        assert not other, other
        assert len(ok) == 1
        assert len(conflicts) == 9
        assert ScheduledMeeting.objects.filter(schedule=world["schedule"]).count() == 1
        assert ScheduledAttendance.objects.filter(schedule=world["schedule"]).count() == 2
    assert_invariants()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_crossing_placements_of_one_pair_never_deadlock(fast_hashing):
    """Meetings of the same two people, written A-B and B-A, placed at once.

    Each placement marks both delegates busy; if two placements took the two delegates in
    opposite orders, each would wait for the other (a deadlock, a server error) instead of
    one of them getting a Conflict.
    """
    pairs = [(0, 1) if i % 2 else (1, 0) for i in range(8)]
    world = _placement_world(pairs, people=2, tables=8)
    ok, conflicts, other = split(run_together(_place_jobs(world, table_of=lambda i: i)))
    assert not other, other
    assert len(ok) == 1
    assert len(conflicts) == 7
    assert_invariants()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_busy_grid_never_double_books(fast_hashing):
    """Thirty meetings among eight delegates and four tables into one slot, all at once."""
    pairs = [(i % 8, (i * 3 + 1) % 8) for i in range(40)]
    pairs = [(i, j) for i, j in pairs if i != j][:30]
    world = _placement_world(pairs, people=8, tables=4)
    ok, conflicts, other = split(run_together(_place_jobs(world, table_of=lambda i: i % 4)))
    assert not other, other
    assert 1 <= len(ok) <= 4  # four people pairs at most fit four tables
    assert len(ok) + len(conflicts) == len(pairs)
    assert ScheduledMeeting.objects.filter(schedule=world["schedule"]).count() == len(ok)
    assert_invariants()


# --- (c) accept against cancel -----------------------------------------------------------


def _accept_cancel_race(count: int, *, serialise: bool = False) -> None:
    """``count`` requests, each accepted by its target while its sender withdraws it."""
    event = EventFactory(coming=True)  # requests are open
    requests = [MeetingRequestFactory(event=event) for _ in range(count)]

    def copy(pk: int) -> MeetingRequest:
        return MeetingRequest.objects.select_related("requester", "target").get(pk=pk)

    def accept(pk: int) -> Callable[[], Any]:
        mine = copy(pk)
        return lambda: services.meeting_request_accept(request=mine, by=mine.target)

    def cancel(pk: int) -> Callable[[], Any]:
        mine = copy(pk)
        return lambda: services.meeting_request_cancel(request=mine, by=mine.requester)

    jobs = [job(r.pk) for r in requests for job in (accept, cancel)]
    ok, conflicts, other = split(run_together(jobs, serialise=serialise))
    assert not other, other
    assert len(ok) == count
    assert len(conflicts) == count
    for meeting_request in requests:
        meeting_request.refresh_from_db()
        has_meeting = Meeting.objects.filter(request=meeting_request).exists()
        if meeting_request.status == MeetingRequest.Status.ACCEPTED:
            assert has_meeting
        else:
            assert meeting_request.status == MeetingRequest.Status.CANCELLED
            assert not has_meeting
    assert_invariants()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_accept_and_cancel_of_one_request_agree(fast_hashing):
    _accept_cancel_race(10)


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_cancelling_a_meeting_while_it_is_placed_leaves_no_ghost(fast_hashing):
    """A meeting cancelled while an organiser places it never stays in the draft."""
    pairs = [(2 * i, 2 * i + 1) for i in range(10)]
    world = _placement_world(pairs, people=20, tables=10)
    place_jobs = _place_jobs(world, table_of=lambda i: i)

    def cancel(pk: int) -> Callable[[], Any]:
        def run() -> Any:
            return services.meeting_cancel(meeting=Meeting.objects.get(pk=pk), by=None)

        return run

    jobs = [j for i, m in enumerate(world["meetings"]) for j in (place_jobs[i], cancel(m.pk))]
    outcomes = run_together(jobs)
    unexpected = [o for o in outcomes if isinstance(o, BaseException) and not _refusal(o)]
    assert not unexpected, unexpected
    # Every cancellation finds an accepted meeting: nothing else cancels them.
    assert Meeting.objects.filter(status=Meeting.Status.CANCELLED).count() == 10
    assert not ScheduledMeeting.objects.filter(schedule=world["schedule"]).exists()
    assert_invariants()


def _refusal(error: BaseException) -> bool:
    """A clean refusal by a service (a Conflict, or a validation about the meeting's state)."""
    return isinstance(error, KeruenError)


# --- (d) sign-ups ------------------------------------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_with_one_email_make_one_account(fast_hashing):
    """Ten browsers submit the open registration with the same e-mail at once."""
    from django.test import Client
    from django.urls import reverse

    event = EventFactory(coming=True)  # registration is open
    url = reverse("portal-register", args=[event.slug])
    form = {
        "email": "Twice@Example.org",
        "password1": "a-long-pass-phrase-42",
        "password2": "a-long-pass-phrase-42",
        "given_name": "Aigerim",
        "organisation_name": "Steppe Grain",
        "country": "KZ",
        "role": "business",
        "language": "en",
    }

    def sign_up() -> int:
        return Client().post(url, form).status_code

    statuses = run_together([sign_up] * 10)
    assert not [s for s in statuses if isinstance(s, BaseException)], statuses
    assert Counter(statuses)[302] == 1, statuses  # the others see the form with an error
    assert set(statuses) <= {200, 302}, statuses
    assert User.objects.filter(email="twice@example.org").count() == 1
    assert Participant.objects.filter(event=event).count() == 1
    assert_invariants()


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_and_invitation_clicks_make_one_participant(fast_hashing):
    """One account registered ten times at once; one invitation accepted ten times at once."""
    from keruen.people.models import Invitation
    from keruen.people.services import invitation_accept, invitation_create, participant_register

    event = EventFactory()
    user = UserFactory()
    organisation = OrganisationFactory(event=event)
    guest_event = EventFactory()
    invitation = invitation_create(
        event=guest_event,
        email="guest@example.org",
        organisation=OrganisationFactory(event=guest_event),
    )
    guest = UserFactory(email="guest@example.org")

    def register() -> Participant:
        return participant_register(
            event=event, user=user, organisation=organisation, given_name="Arman"
        )

    def accept() -> Participant:
        fresh = Invitation.objects.get(pk=invitation.pk)
        return invitation_accept(invitation=fresh, user=guest, given_name="Guest")

    outcomes = run_together([register] * 10 + [accept] * 10)
    for results in (outcomes[:10], outcomes[10:]):
        ok, conflicts, other = split(results)
        assert not other, other
        assert len(ok) == 1
        assert len(conflicts) == 9
    assert Participant.objects.filter(event=event, user=user).count() == 1
    assert Participant.objects.filter(event=guest_event).count() == 1
    assert_invariants()


# --- SQLite: the reduced variant ---------------------------------------------------------


@pytest.mark.skipif(POSTGRES, reason="the PostgreSQL tests cover this with real parallelism")
@pytest.mark.django_db(transaction=True)
def test_sqlite_serialised_answers_stay_consistent(fast_hashing):
    """SQLite: workers holding stale copies take turns; each request is answered once."""
    _accept_race(threads=4, serialise=True)
    _accept_cancel_race(3, serialise=True)
