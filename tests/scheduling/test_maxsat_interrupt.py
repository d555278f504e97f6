"""RC2 stopped by its time limit: never "infeasible", and the searches handed over from it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from keruen.scheduling import child as child_module
from keruen.scheduling import solve as solve_module
from keruen.scheduling.io import read_dzn
from keruen.scheduling.io.jsonio import instance_from_dict
from keruen.scheduling.maxsat import solve_maxsat
from keruen.scheduling.model import build_model
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


def test_the_searches_handed_over_get_rc2s_core_once_a_schedule_is_in_hand() -> None:
    # ticf-13crafb again: after 5 s Exact and the SAT ladder (which joins after 0.5 s) are
    # both searching. While no schedule is in hand they keep taking turns on one core and
    # CP-SAT has both workers; once one is, they get RC2's core and CP-SAT keeps one.
    instance = read_dzn(BENCH / "ticf-13crafb.original.dzn", fairness=2)
    others = _children()
    outcome = solve_maxsat(instance, time_limit=5.0, feasible=True, keep_ladder=True)
    watch = outcome.ladder
    assert watch is not None
    search = solve_module._Search(
        instance,
        instance,
        build_model(instance),
        start=time.monotonic(),
        time_limit=60.0,
        workers=2,
        seed=0,
        progress=None,
        stats={},
    )
    search.ladder = watch
    try:
        assert len(_children() - others) == 2
        assert search._workers() == 2
        assert _paused_share(others, seconds=1.5) > 0.8  # one of the two, by turns
        search.best = dict.fromkeys(range(len(instance.meetings)), 0)  # a schedule in hand
        assert search._workers() == 1
        time.sleep(0.1)  # the watch looks every 10 ms
        assert _paused_share(others, seconds=1.5) == 0.0
    finally:
        search.close()
    assert not _children() - others


def _paused_share(others: set[str], *, seconds: float) -> float:
    """The share of looks over ``seconds`` at which a child of this process, other than
    ``others``, was stopped (the SAT ladder's process is replaced when it restarts)."""
    looks = paused = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        looks += 1
        paused += any(_state(pid) == "T" for pid in _children() - others)
        time.sleep(0.01)
    return paused / looks


def _state(pid: str) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return "gone"
    return stat.rsplit(")", 1)[1].split()[0]


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
    return _state(pid) not in ("gone", "Z")  # a zombie is gone, if not yet reaped


def test_the_spare_process_is_gone_when_the_construction_is_optimal() -> None:
    # The demo expo's construction has no break: no search starts, and the child process
    # started ahead for one (``SpareChild``) does not outlive the solve.
    instance = instance_from_dict(json.loads(DEMO.read_text()))
    others = _children()
    result = solve(instance, time_limit=10.0)
    assert (result.status, result.stats.get("construction")) == ("OPTIMAL", 0)
    assert not _children() - others


def test_without_a_second_process_rc2_proves_alone(monkeypatch) -> None:
    # Resource limits (EAGAIN, EMFILE): no child process can start, neither ahead of the
    # searches nor by the watch. RC2 settles tic-12 alone, as before there was a spare.
    def refuse(*args: object, **kwargs: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(child_module.subprocess, "Popen", refuse)
    instance = read_dzn(BENCH / "tic-12.original.dzn", fairness=2)
    descriptors = len(os.listdir("/proc/self/fd"))
    result = solve(instance, time_limit=20.0)
    assert (result.status, result.stats.get("maxsat_by")) == ("OPTIMAL", "rc2")
    assert len(os.listdir("/proc/self/fd")) <= descriptors  # no pipe left open
