"""Anytime solving with CP-SAT: lexicographic phases, progress, tables after slots."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ortools.sat.python import cp_model

from keruen.scheduling.bounds import optional_weight_bound, star_bound
from keruen.scheduling.instance import Instance
from keruen.scheduling.maxsat import solve_maxsat
from keruen.scheduling.maxsat import supported as maxsat_supported
from keruen.scheduling.model import B2BModel, ModelParams, build_model
from keruen.scheduling.result import Assignment, Objective, Result
from keruen.scheduling.tables import assign_tables

MAXSAT_SHARE = 0.7  # of the time left after the quick CP-SAT run
LNS_MIN_LEFT = 15.0  # seconds left after RC2 below which the LNS phase is skipped
DAY_LNS_MIN_LEFT = 4.0  # seconds left after RC2 below which the one-day LNS is skipped
# From this many meetings the one-day LNS runs on the construction before the exact search
# (the JAIR instances, which RC2 and the SAT ladder prove in seconds, have at most 302).
LNS_FIRST_MEETINGS = 500
LNS_FIRST_SHARE = 0.25  # of the time limit
LARGE = 3000  # meetings; above this ``solve`` switches to the expo-scale heuristic
CONSTRUCT_MAX_S = 10.0  # seconds at most for the construction that seeds the exact search
ProgressFn = Callable[[float, float, float], None]
"""Called with (objective, bound, elapsed seconds) whenever either improves."""

_STATUS = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.MODEL_INVALID: "UNKNOWN",
    cp_model.UNKNOWN: "UNKNOWN",
}


@dataclass
class _Phase:
    status: str
    value: int | None
    bound: int | None
    slots: dict[int, int] | None  # meeting index -> slot position


class _Reporter:
    """Forwards improving (objective, bound) pairs to the user's progress callback."""

    def __init__(self, progress: ProgressFn | None, start: float) -> None:
        self.progress = progress
        self.start = start
        self.best: float | None = None
        self.bound: float | None = None

    def solution(self, value: float) -> None:
        # A later search may start from a worse schedule than one already found (CP-SAT's
        # first solution after RC2, say): the user sees the best known, which never rises.
        if self.best is not None and value >= self.best:
            return
        self.best = value
        self._emit()

    def new_bound(self, value: float) -> None:
        # A later phase's own bound may start below what earlier phases proved: keep the best.
        self.bound = value if self.bound is None else max(self.bound, value)
        self._emit()

    def _emit(self) -> None:
        if self.progress is not None and self.best is not None:
            bound = self.bound if self.bound is not None else 0.0
            self.progress(self.best, bound, time.monotonic() - self.start)


class _Callback(cp_model.CpSolverSolutionCallback):
    def __init__(self, reporter: _Reporter) -> None:
        super().__init__()
        self.reporter = reporter

    def on_solution_callback(self) -> None:
        self.reporter.solution(self.objective_value)


def solver_parameters(
    solver: cp_model.CpSolver, *, time_limit: float, workers: int, seed: int
) -> None:
    """The measured best CP-SAT settings for this model (see docs/scheduling.md)."""
    p = solver.parameters
    p.max_time_in_seconds = max(0.01, time_limit)
    p.num_workers = max(1, workers)
    p.random_seed = seed
    p.log_search_progress = False
    # Deterministic given (seed, workers) unless the time limit cuts the search.
    p.interleave_search = False


def _run(
    b: B2BModel,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    reporter: _Reporter | None,
    first: bool = False,
    lns: bool = False,
    solver: cp_model.CpSolver | None = None,
) -> _Phase:
    solver = solver or cp_model.CpSolver()
    solver_parameters(solver, time_limit=time_limit, workers=workers, seed=seed)
    solver.parameters.stop_after_first_solution = first
    # Large-neighbourhood search only: no proof, but far better schedules where the full
    # search stalls (measured on the open JAIR originals, see docs/scheduling.md).
    solver.parameters.use_lns_only = lns
    callback = None
    if reporter is not None:
        callback = _Callback(reporter)
        solver.best_bound_callback = reporter.new_bound
    status = _STATUS[solver.solve(b.model, callback)]
    if status not in ("OPTIMAL", "FEASIBLE"):
        return _Phase(status, None, None, None)
    slots = {k: t for (k, t), var in b.x.items() if solver.boolean_value(var)}
    value = round(solver.objective_value)
    bound = round(solver.best_objective_bound + 1e-6) if status == "FEASIBLE" else value
    return _Phase(status, value, bound, slots)


class _BesideMaxSat:
    """The quick first-schedule CP-SAT run, in a thread beside RC2.

    RC2 is single-threaded, so one CP-SAT worker on the idle core finds the anytime schedule
    while RC2 works, instead of delaying it (0.26 s of forumt-14's 0.68 s when run first).
    The CP-SAT call releases the GIL; RC2's SAT calls do too.
    """

    def __init__(self, b: B2BModel, *, time_limit: float, seed: int, reporter: _Reporter) -> None:
        self._solver = cp_model.CpSolver()
        # One worker with the LP relaxation finds no first schedule in 5 s on forum-14,
        # ticf-14crafa or forum-13crafb; without it, in 0.6-0.7 s (measured).
        self._solver.parameters.linearization_level = 0
        self._phase: _Phase | None = None
        self._error: BaseException | None = None
        kw = {"time_limit": time_limit, "workers": 1, "seed": seed, "reporter": reporter}
        self._thread = threading.Thread(target=self._go, args=(b, kw), daemon=True)
        self._thread.start()

    def _go(self, b: B2BModel, kw: dict[str, Any]) -> None:
        try:
            self._phase = _run(b, first=True, solver=self._solver, **kw)
        except BaseException as exc:  # raised again in the caller's thread by ``result``
            self._error = exc

    def found(self) -> bool:
        """Whether a schedule is known already (asked when the SAT ladder starts)."""
        return self._phase is not None and self._phase.slots is not None

    def result(self, *, stop: bool) -> _Phase:
        """Its outcome; ``stop`` ends the search first (RC2 has settled the question)."""
        if stop:
            self._solver.stop_search()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._phase is not None
        return self._phase


def _hint(b: B2BModel, slots: Mapping[int, int]) -> None:
    b.model.clear_hints()  # type: ignore[no-untyped-call]
    for (k, t), var in b.x.items():
        b.model.add_hint(var, slots.get(k) == t)


def solve(
    instance: Instance,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressFn | None = None,
    keep: Mapping[str, int] | None = None,
    fairness: int | None = None,
    params: ModelParams | None = None,
    hint: Mapping[str, int] | None = None,
    engine: str = "auto",
) -> Result:
    """Schedule ``instance``: the best valid schedule found within ``time_limit`` seconds.

    Lexicographic: first the scheduled weight of optional meetings, then (if ``keep`` maps
    meeting ids to the positions of their previous slots) the number of moved meetings,
    then breaks; each phase fixes the previous optimum. ``bound`` is the proved lower
    bound on breaks given the earlier phases. ``hint`` (meeting id -> slot id) seeds the
    search. ``engine`` is "auto" (RC2 MaxSAT when the instance fits its encoding, then
    CP-SAT) or "cpsat".
    """
    start = time.monotonic()
    if len(instance.meetings) > LARGE and keep is None and engine == "auto":
        # A monolithic model does not scale: greedy construction + local search instead.
        from keruen.scheduling.heuristics.large import solve_large

        return solve_large(instance, time_limit=time_limit, seed=seed, progress=progress)
    # The CNF and the checker read fairness from the instance: give them the d asked for.
    classic = instance if fairness is None else replace(instance, fairness=fairness)
    built = None
    greedy_breaks: int | None = None  # the construction's, when the LNS improved on it
    if (
        engine == "auto"
        and keep is None
        and not hint
        and not any(m.optional for m in instance.meetings)
    ):
        # A construction first: in seconds it often has no break at all (the demo expo),
        # which needs no proof; otherwise the star bounds may prove it, or it seeds the search.
        built = _construct(classic, time_limit=min(CONSTRUCT_MAX_S, time_limit * 0.1))
        if built is not None and built[1] > 0 and len(instance.meetings) >= LNS_FIRST_MEETINGS:
            # Past the size where RC2 proves in seconds, the LNS removes most breaks first.
            greedy_breaks = built[1]
            built = _day_lns(classic, built[0], time_limit=time_limit * LNS_FIRST_SHARE, seed=seed)
        if built is not None and built[1] == 0:
            stats0: dict[str, object] = {
                "meetings": len(instance.meetings),
                "construction": greedy_breaks or 0,
            }
            if greedy_breaks is not None:
                stats0["day_lns_first"] = 0
            return _result(instance, "OPTIMAL", built[0], 0, start, stats0)
    # With optional meetings, the expo path's construction (insertions included) seeds the
    # weight phase: alone, CP-SAT scheduled less weight with far more breaks (a generated
    # 200-delegate event with twice the requests: weight 589 and 516 breaks in 60 s, where
    # the expo path had 693 and 147 in 20 s).
    seeded = None
    if (
        engine == "auto"
        and keep is None
        and not hint
        and any(m.optional for m in instance.meetings)
    ):
        seeded = _construct_optional(
            classic, time_limit=min(CONSTRUCT_MAX_S, time_limit * 0.1), seed=seed
        )
    params = params or ModelParams()
    if fairness is not None:
        params = replace(params, fairness=fairness)
    if keep is not None:
        params = replace(params, keep=dict(keep))
    b = build_model(instance, params)
    stats: dict[str, object] = {"meetings": len(instance.meetings), "vars": len(b.x)}
    if built is not None:
        stats["construction"] = built[1] if greedy_breaks is None else greedy_breaks
        if greedy_breaks is not None:
            stats["day_lns_first"] = built[1]
    if b.infeasible_reason is not None:
        stats["reason"] = b.infeasible_reason
        return _result(instance, "INFEASIBLE", None, None, start, stats)
    if hint:
        index = instance.meeting_index
        pos = instance.slot_index
        _hint(b, {index[mid]: pos[s] for mid, s in hint.items() if mid in index and s in pos})
    deadline = start + time_limit
    proved = True
    best: dict[int, int] | None = None
    kw: dict[str, Any] = {"workers": workers, "seed": seed}

    def left() -> float:
        return max(0.01, deadline - time.monotonic())

    # Phase 1: maximise scheduled optional weight.
    if any(lit is not None for lit in b.present):
        # The slot-count relaxation bounds the weight far tighter than CP-SAT's own LP
        # (34 where CP-SAT's bound stayed at the 87 requested, on a generated 30-delegate
        # event whose optimum is 34): as a constraint it lets CP-SAT stop as soon as a
        # schedule reaches it.
        relaxed = optional_weight_bound(instance)
        b.model.add(b.weight <= relaxed)
        b.model.maximize(b.weight)
        if seeded is not None:
            _hint(b, seeded)
        ph = _run(b, time_limit=left() * 0.4, reporter=None, **kw)
        if ph.status == "INFEASIBLE" or (ph.slots is None and seeded is None):
            return _result(instance, ph.status, None, None, start, stats)
        found = ph.slots if ph.slots is not None else seeded
        assert found is not None  # one of the two, or the return above
        best = _better_slots(instance, found, seeded)
        weight = _evaluate(instance, best).scheduled_weight
        weight_proved = ph.status == "OPTIMAL" or weight == relaxed
        proved &= weight_proved
        stats["weight_bound"] = weight if weight_proved else min(relaxed, ph.bound or relaxed)
        b.model.add(b.weight >= weight)
        _hint(b, best)
        stats["weight_phase"] = "OPTIMAL" if weight_proved else ph.status
        if seeded is not None and left() >= DAY_LNS_MIN_LEFT:
            # The weight is settled: the one-day LNS removes breaks where CP-SAT stalls.
            best, stats["day_lns_breaks"] = _day_lns(
                classic, best, time_limit=left() / 2, seed=seed
            )
            _hint(b, best)
    # Phase 2: re-scheduling keeps as many meetings in place as possible.
    if keep is not None:
        b.model.minimize(b.moved)
        ph = _run(b, time_limit=left() * 0.5, reporter=None, **kw)
        if ph.slots is None:
            # Keep the weight phase's schedule if this phase found nothing in time.
            status = ph.status if best is None else "FEASIBLE"
            return _result(instance, status, best, None, start, stats)
        proved &= ph.status == "OPTIMAL"
        best = ph.slots
        b.model.add(b.moved <= (ph.value or 0))
        _hint(b, best)
        stats["moved"] = ph.value
        stats["moved_phase"] = ph.status
    # Last phase: minimise breaks, starting from the per-participant star bounds.
    stars = add_star_bounds(b, instance, deadline)
    floor = sum(stars.values())
    stats["star_bound"] = floor
    b.model.minimize(b.breaks)
    reporter = _Reporter(progress, start)
    reporter.bound = float(floor)  # the star bounds are proved already: report them as such
    if built is not None:
        slots, breaks = built
        reporter.solution(float(breaks))
        if breaks <= floor:  # the star bounds prove the construction optimal
            return _result(instance, "OPTIMAL", slots, breaks, start, stats)
        best = slots
        _hint(b, best)
    if engine != "cpsat" and keep is None and maxsat_supported(classic):
        # Core-guided MaxSAT proves these fastest. The construction is the anytime schedule;
        # without one, CP-SAT looks for one beside RC2 and the SAT ladder, which get most of
        # the time: they are what proves.
        beside = None
        if best is None:
            quick_limit = min(5.0, left() * 0.2)
            beside = _BesideMaxSat(b, time_limit=quick_limit, seed=seed, reporter=reporter)
        try:
            out = solve_maxsat(
                classic,
                time_limit=left() * MAXSAT_SHARE,
                lower=stars,
                feasible=True if beside is None else beside.found,
            )
        except BaseException:
            if beside is not None:
                beside.result(stop=True)  # leave no search running behind an error
            raise
        stats["maxsat"] = out.status
        stats["maxsat_by"] = out.by
        settled = out.status in ("OPTIMAL", "INFEASIBLE")
        quick = (
            _Phase("FEASIBLE", None, None, best) if beside is None else beside.result(stop=settled)
        )
        stats["quick"] = quick.status
        if out.status == "OPTIMAL" and out.slots is not None:
            reporter.solution(float(out.cost or 0))
            return _result(instance, "OPTIMAL", out.slots, out.cost, start, stats)
        if out.status == "INFEASIBLE":
            return _result(instance, "INFEASIBLE", None, None, start, stats)
        if quick.status in ("OPTIMAL", "INFEASIBLE"):
            bound = None if quick.bound is None else max(quick.bound, floor)
            return _result(instance, quick.status, quick.slots, bound, start, stats)
        floor = max(floor, out.bound)
        reporter.bound = max(reporter.bound or 0.0, float(floor))
        if quick.slots is not None:
            _hint(b, quick.slots)
            best = quick.slots
        if best is not None and left() >= DAY_LNS_MIN_LEFT:
            # One-day neighbourhoods re-optimised exactly: on multi-day expos this removes
            # breaks where RC2 and CP-SAT's own LNS stall (64 -> 31 on a generated
            # 1,000-meeting expo in 60 s); CP-SAT then continues from its schedule.
            best, lns_breaks = _day_lns(classic, best, time_limit=left() / 2, seed=seed)
            stats["day_lns_breaks"] = lns_breaks
            if lns_breaks <= floor:
                return _result(instance, "OPTIMAL", best, floor, start, stats)
            reporter.solution(float(lns_breaks))
            _hint(b, best)
        if left() >= LNS_MIN_LEFT:
            # RC2 gave the bound but no schedule: a third of the rest for the full CP-SAT
            # search (it may still prove), then LNS from its best schedule.
            ph = _run(b, time_limit=left() / 3, reporter=reporter, **kw)
            stats["cpsat_full"] = ph.status
            if ph.status == "INFEASIBLE":
                return _result(instance, "INFEASIBLE", None, None, start, stats)
            if ph.slots is not None and ph.value is not None:
                if ph.status == "OPTIMAL" or ph.value <= floor:
                    bound = max(ph.bound or 0, floor)
                    return _result(instance, "OPTIMAL", ph.slots, bound, start, stats)
                floor = max(floor, ph.bound or 0)
                best = _better_slots(instance, ph.slots, best)
                _hint(b, best)
            ph = _run(b, time_limit=left(), reporter=reporter, lns=True, **kw)
            stats["cpsat_lns"] = ph.status
            if ph.slots is None or ph.value is None:
                status = "UNKNOWN" if best is None else "FEASIBLE"
                return _result(
                    instance, status, best, floor if best is not None else None, start, stats
                )
            if ph.value <= floor:
                return _result(instance, "OPTIMAL", ph.slots, ph.value, start, stats)
            best = _better_slots(instance, ph.slots, best)
            return _result(instance, "FEASIBLE", best, floor, start, stats)
    ph = _run(b, time_limit=left(), reporter=reporter, **kw)
    if ph.slots is None:
        status = ph.status if best is None else "FEASIBLE"
        if status == "INFEASIBLE":
            return _result(instance, status, None, None, start, stats)
        return _result(instance, status, best, floor if best is not None else None, start, stats)
    # The star/RC2 floor may prove optimality where CP-SAT's own bound did not.
    proved &= ph.status == "OPTIMAL" or (ph.value is not None and ph.value <= floor)
    bound = None if ph.bound is None else max(ph.bound, floor)
    if proved:
        return _result(instance, "OPTIMAL", ph.slots, bound, start, stats)
    final = _better_slots(instance, ph.slots, best)
    return _result(instance, "FEASIBLE", final, bound, start, stats)


def _better_slots(
    instance: Instance, found: dict[int, int], best: dict[int, int] | None
) -> dict[int, int]:
    """``found`` unless ``best`` is better: a hint is not always CP-SAT's first solution,
    so a time-limited run can end worse than the schedule it was given."""
    if best is None:
        return found
    a, b = (_evaluate(instance, s) for s in (found, best))
    return found if (a.scheduled_weight, -a.breaks) >= (b.scheduled_weight, -b.breaks) else best


def _evaluate(instance: Instance, slots: Mapping[int, int]) -> Objective:
    from keruen.scheduling.check import evaluate

    return evaluate(instance, _assignments(instance, slots))


def _day_lns(
    instance: Instance, slots: dict[int, int], *, time_limit: float, seed: int
) -> tuple[dict[int, int], int]:
    """``slots`` improved by the one-day LNS (never worse), and its breaks."""
    from keruen.scheduling.heuristics.lns import improve_by_lns

    better, info = improve_by_lns(instance, slots, time_limit=time_limit, seed=seed)
    return better, int(info["lns_breaks_after"])


def _construct(instance: Instance, *, time_limit: float) -> tuple[dict[int, int], int] | None:
    """The expo heuristic's schedule and its breaks, if it is complete and passes the checker.

    It knows nothing of fairness, so the checker (which does) decides whether it counts.
    """
    from keruen.scheduling.check import check, evaluate
    from keruen.scheduling.heuristics.greedy import large_solve

    slots, _ = large_solve(instance, time_limit=time_limit)
    if len(slots) < len(instance.meetings):
        return None
    assignments = _assignments(instance, slots)
    if check(instance, assignments):
        return None
    return slots, evaluate(instance, assignments).breaks


def _construct_optional(
    instance: Instance, *, time_limit: float, seed: int
) -> dict[int, int] | None:
    """The expo path's construction with as many optional meetings as it could insert, if
    it places every required meeting and passes the checker (fairness included)."""
    from keruen.scheduling.check import check
    from keruen.scheduling.heuristics.large import construct

    slots, _, all_required = construct(instance, time_limit=time_limit, seed=seed)
    if not all_required or check(instance, _assignments(instance, slots)):
        return None
    return slots


def add_star_bounds(b: B2BModel, instance: Instance, deadline: float) -> dict[str, int]:
    """Add ``breaks(p) >= star bound(p)`` (valid implied constraints); return the positive ones."""
    stars: dict[str, int] = {}
    for p in instance.participants:
        # A tenth of the remaining time at most: the bounds are a help, not the solve.
        budget = (deadline - time.monotonic()) / 10
        if budget <= 0.05:
            break
        lb = star_bound(instance, p.id, time_limit=min(1.0, budget))
        if lb > 0:
            b.model.add(b.breaks_of[p.id] >= lb)
            stars[p.id] = lb
    return stars


def _result(
    instance: Instance,
    status: str,
    slots: Mapping[int, int] | None,
    bound: int | None,
    start: float,
    stats: dict[str, object],
) -> Result:
    from keruen.scheduling.check import evaluate  # the checker is the one source of truth

    proved_weight = stats.get("weight_bound")  # set by the phase that proved one
    weight_bound = proved_weight if isinstance(proved_weight, int) else None
    wall = time.monotonic() - start
    if slots is None:
        return Result(instance.name, status, None, None, (), wall, stats, weight_bound)
    assignments = _assignments(instance, slots)
    objective: Objective = evaluate(instance, assignments)
    return Result(instance.name, status, objective, bound, assignments, wall, stats, weight_bound)


def _assignments(instance: Instance, slots: Mapping[int, int]) -> tuple[Assignment, ...]:
    """Assignments (tables included) of meeting index -> slot position."""
    by_id = {instance.meetings[k].id: instance.slots[t].id for k, t in slots.items()}
    return tuple(assign_tables(instance, by_id))


def slots_of(assignments: tuple[Assignment, ...] | list[Assignment]) -> dict[str, int]:
    """Meeting id -> slot id of a schedule."""
    return {a.meeting: a.slot for a in assignments}
