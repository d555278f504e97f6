"""Anytime solving: a construction, then lexicographic phases (weight, moves, breaks) with
RC2, the SAT ladder and CP-SAT; progress reports; tables after slots."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace

from ortools.sat.python import cp_model

from keruen.scheduling.bounds import add_star_bounds, moved_bound, optional_weight_bound
from keruen.scheduling.capacity import infeasible_by_counting
from keruen.scheduling.check import check
from keruen.scheduling.child import SpareChild
from keruen.scheduling.construction import (
    CONSTRUCT_MAX_S,
    LNS_FIRST_MEETINGS,
    Built,
    construct_first,
    construct_with_optional,
    construction_stats,
    improve_by_day_lns,
)
from keruen.scheduling.cpsat import BesideMaxSat, Phase, ProgressFn, Reporter, run, set_hint
from keruen.scheduling.heuristics.greedy import place_around
from keruen.scheduling.instance import Instance
from keruen.scheduling.ladder import CHILD_IMPORTS, LadderWatch, ladder_solver
from keruen.scheduling.maxsat import solve_maxsat, without_cyclic_gc
from keruen.scheduling.maxsat import supported as maxsat_supported
from keruen.scheduling.model import B2BModel, ModelParams, build_model
from keruen.scheduling.outcome import assignments_of, better_slots, evaluate_slots, result_of
from keruen.scheduling.result import Result

MAXSAT_SHARE = 0.7  # of the time left after the quick CP-SAT run
LNS_MIN_LEFT = 15.0  # seconds left after RC2 below which the LNS phase is skipped
DAY_LNS_MIN_LEFT = 4.0  # seconds left after RC2 below which the one-day LNS is skipped
LARGE = 3000  # meetings; above this ``solve`` switches to the expo-scale heuristic


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
    # A counting proof (too few tables, a delegate with more meetings than free slots): no
    # search could succeed, and the proof says what to change.
    proved = infeasible_by_counting(instance, start)
    if proved is not None:
        return proved
    # The CNF and the checker read fairness from the instance: give them the d asked for.
    classic = instance if fairness is None else replace(instance, fairness=fairness)
    maxsat = engine != "cpsat" and keep is None and maxsat_supported(classic)
    # The searches beside RC2 run in a child process: started now, its Python start and
    # imports (0.1 s) overlap with the construction and the model (and it is killed unused if
    # the construction has no break). On small instances Exact settles before RC2 has encoded;
    # with RC2 stopping there too (``maxsat._encode``), forumt-14crafd took 0.36 s instead of
    # 0.47 s (medians of 12 solves, docs/scheduling.md); started after the construction, 0.42.
    spare = _spare_child() if maxsat else None
    try:
        fresh = engine == "auto" and keep is None and not hint
        built: Built | None = None
        greedy_breaks: int | None = None  # the construction's, when the LNS improved on it
        seeded: dict[int, int] | None = None
        if fresh and not any(m.optional for m in instance.meetings):
            # A construction first: in seconds it often has no break at all (the demo expo),
            # which needs no proof; otherwise the star bounds may prove it, or it seeds the search.
            built, greedy_breaks = construct_first(classic, time_limit=time_limit, seed=seed)
            if built is not None and built[1] == 0:
                first: dict[str, object] = {"meetings": len(instance.meetings)}
                first.update(construction_stats(built, greedy_breaks))
                return result_of(instance, "OPTIMAL", built[0], 0, start, first)
        elif fresh:
            # With optional meetings, the expo path's construction (insertions included) seeds the
            # weight phase: alone, CP-SAT scheduled less weight with far more breaks (a generated
            # 200-delegate event with twice the requests: weight 589 and 516 breaks in 60 s, where
            # the expo path had 693 and 147 in 20 s).
            seeded = construct_with_optional(
                classic, time_limit=min(CONSTRUCT_MAX_S, time_limit * 0.1), seed=seed
            )
        with without_cyclic_gc():
            b = build_model(instance, _model_params(params, fairness=fairness, keep=keep))
        stats: dict[str, object] = {"meetings": len(instance.meetings), "vars": len(b.x)}
        if built is not None:
            stats.update(construction_stats(built, greedy_breaks))
        if b.infeasible_reason is not None:
            stats["reason"] = b.infeasible_reason
            return result_of(instance, "INFEASIBLE", None, None, start, stats)
        if hint:
            set_hint(b, _positions(instance, hint))
        search = _Search(
            instance,
            classic,
            b,
            start=start,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            progress=progress,
            stats=stats,
        )
        done = None
        if any(lit is not None for lit in b.present):
            done = search.maximise_weight(seeded)
        if done is None and keep is not None:
            done = search.minimise_moved(keep)
        if done is not None:
            return done
        try:
            return search.minimise_breaks(built, maxsat=maxsat, spare=spare)
        finally:
            search.close()
    finally:
        if spare is not None:
            spare.close()


def _spare_child() -> SpareChild | None:
    """A child process for the searches beside RC2, if there is a search to run and a process
    can be started (else RC2 runs alone, as when ``LadderWatch`` cannot start one)."""
    if ladder_solver() is None:
        return None
    try:
        return SpareChild(CHILD_IMPORTS)
    except OSError:
        return None


class _Search:
    """The exact search's phases on one model, and what they share: the best schedule so
    far, the proved floor on breaks, whether the earlier phases proved their optimum, the
    statistics and the progress reports. Each phase returns a ``Result`` when the search is
    over, else None."""

    def __init__(
        self,
        instance: Instance,
        classic: Instance,
        b: B2BModel,
        *,
        start: float,
        time_limit: float,
        workers: int,
        seed: int,
        progress: ProgressFn | None,
        stats: dict[str, object],
    ) -> None:
        self.instance = instance
        self.classic = classic  # with the fairness asked for: what the CNF and LNS read
        self.b = b
        self.start = start
        self.deadline = start + time_limit
        self.seed = seed
        self.workers = workers
        self.stats = stats
        self.reporter = Reporter(progress, start)
        self.best: dict[int, int] | None = None
        self.proved = True  # every phase before the last proved its optimum
        self.floor = 0  # proved lower bound on breaks
        self.weight_floor = (
            0  # optional weight the weight phase fixed: every later schedule keeps it
        )
        self.ladder: LadderWatch | None = None  # still searching after RC2 (``_by_maxsat``)
        self._cpsat: cp_model.CpSolver | None = None  # the CP-SAT run in progress

    def left(self) -> float:
        return max(0.01, self.deadline - time.monotonic())

    def _run(self, time_limit: float, *, report: bool = True, lns: bool = False) -> Phase:
        """One CP-SAT run of the model; progress is reported in the breaks phase only."""
        self._cpsat = cp_model.CpSolver()
        if self._ladder_settled():
            return Phase("UNKNOWN", None, None, None)  # the optimum is in hand
        return run(
            self.b,
            time_limit=time_limit,
            workers=self._workers(),
            seed=self.seed,
            reporter=self.reporter if report else None,
            lns=lns,
            solver=self._cpsat,
        )

    def result(self, status: str, slots: Mapping[int, int] | None, bound: int | None) -> Result:
        if self.ladder is not None:
            settled, self.ladder = self.ladder, None
            settled.close()
            if settled.found is not None:
                # The ladder, left running after RC2, proved the optimum meanwhile.
                self.stats["maxsat"], self.stats["maxsat_by"] = "OPTIMAL", settled.by
                cost, ladder_slots = settled.found
                self.reporter.solution(float(cost))
                return result_of(
                    self.instance, "OPTIMAL", ladder_slots, cost, self.start, self.stats
                )
        return result_of(self.instance, status, slots, bound, self.start, self.stats)

    def _workers(self) -> int:
        """CP-SAT's threads. Once a schedule is in hand, the searches handed over by RC2 take
        RC2's core (they stop taking turns) and CP-SAT keeps one worker fewer: the forb0007
        variants of forum-13crafc and ticf-13crafc were open at 60 s with two CP-SAT workers
        beside the searches taking turns, proved in 49 s this way. Without a schedule,
        finding one comes first: CP-SAT has every worker and the searches keep taking turns."""
        if self.ladder is not None and self.best is not None and self.ladder.running():
            self.ladder.share_rc2_core()
            return max(1, self.workers - 1)
        return self.workers

    def _ladder_settled(self) -> bool:
        return self.ladder is not None and self.ladder.found is not None

    def _stop_cpsat(self) -> None:
        """Called by the ladder's thread once it has the optimum: the running CP-SAT stops."""
        if self._cpsat is not None:
            self._cpsat.stop_search()

    def close(self) -> None:
        """End what still runs in the background (after an error, say)."""
        if self.ladder is not None:
            self.ladder.close()
            self.ladder = None

    def maximise_weight(self, seeded: dict[int, int] | None) -> Result | None:
        """Phase 1: the heaviest optional meetings that fit; the weight is then fixed."""
        b = self.b
        # The slot-count relaxation bounds the weight far tighter than CP-SAT's own LP
        # (34 where CP-SAT's bound stayed at the 87 requested, on a generated 30-delegate
        # event whose optimum is 34): as a constraint it lets CP-SAT stop as soon as a
        # schedule reaches it.
        relaxed = optional_weight_bound(self.instance)
        b.model.add(b.weight <= relaxed)
        b.model.maximize(b.weight)
        if seeded is not None:
            set_hint(b, seeded)
        ph = self._run(self.left() * 0.4, report=False)
        if ph.status == "INFEASIBLE" or (ph.slots is None and seeded is None):
            return self.result(ph.status, None, None)
        found = ph.slots if ph.slots is not None else seeded
        assert found is not None  # one of the two, or the return above
        self.best = better_slots(self.instance, found, seeded)
        weight = evaluate_slots(self.instance, self.best).scheduled_weight
        weight_proved = ph.status == "OPTIMAL" or weight == relaxed
        self.proved &= weight_proved
        self.stats["weight_bound"] = weight if weight_proved else min(relaxed, ph.bound or relaxed)
        self.stats["weight_phase"] = "OPTIMAL" if weight_proved else ph.status
        b.model.add(b.weight >= weight)
        self.weight_floor = weight
        set_hint(b, self.best)
        if seeded is not None and self.left() >= DAY_LNS_MIN_LEFT:
            # The weight is settled: the one-day LNS removes breaks where CP-SAT stalls.
            self.best, self.stats["day_lns_breaks"] = improve_by_day_lns(
                self.classic, self.best, time_limit=self.left() / 2, seed=self.seed
            )
            set_hint(b, self.best)
        return None

    def minimise_moved(self, keep: Mapping[str, int]) -> Result | None:
        """Phase 2, when re-scheduling: keep as many meetings in place as possible."""
        b = self.b
        b.model.minimize(b.moved)
        ph = self._all_that_can_stay(keep) or self._moved_from_placed_around(keep)
        if ph.slots is None:
            # Keep the weight phase's schedule if this phase found nothing in time.
            status = ph.status if self.best is None else "FEASIBLE"
            return self.result(status, self.best, None)
        self.proved &= ph.status == "OPTIMAL"
        self.best = ph.slots
        b.model.add(b.moved <= (ph.value or 0))
        set_hint(b, self.best)
        self.stats["moved"] = ph.value
        self.stats["moved_phase"] = ph.status
        return None

    def _moved_from_placed_around(self, keep: Mapping[str, int]) -> Phase:
        """The full search, from a whole schedule that keeps what it can (``place_around``)
        rather than from the old one, which no longer fits: CP-SAT from the old schedule as
        a hint moved 151-168 of the demo expo's 452 meetings with three tables fewer, where
        a few had to move. The better of the two; CP-SAT alone may prove it."""
        index = self.instance.meeting_index
        old = {index[mid]: t for mid, t in keep.items() if mid in index}
        placed = place_around(self.instance, old)
        if placed is not None:
            set_hint(self.b, placed)
        ph = self._run(self.left() * 0.5, report=False)
        floor = moved_bound(self.instance, old)
        self.stats["moved_bound"] = floor
        if placed is not None and self._fits_the_model(placed):
            moved = sum(1 for k, t in old.items() if placed.get(k) != t)
            if ph.slots is None or ph.value is None or ph.value > moved:
                ph = Phase("FEASIBLE", moved, floor, placed)
        if ph.slots is not None and ph.value == floor:
            return Phase("OPTIMAL", floor, floor, ph.slots)  # no schedule moves fewer
        return ph

    def _fits_the_model(self, slots: Mapping[int, int]) -> bool:
        """Whether a schedule found outside CP-SAT meets what the model holds: the hard rules
        with the fairness asked for (``classic``), and the optional weight already fixed (a
        greedy leaves out what finds no room, and would then move fewer meetings)."""
        if check(self.classic, assignments_of(self.classic, slots)):
            return False
        return evaluate_slots(self.classic, slots).scheduled_weight >= self.weight_floor

    def _all_that_can_stay(self, keep: Mapping[str, int]) -> Phase | None:
        """The usual re-scheduling, settled without a search: every kept meeting whose slot
        is still allowed stays in it, and only the others move. They must (their slot is
        gone, or no longer theirs), so when that schedule exists it moves the fewest.
        CP-SAT given only the old schedule as a hint did not find it: on the demo expo with
        nothing changed that matters (452 meetings, all still valid), 15 s ended with 165
        moved. None when some meetings that could stay cannot all stay together (a table
        removed), or no time is left: the full phase then decides."""
        index = self.instance.meeting_index
        stays = [self.b.x.get((index[mid], t)) for mid, t in keep.items() if mid in index]
        must_move = sum(1 for lit in stays if lit is None)
        staying = [lit for lit in stays if lit is not None]
        if not staying:
            return None
        self.b.model.add_assumptions(staying)
        try:
            ph = self._run(self.left() * 0.25, report=False)
        finally:
            self.b.model.clear_assumptions()
        if ph.slots is None or ph.value != must_move:
            return None
        return Phase("OPTIMAL", ph.value, ph.value, ph.slots)

    def minimise_breaks(
        self, built: Built | None, *, maxsat: bool, spare: SpareChild | None = None
    ) -> Result:
        """The last phase: breaks, from the per-participant star bounds, by RC2 and the SAT
        ladder where the instance fits their encoding, and by CP-SAT."""
        stars = add_star_bounds(self.b, self.instance, self.deadline)
        self.floor = sum(stars.values())
        self.stats["star_bound"] = self.floor
        self.b.model.minimize(self.b.breaks)
        self.reporter.bound = float(self.floor)  # the star bounds are proved: report them
        if built is not None:
            slots, breaks = built
            self.reporter.solution(float(breaks))
            if breaks <= self.floor:  # the star bounds prove the construction optimal
                return self.result("OPTIMAL", slots, breaks)
            self.best = slots
            set_hint(self.b, slots)
        if maxsat:
            done = self._by_maxsat(stars, spare)
            if done is not None:
                return done
        return self._by_cpsat()

    def _by_maxsat(self, stars: dict[str, int], spare: SpareChild | None) -> Result | None:
        # Core-guided MaxSAT proves these fastest. The construction is the anytime schedule;
        # without one, CP-SAT looks for one beside RC2 and the SAT ladder, which get most of
        # the time: they are what proves.
        beside = None
        if self.best is None:
            quick_limit = min(5.0, self.left() * 0.2)
            beside = BesideMaxSat(
                self.b, time_limit=quick_limit, seed=self.seed, reporter=self.reporter
            )
        try:
            out = solve_maxsat(
                self.classic,
                time_limit=self.left() * MAXSAT_SHARE,
                lower=stars,
                feasible=True if beside is None else beside.found,
                # Below the expo sizes, where the exact search is what proves; above, the
                # one-day LNS that follows needs both cores.
                keep_ladder=len(self.classic.meetings) < LNS_FIRST_MEETINGS,
                spare=spare,
            )
        except BaseException:
            if beside is not None:
                beside.result(stop=True)  # leave no search running behind an error
            raise
        self.stats["maxsat"] = out.status
        self.stats["maxsat_by"] = out.by
        if out.ladder is not None:
            self.ladder = out.ladder
            self.ladder.hand_over(self._stop_cpsat)
        settled = out.status in ("OPTIMAL", "INFEASIBLE")
        quick = (
            Phase("FEASIBLE", None, None, self.best)
            if beside is None
            else beside.result(stop=settled)
        )
        self.stats["quick"] = quick.status
        if out.status == "OPTIMAL" and out.slots is not None:
            self.reporter.solution(float(out.cost or 0))
            return self.result("OPTIMAL", out.slots, out.cost)
        if out.status == "INFEASIBLE":
            return self.result("INFEASIBLE", None, None)
        if quick.status in ("OPTIMAL", "INFEASIBLE"):
            bound = None if quick.bound is None else max(quick.bound, self.floor)
            return self.result(quick.status, quick.slots, bound)
        self.floor = max(self.floor, out.bound)
        self.reporter.bound = max(self.reporter.bound or 0.0, float(self.floor))
        if quick.slots is not None:
            set_hint(self.b, quick.slots)
            self.best = quick.slots
        return self._after_maxsat()

    def _after_maxsat(self) -> Result | None:
        """RC2 gave a bound but no optimum: improve the schedule with the time left (while
        the SAT ladder, if still running, may yet prove the optimum: ``result`` takes it)."""
        if self.best is not None and self.left() >= DAY_LNS_MIN_LEFT:
            # One-day neighbourhoods re-optimised exactly: on multi-day expos this removes
            # breaks where RC2 and CP-SAT's own LNS stall (64 -> 31 on a generated
            # 1,000-meeting expo in 60 s); CP-SAT then continues from its schedule.
            self.best, lns_breaks = improve_by_day_lns(
                self.classic,
                self.best,
                time_limit=self.left() / 2,
                seed=self.seed,
                workers=self._workers(),
                stop=self._ladder_settled,
            )
            self.stats["day_lns_breaks"] = lns_breaks
            if lns_breaks <= self.floor:
                return self.result("OPTIMAL", self.best, self.floor)
            self.reporter.solution(float(lns_breaks))
            set_hint(self.b, self.best)
        if self.left() < LNS_MIN_LEFT:
            return None
        # A third of the rest for the full CP-SAT search (it may still prove), then LNS
        # from its best schedule.
        ph = self._run(self.left() / 3)
        self.stats["cpsat_full"] = ph.status
        if ph.status == "INFEASIBLE":
            return self.result("INFEASIBLE", None, None)
        if ph.slots is not None and ph.value is not None:
            if ph.status == "OPTIMAL" or ph.value <= self.floor:
                return self.result("OPTIMAL", ph.slots, max(ph.bound or 0, self.floor))
            self.floor = max(self.floor, ph.bound or 0)
            self.best = better_slots(self.instance, ph.slots, self.best)
            set_hint(self.b, self.best)
        return self._by_cpsat_lns()

    def _by_cpsat_lns(self) -> Result:
        ph = self._run(self.left(), lns=True)
        self.stats["cpsat_lns"] = ph.status
        if ph.slots is None or ph.value is None:
            if self.best is None:
                return self.result("UNKNOWN", None, None)
            return self.result("FEASIBLE", self.best, self.floor)
        if ph.value <= self.floor:
            return self.result("OPTIMAL", ph.slots, ph.value)
        final = better_slots(self.instance, ph.slots, self.best)
        return self.result("FEASIBLE", final, self.floor)

    def _by_cpsat(self) -> Result:
        ph = self._run(self.left())
        if ph.slots is None:
            if self.best is None:
                return self.result(ph.status, None, None)
            return self.result("FEASIBLE", self.best, self.floor)
        # The star/RC2 floor may prove optimality where CP-SAT's own bound did not.
        proved = ph.status == "OPTIMAL" or (ph.value is not None and ph.value <= self.floor)
        bound = None if ph.bound is None else max(ph.bound, self.floor)
        if self.proved and proved:
            return self.result("OPTIMAL", ph.slots, bound)
        return self.result("FEASIBLE", better_slots(self.instance, ph.slots, self.best), bound)


def _model_params(
    params: ModelParams | None, *, fairness: int | None, keep: Mapping[str, int] | None
) -> ModelParams:
    params = params or ModelParams()
    if fairness is not None:
        params = replace(params, fairness=fairness)
    if keep is not None:
        params = replace(params, keep=dict(keep))
    return params


def _positions(instance: Instance, hint: Mapping[str, int]) -> dict[int, int]:
    """Meeting id -> slot id as meeting index -> slot position, unknown ids left out."""
    index, pos = instance.meeting_index, instance.slot_index
    return {index[mid]: pos[s] for mid, s in hint.items() if mid in index and s in pos}
