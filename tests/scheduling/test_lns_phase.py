"""The LNS phase that follows an interrupted RC2 run: valid schedules, honest status."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from keruen.scheduling import cpsat
from keruen.scheduling import solve as solve_module
from keruen.scheduling.check import check
from keruen.scheduling.io import read_dzn
from keruen.scheduling.maxsat import MaxSatOutcome
from keruen.scheduling.model import build_model
from keruen.scheduling.outcome import result_of
from tests.scheduling.maxsat_stub import interrupt_maxsat

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "b2b"
NAME = "forumt-14crafd.original"  # optimum 4


def test_lns_run_gives_a_valid_schedule() -> None:
    inst = read_dzn(BENCH / f"{NAME}.dzn")
    b = build_model(inst)
    ph = cpsat.run(b, time_limit=3.0, workers=2, seed=0, reporter=None, lns=True)
    assert ph.slots is not None
    result = result_of(inst, "FEASIBLE", ph.slots, None, 0.0, {})
    assert check(inst, result) == []


def test_interrupted_maxsat_falls_back_to_cpsat_then_lns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interrupt_maxsat(monkeypatch, bound=0)
    inst = read_dzn(BENCH / f"{NAME}.dzn")
    result = solve_module.solve(inst, time_limit=20, workers=2, seed=0)
    assert check(inst, result) == []
    assert result.objective is not None
    assert result.bound is not None
    assert result.bound <= 4 <= result.objective.breaks
    assert result.status in ("OPTIMAL", "FEASIBLE")
    if result.status == "OPTIMAL":
        assert result.objective.breaks == result.bound == 4


def test_the_first_schedule_is_found_beside_maxsat(monkeypatch: pytest.MonkeyPatch) -> None:
    # No construction for this instance, so CP-SAT looks for the anytime schedule in a
    # thread while "RC2" (here a stand-in that waits for it) works.
    seen: list[bool] = []

    def waits_for_a_schedule(
        *_: object, feasible: Callable[[], bool], **__: object
    ) -> MaxSatOutcome:
        deadline = time.monotonic() + 30
        while not feasible() and time.monotonic() < deadline:
            time.sleep(0.05)
        seen.append(feasible())
        return MaxSatOutcome("UNKNOWN", None, None, 0)

    monkeypatch.setattr(solve_module, "solve_maxsat", waits_for_a_schedule)
    inst = read_dzn(BENCH / f"{NAME}.dzn")
    result = solve_module.solve(inst, time_limit=10, workers=2, seed=0)
    assert seen == [True]
    assert result.stats["quick"] == "FEASIBLE"
    assert check(inst, result) == []
