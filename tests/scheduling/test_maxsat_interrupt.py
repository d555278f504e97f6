"""A MaxSAT run stopped by its time limit must never claim infeasibility."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from keruen.scheduling.io import read_dzn
from keruen.scheduling.io.jsonio import instance_from_dict
from keruen.scheduling.maxsat import solve_maxsat
from keruen.scheduling.solve import solve

# The demo expo's meetings (440 meetings, 3 days, booths): feasible, and large enough that
# encoding uses up a short time limit, so RC2 is interrupted as soon as it starts.
DEMO = Path(__file__).parent / "data" / "demo-expo-440.json"
BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "b2b"


def test_an_interrupted_run_is_unknown_not_infeasible() -> None:
    instance = instance_from_dict(json.loads(DEMO.read_text()))
    outcome = solve_maxsat(instance, time_limit=1.0)
    assert outcome.status == "UNKNOWN"


def test_the_ladder_handed_over_keeps_searching_and_closes() -> None:
    # forum-13crafc: RC2 needs far more than 5 s, and so does the ladder's "breaks <= 1"
    # (10-36 s measured, after "<= 0" is refuted in ~3 s); the ladder, started after 0.5 s,
    # is handed over still searching, in its own process, until the caller closes it. (With
    # 1.5 s, a loaded CI machine once stopped RC2 before the ladder's start had run.)
    instance = read_dzn(BENCH / "forum-13crafc.original.dzn", fairness=2)
    outcome = solve_maxsat(instance, time_limit=5.0, feasible=True, keep_ladder=True)
    assert outcome.status == "UNKNOWN"
    watch = outcome.ladder
    assert watch is not None
    assert watch.found is None
    assert multiprocessing.active_children()  # the ladder's process
    watch.close()
    assert not multiprocessing.active_children()


def test_solve_leaves_no_ladder_running() -> None:
    instance = read_dzn(BENCH / "forum-13crafc.original.dzn", fairness=2)
    result = solve(instance, time_limit=4.0)
    assert result.status in ("FEASIBLE", "OPTIMAL")
    assert not multiprocessing.active_children()
