"""The CNF encoding and the SAT ladder that runs next to RC2."""

from __future__ import annotations

import gc
import multiprocessing
import threading
from pathlib import Path

import pytest
from pysat.formula import WCNF

from keruen.scheduling import ladder, maxsat, pb
from keruen.scheduling import solve as solve_module
from keruen.scheduling.bounds import star_bounds
from keruen.scheduling.check import check
from keruen.scheduling.instance import Instance, Meeting, Participant, Slot
from keruen.scheduling.io import read_dzn
from keruen.scheduling.outcome import result_of
from keruen.scheduling.solve import solve
from tests.scheduling.catalogue import catalogue

BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "b2b"
CASES = catalogue()
CLASSIC = sorted(
    name
    for name, case in CASES.items()
    if maxsat.supported(case.instance) and case.instance.meetings and case.breaks is not None
)


ENGINES = ["sat", "exact"]  # the two backends of the second process


def _run_ladder(
    instance: Instance, lower: dict[str, int], start: int = 0, engine: str = "sat"
) -> list[object]:
    """Run the worker in this process and collect its messages."""
    reader, writer = multiprocessing.Pipe(duplex=False)
    if engine == "exact":
        pb.run_exact(writer, instance, lower)
    else:
        solver = ladder.sat_ladder_solver()
        assert solver is not None
        ladder.run_ladder(writer, instance, lower, start, solver)
    messages = []
    while reader.poll():
        messages.append(reader.recv())
    return messages


def test_exact_is_the_preferred_backend() -> None:
    assert pb.exact_available()
    assert ladder.ladder_solver() == "exact"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", CLASSIC)
def test_ladder_ends_at_the_optimum(name: str, engine: str) -> None:
    case = CASES[name]
    messages = _run_ladder(case.instance, {}, engine=engine)
    *refuted, last = messages
    steps = [m[1] for m in refuted]  # type: ignore[index]
    if engine == "sat":
        assert steps == list(range(len(refuted)))  # one step at a time
    else:
        assert steps == sorted(set(steps))  # Exact's proved bound only rises
    assert all(step < last[1] for step in steps)  # type: ignore[index]
    assert isinstance(last, tuple)
    assert last[0] == "sat"
    assert last[1] == case.breaks
    result = result_of(case.instance, "OPTIMAL", last[2], last[1], 0.0, {})
    assert check(case.instance, result) == []
    assert result.objective is not None
    assert result.objective.breaks == case.breaks


@pytest.mark.parametrize("engine", ENGINES)
def test_ladder_proves_infeasibility(engine: str) -> None:
    inst = read_dzn(BENCH / "forum-13crafb.prec25.dzn", fairness=2)  # UNSAT in the paper
    assert _run_ladder(inst, {}, engine=engine)[-1] == ("infeasible",)


def test_exact_proves_what_the_sat_ladder_finds_hard() -> None:
    # forum-13crafc: optimum 1, "breaks <= 0" refuted. The original whose proof took 15-20 s
    # with the SAT ladder (too slow for a test); about 1.5 s with Exact.
    inst = read_dzn(BENCH / "forum-13crafc.original.dzn", fairness=2)
    lower = {pid: lb for pid, lb in star_bounds(inst).items() if lb > 0}
    *refuted, last = _run_ladder(inst, lower, engine="exact")
    assert refuted[-1] == ("unsat", 0)
    kind, cost, slots = last  # type: ignore[misc]
    assert (kind, cost) == ("sat", 1)
    result = result_of(inst, "OPTIMAL", slots, cost, 0.0, {})
    assert check(inst, result) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_star_bounds_make_the_first_step_tight(engine: str) -> None:
    # forumt-14crafd's star bounds add up to its optimum, 4: the first step is satisfiable.
    inst = read_dzn(BENCH / "forumt-14crafd.original.dzn", fairness=2)
    lower = {pid: lb for pid, lb in star_bounds(inst).items() if lb > 0}
    assert sum(lower.values()) == 4
    messages = _run_ladder(inst, lower, engine=engine)
    if engine == "exact":
        messages = [m for m in messages if m[0] != "unsat"]  # type: ignore[index]
    assert len(messages) == 1
    kind, cost, slots = messages[0]  # type: ignore[misc]
    assert (kind, cost) == ("sat", 4)
    result = result_of(inst, "OPTIMAL", slots, cost, 0.0, {})
    assert check(inst, result) == []
    assert result.objective is not None
    assert result.objective.breaks == 4


def test_solve_maxsat_with_the_ladder_is_optimal() -> None:
    inst = read_dzn(BENCH / "forumt-14crafd.original.dzn", fairness=2)
    lower = {pid: lb for pid, lb in star_bounds(inst).items() if lb > 0}
    outcome = maxsat.solve_maxsat(inst, time_limit=60, lower=lower)
    assert outcome.status == "OPTIMAL"
    assert outcome.cost == outcome.bound == 4


def test_encoding_is_compact() -> None:
    # The pairwise window clauses were O(slots²) and the totalizers O(n²) per table
    # constraint: ticf-14crafa took 1.07 M clauses before.
    inst = read_dzn(BENCH / "ticf-14crafa.original.dzn", fairness=2)
    assert len(maxsat._encode(inst).wcnf.hard) < 600_000


@pytest.mark.parametrize("engine", ["auto", "cpsat"])
def test_a_shared_booth_seats_one_meeting_per_slot(engine: str) -> None:
    # Two holders of booth "B" (the demo expo has six such pairs): their meetings cannot
    # both be at the booth in one slot, and there is no shared table to move one to.
    people = (
        Participant("a", booth="B"),
        Participant("b", booth="B"),
        Participant("c"),
        Participant("d"),
    )
    meetings = (Meeting("m1", ("a", "c")), Meeting("m2", ("b", "d")))
    inst = Instance("shared-booth", (Slot(1), Slot(2)), 0, people, meetings)
    result = solve(inst, time_limit=10, workers=1, seed=1, engine=engine)
    assert result.status == "OPTIMAL"
    assert check(inst, result) == []
    assert len({a.slot for a in result.assignments}) == 2


def test_the_fairness_argument_reaches_the_maxsat_path(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int | None] = []

    def fake(instance: Instance, **_: object) -> maxsat.MaxSatOutcome:
        seen.append(instance.fairness)
        return maxsat.MaxSatOutcome("UNKNOWN", None, None, 0)

    monkeypatch.setattr(solve_module, "solve_maxsat", fake)
    inst = read_dzn(BENCH / "forumt-14crafd.original.dzn", fairness=2)
    solve_module.solve(inst, time_limit=4, workers=1, seed=1, fairness=3)
    assert seen == [3]


def test_the_expo_heuristic_seats_one_meeting_per_shared_booth_and_slot() -> None:
    from keruen.scheduling.heuristics import solve_large

    # Booth "B" has two holders with three meetings each and there are no shared tables:
    # six slots are needed, and no slot may hold two booth meetings.
    people = (
        Participant("a", booth="B"),
        Participant("b", booth="B"),
        *(Participant(f"v{i}") for i in range(6)),
    )
    meetings = tuple(Meeting(f"m{i}", (holder, f"v{i}")) for i, holder in enumerate("aaabbb"))
    inst = Instance("expo-shared-booth", tuple(Slot(t) for t in range(1, 7)), 0, people, meetings)
    result = solve_large(inst, time_limit=5)
    assert result.status in ("FEASIBLE", "OPTIMAL")
    assert check(inst, result) == []
    assert len({a.slot for a in result.assignments}) == 6


def test_the_sat_ladder_joins_exact_after_a_while() -> None:
    plan = ladder._plan(4.0)
    assert [engine for engine, _ in plan] == ["exact", ladder.sat_ladder_solver()]
    assert [after for _, after in plan] == [0.0, 4.0]


def test_a_watch_with_both_searches_settles_and_leaves_nothing_running() -> None:
    # Both start at once (join_after=0): whichever settles first, the result is the optimum
    # and closing the watch ends the other.
    inst = read_dzn(BENCH / "forumt-14crafd.original.dzn", fairness=2)
    lower = {pid: lb for pid, lb in star_bounds(inst).items() if lb > 0}
    settled = threading.Event()
    watch = ladder.LadderWatch(inst, lower, lambda: 0, settled.set, lambda: True, join_after=0.0)
    watch.start()
    assert settled.wait(60)
    assert watch.found is not None
    cost, slots = watch.found
    assert cost == 4
    assert watch.by in ("exact", "ladder")
    result = result_of(inst, "OPTIMAL", slots, cost, 0.0, {})
    assert check(inst, result) == []
    watch.close()
    assert not watch.running()


def test_the_cycle_collector_is_paused_while_encoding_and_restored_after() -> None:
    assert gc.isenabled()
    with maxsat.without_cyclic_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it itself keeps it paused
    try:
        with maxsat.without_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_stop_during_the_encoding_ends_it_at_the_next_part(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Exact may settle a small instance before RC2's encoding is done: RC2 stops there.
    inst = read_dzn(BENCH / "tic-12.original.dzn", fairness=2)
    stopped = threading.Event()
    busy = maxsat._busy
    tables_encoded: list[maxsat._Encoder] = []

    def busy_then_stop(e: maxsat._Encoder) -> None:
        busy(e)
        stopped.set()

    monkeypatch.setattr(maxsat, "_busy", busy_then_stop)
    monkeypatch.setattr(maxsat, "_tables", tables_encoded.append)
    with pytest.raises(maxsat.RC2Stopped):
        maxsat._encode(inst, stopped=stopped)
    assert tables_encoded == []


def test_a_stop_while_rc2_loads_its_clauses_ends_the_loading() -> None:
    stopped = threading.Event()
    clauses = maxsat._CheckedClauses([[1, 2]] * 10_000, stopped)
    assert len(list(clauses)) == 10_000
    stopped.set()
    with pytest.raises(maxsat.RC2Stopped):
        list(clauses)
    with pytest.raises(maxsat.RC2Stopped):
        maxsat._StoppableRC2(WCNF(), solver="g4").init(_formula_with(clauses))


def _formula_with(hard: list[list[int]]) -> WCNF:
    formula = WCNF()
    formula.hard = hard
    formula.nv = 2
    return formula
