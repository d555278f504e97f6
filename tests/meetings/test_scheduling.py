"""The bridge from the database to the scheduler and back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from keruen.common.errors import Conflict
from keruen.events import services as event_services
from keruen.meetings.models import ScheduledAttendance, ScheduledMeeting
from keruen.meetings.scheduler import schedule_draft_solve, schedule_instance_build
from tests.factories import BoothFactory, MeetingFactory, ParticipantFactory


def _grid(event) -> None:
    event_services.slot_grid_set(
        event=event,
        days=[dt.date(2026, 6, 27), dt.date(2026, 6, 28)],
        slot_minutes=30,
        am=(dt.time(9, 0), dt.time(11, 0)),
        pm=(dt.time(14, 0), dt.time(15, 0)),
    )
    event_services.tables_create(event=event, count=2)


def test_instance_reflects_availability_and_booths(event) -> None:
    _grid(event)
    exhibitor = ParticipantFactory(event=event, booth=BoothFactory(event=event, code="A-12"))
    late = ParticipantFactory(event=event)
    slots = list(event.slots.order_by("number"))
    late.arrives_at = slots[2].start  # misses the first two slots
    late.save()
    late.unavailable_slots.add(slots[5])
    MeetingFactory(event=event, participant_a=late, participant_b=exhibitor)
    built = schedule_instance_build(event=event)
    core = built.instance
    assert len(core.slots) == 12
    assert core.tables == 2
    assert [s.session for s in core.slots[:6]] == ["AM"] * 4 + ["PM"] * 2
    by_id = {p.id: p for p in core.participants}
    assert by_id[str(late.pk)].forbidden == {1, 2, 6}
    assert by_id[str(exhibitor.pk)].booth == "A-12"


def test_solve_writes_a_checked_draft_with_no_double_booking(event) -> None:
    _grid(event)
    people = [ParticipantFactory(event=event) for _ in range(6)]
    booth_holder = ParticipantFactory(event=event, booth=BoothFactory(event=event))
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (4, 5), (2, 5), (1, 3)]
    for a, b in pairs:
        MeetingFactory(event=event, participant_a=people[a], participant_b=people[b])
    for person in people[:3]:
        MeetingFactory(event=event, participant_a=person, participant_b=booth_holder)
    draft = schedule_draft_solve(event=event, time_limit=10, workers=1, seed=1)
    assert draft.solver_status == "OPTIMAL"
    assert draft.breaks == draft.breaks_bound == 0
    entries = ScheduledMeeting.objects.filter(schedule=draft)
    assert entries.count() == len(pairs) + 3
    assert entries.filter(booth__isnull=False).count() == 3
    assert ScheduledAttendance.objects.filter(schedule=draft).count() == 2 * entries.count()


def test_above_the_exact_size_the_expo_heuristic_gets_all_the_time(monkeypatch) -> None:
    import time

    from keruen.meetings.scheduler.solve import _solve_fresh
    from keruen.scheduling import solve as solve_module
    from keruen.scheduling.check import check
    from keruen.scheduling.generate import generate_expo

    # Large enough that 6 s of heuristic do not reach 0 breaks (so nothing returns early).
    instance = generate_expo(participants=300, meetings=1000, seed=1)
    monkeypatch.setattr(solve_module, "LARGE", 900)  # this expo counts as large
    exact_calls: list[object] = []
    real_solve = solve_module.solve

    def spied_solve(*args, **kwargs):
        exact_calls.append(args)
        return real_solve(*args, **kwargs)

    monkeypatch.setattr(solve_module, "solve", spied_solve)
    started = time.monotonic()
    result = _solve_fresh(instance, time_limit=6, workers=2, seed=0, progress=None)
    assert exact_calls == []  # solve() would have run the heuristic again from scratch
    assert result.stats["engine"] == "greedy+lns"
    assert check(instance, result) == []
    assert time.monotonic() - started < 10


def test_too_few_tables_are_named_with_how_many_are_needed(event) -> None:
    # 12 slots and 2 tables seat 24; 30 meetings between distinct pairs need 3 tables.
    _grid(event)
    for _ in range(30):
        MeetingFactory(event=event)
    with pytest.raises(Conflict) as refused:
        schedule_draft_solve(event=event, time_limit=30, workers=1)
    assert refused.value.message == (
        "No valid schedule exists, whatever the time given: Not enough tables: 30 accepted "
        "meetings need a shared table, but at most 24 fit in the slots they can take (tables "
        "now: 2; needed: at least 3)."
    )
    assert not ScheduledMeeting.objects.filter(schedule__event=event).exists()


def test_a_delegate_with_too_many_meetings_is_named_in_the_organisers_language(event) -> None:
    _grid(event)
    busy = ParticipantFactory(event=event, given_name="Айгерім", family_name="Сапарова")
    busy.unavailable_slots.add(*event.slots.order_by("number")[:10])  # 2 of 12 slots left
    for _ in range(3):
        MeetingFactory(event=event, participant_a=busy)
    with translation.override("ru"), pytest.raises(Conflict) as refused:
        schedule_draft_solve(event=event, time_limit=30, workers=1)
    message = refused.value.message
    assert message.startswith("Допустимого графика встреч нет, сколько бы времени ни дали:")
    assert f"Айгерім Сапарова ({busy.organisation})" in message
    assert "3 принятые встречи" in message
    assert "не больше 2" in message
