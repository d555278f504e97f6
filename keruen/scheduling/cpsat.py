"""Runs of the CP-SAT model: parameters, progress reports, one phase's outcome, and the
first-schedule search that runs beside RC2."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from keruen.scheduling.model import B2BModel

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
class Phase:
    """One CP-SAT run's outcome: status, objective value, proved bound and schedule."""

    status: str
    value: int | None
    bound: int | None
    slots: dict[int, int] | None  # meeting index -> slot position


class Reporter:
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
    def __init__(self, reporter: Reporter) -> None:
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


def run(
    b: B2BModel,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    reporter: Reporter | None,
    first: bool = False,
    lns: bool = False,
    solver: cp_model.CpSolver | None = None,
) -> Phase:
    """Solve ``b.model`` once within ``time_limit``: to the first schedule (``first``), by
    large-neighbourhood search only (``lns``), or in full."""
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
        return Phase(status, None, None, None)
    slots = {k: t for (k, t), var in b.x.items() if solver.boolean_value(var)}
    value = round(solver.objective_value)
    bound = round(solver.best_objective_bound + 1e-6) if status == "FEASIBLE" else value
    return Phase(status, value, bound, slots)


class BesideMaxSat:
    """The quick first-schedule CP-SAT run, in a thread beside RC2.

    RC2 is single-threaded, so one CP-SAT worker on the idle core finds the anytime schedule
    while RC2 works, instead of delaying it (0.26 s of forumt-14's 0.68 s when run first).
    The CP-SAT call releases the GIL; RC2's SAT calls do too.
    """

    def __init__(self, b: B2BModel, *, time_limit: float, seed: int, reporter: Reporter) -> None:
        self._solver = cp_model.CpSolver()
        # One worker with the LP relaxation finds no first schedule in 5 s on forum-14,
        # ticf-14crafa or forum-13crafb; without it, in 0.6-0.7 s (measured).
        self._solver.parameters.linearization_level = 0
        self._phase: Phase | None = None
        self._error: BaseException | None = None
        kw = {"time_limit": time_limit, "workers": 1, "seed": seed, "reporter": reporter}
        self._thread = threading.Thread(target=self._go, args=(b, kw), daemon=True)
        self._thread.start()

    def _go(self, b: B2BModel, kw: dict[str, Any]) -> None:
        try:
            self._phase = run(b, first=True, solver=self._solver, **kw)
        except BaseException as exc:  # raised again in the caller's thread by ``result``
            self._error = exc

    def found(self) -> bool:
        """Whether a schedule is known already (asked when the SAT ladder starts)."""
        return self._phase is not None and self._phase.slots is not None

    def result(self, *, stop: bool) -> Phase:
        """Its outcome; ``stop`` ends the search first (RC2 has settled the question)."""
        if stop:
            self._solver.stop_search()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._phase is not None
        return self._phase


def set_hint(b: B2BModel, slots: Mapping[int, int]) -> None:
    """Make ``slots`` (meeting index -> slot position) the model's only hint."""
    b.model.clear_hints()  # type: ignore[no-untyped-call]
    for (k, t), var in b.x.items():
        b.model.add_hint(var, slots.get(k) == t)
