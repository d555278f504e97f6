from __future__ import annotations

from pathlib import Path

import pytest

from keruen.scheduling.check import check
from keruen.scheduling.io import read_dzn
from keruen.scheduling.solve import solve
from tests.scheduling.catalogue import catalogue

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "b2b"
CASES = catalogue()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("engine", ["auto", "cpsat"])
def test_catalogue(name: str, engine: str) -> None:
    case = CASES[name]
    result = solve(case.instance, time_limit=20, workers=1, seed=1, engine=engine)
    assert result.status == case.status
    if case.breaks is None:
        assert result.objective is None
        assert result.assignments == ()
        return
    assert check(case.instance, result) == []
    assert result.objective is not None
    assert result.objective.breaks == case.breaks
    assert result.objective.scheduled_weight == case.scheduled_weight
    assert result.objective.unscheduled == case.unscheduled
    assert result.bound == case.breaks


def test_booth_meetings_are_held_at_the_booth() -> None:
    case = CASES["booths"]
    result = solve(case.instance, time_limit=10, workers=1, seed=1)
    assert {a.table for a in result.assignments} == {"A1"}


@pytest.mark.parametrize(
    ("name", "optimum"), [("tic-12.original", 0), ("forumt-14crafd.original", 4)]
)
def test_jair_quick_originals(name: str, optimum: int) -> None:
    inst = read_dzn(BENCH / f"{name}.dzn")
    result = solve(inst, time_limit=40, workers=2, seed=0)
    assert check(inst, result) == []
    assert result.status == "OPTIMAL"
    assert result.objective is not None
    assert result.objective.breaks == optimum


def test_progress_reports_improvements() -> None:
    seen: list[tuple[float, float, float]] = []
    inst = read_dzn(BENCH / "tic-12.original.dzn")
    solve(
        inst,
        time_limit=20,
        workers=1,
        seed=0,
        engine="cpsat",
        progress=lambda o, b, t: seen.append((o, b, t)),
    )
    assert seen
    assert seen[-1][0] == 0
