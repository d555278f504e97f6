"""Per-participant star bounds: what a delegate's own meetings force, and what they cost."""

from __future__ import annotations

import time

import pytest

from keruen.scheduling import bounds
from keruen.scheduling.bounds import star_bound
from keruen.scheduling.generate import generate_expo
from keruen.scheduling.instance import Instance, Meeting, Participant, Slot
from keruen.scheduling.model import build_model


def _star(slots_per_day: int, days: int, partners: dict[str, frozenset[int]]) -> Instance:
    """p meets every partner once; a partner's value is the slot ids it cannot attend."""
    slots = tuple(
        Slot(d * slots_per_day + i + 1, day=d + 1)
        for d in range(days)
        for i in range(slots_per_day)
    )
    people = (Participant("p"), *(Participant(q, away) for q, away in partners.items()))
    meetings = tuple(Meeting(f"p-{q}", ("p", q)) for q in partners)
    return Instance("star", slots, 10, people, meetings)


def _cp_sat_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(*_: object, **__: object) -> None:
        raise AssertionError("the star's CP-SAT model was built")

    monkeypatch.setattr("keruen.scheduling.model.build_model", no_model)


def test_more_meetings_than_a_day_holds_fit_one_run_on_each_of_two_days(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Five meetings, three slots a day: no single day can hold them, two runs (3 + 2) can.
    inst = _star(3, 2, {q: frozenset() for q in "abcde"})
    _cp_sat_forbidden(monkeypatch)  # the run test decides it, without a model
    assert star_bound(inst, "p") == 0


def test_the_runs_follow_the_partners_availability(monkeypatch: pytest.MonkeyPatch) -> None:
    # Day 1 is slots 1-3, day 2 slots 4-6. a and b can only come on day 1's first two slots,
    # c only to slot 6, d only to slot 5: runs {1, 2} and {5, 6}.
    day2 = frozenset({4, 5, 6})
    inst = _star(
        3,
        2,
        {
            "a": day2 | {3},
            "b": day2 | {3},
            "c": frozenset({1, 2, 3, 4, 5}),
            "d": frozenset({1, 2, 3, 4, 6}),
        },
    )
    _cp_sat_forbidden(monkeypatch)
    assert star_bound(inst, "p") == 0


def test_a_forced_break_is_still_found() -> None:
    # a only in slot 1, b only in slot 3, on the only day p has: one break, whatever happens.
    inst = _star(3, 2, {"a": frozenset({2, 3, 4, 5, 6}), "b": frozenset({1, 2, 4, 5, 6})})
    assert star_bound(inst, "p") == 1


def test_star_bounds_take_a_tenth_of_the_time_left_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []

    def slow_bound(_: Instance, pid: str, *, time_limit: float) -> int:
        calls.append(pid)
        time.sleep(0.1)
        return 0

    monkeypatch.setattr(bounds, "star_bound", slow_bound)
    inst = generate_expo(participants=100, meetings=330, seed=1)
    bounds.add_star_bounds(build_model(inst), inst, time.monotonic() + 5.0)
    # 0.5 s of a 5 s budget: about five participants, not the 100 of the event.
    assert 1 <= len(calls) <= 6


def test_the_run_test_tries_a_bounded_number_of_placements() -> None:
    placements = bounds._run_placements([list(range(i * 16, i * 16 + 16)) for i in range(3)], 20)
    first = next(placements)
    assert len(first) == 20
    assert sum(1 for _ in placements) > bounds.ZERO_TEST_TRIES  # hence the cap
