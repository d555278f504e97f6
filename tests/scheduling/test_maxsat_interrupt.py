"""A MaxSAT run stopped by its time limit must never claim infeasibility."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keruen.scheduling.io import read_dzn
from keruen.scheduling.io.jsonio import instance_from_dict
from keruen.scheduling.maxsat import solve_maxsat
from keruen.scheduling.solve import solve

# The demo expo's meetings (440 meetings, 3 days, booths): feasible, and large enough that
# encoding uses up a short time limit, so RC2 is interrupted as soon as it starts. (Exact,
# in the second process, proves its optimum 0 within that second: RC2 runs alone here.)
DEMO = Path(__file__).parent / "data" / "demo-expo-440.json"
BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench" / "b2b"


def test_an_interrupted_run_is_unknown_not_infeasible() -> None:
    instance = instance_from_dict(json.loads(DEMO.read_text()))
    outcome = solve_maxsat(instance, time_limit=1.0, ladder=False)
    assert outcome.status == "UNKNOWN"


def test_the_ladder_handed_over_keeps_searching_and_closes() -> None:
    # ticf-13crafb: RC2 needs far more than 5 s (12-15 s measured), and so does Exact (over
    # 60 s); the second process, started at once, is handed over still searching, until
    # the caller closes it.
    instance = read_dzn(BENCH / "ticf-13crafb.original.dzn", fairness=2)
    others = _children()  # e.g. the browser tests' Playwright driver, in this worker
    outcome = solve_maxsat(instance, time_limit=5.0, feasible=True, keep_ladder=True)
    assert outcome.status == "UNKNOWN"
    watch = outcome.ladder
    assert watch is not None
    assert watch.found is None
    assert watch.running()
    assert _children() - others  # the second process
    watch.close()
    assert not watch.running()
    assert not _children() - others


def test_solve_leaves_no_ladder_running() -> None:
    instance = read_dzn(BENCH / "forum-13crafc.original.dzn", fairness=2)
    others = _children()
    result = solve(instance, time_limit=4.0)
    assert result.status in ("FEASIBLE", "OPTIMAL")
    assert not _children() - others


def _children() -> set[str]:
    """Live child processes of this one, whichever thread started them (Linux)."""
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += (task / "children").read_text().split()
    return {pid for pid in pids if _alive(pid)}


def _alive(pid: str) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is gone, if not yet reaped
