"""Expo-scale solving: greedy construction, local search and LNS, and a cheap proved bound."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Result

if TYPE_CHECKING:
    from keruen.scheduling.cpsat import ProgressFn

PROGRESS_EVERY = 2.0  # seconds between LNS progress reports


def star_bound_sum(instance: Instance, *, budget: float) -> tuple[int, int]:
    """Sum of per-participant star bounds for as many participants as ``budget`` allows.

    Participants whose own availability is most fragmented go first: that is where
    breaks are forced. Unvisited participants count 0, so the sum stays a valid bound.
    Returns (bound, participants examined).
    """
    from keruen.scheduling.bounds import star_bound

    deadline = time.monotonic() + budget
    order = sorted(
        (p for p in instance.participants if len(instance.meetings_of[p.id]) >= 2),
        key=lambda p: (-len(p.forbidden), -len(instance.meetings_of[p.id])),
    )
    total = seen = 0
    for p in order:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        total += star_bound(instance, p.id, time_limit=min(0.5, left))
        seen += 1
    return total, seen


def construct(
    instance: Instance, *, time_limit: float, seed: int = 0
) -> tuple[dict[int, int], dict[str, float], bool]:
    """A schedule to start from: the greedy construction and its re-insertion passes, then
    CP-SAT inserts the required meetings the greedy could not place (moving others), then
    as many optional ones as fit, heaviest first.

    Of ``time_limit``, the greedy and the required meetings get 40 % each at most, the
    optional ones 20 % (the weight they add comes before any break). Returns (meeting index
    -> slot position, stats, whether every required meeting is placed).
    """
    from keruen.scheduling.heuristics.greedy import large_solve
    from keruen.scheduling.heuristics.lns import insert_meetings

    slots, stats = large_solve(instance, time_limit=time_limit * 0.4)
    missing = [k for k, m in enumerate(instance.meetings) if not m.optional and k not in slots]
    if missing:
        slots, missing = insert_meetings(
            instance, slots, missing, time_limit=time_limit * 0.4, seed=seed
        )
        stats["unplaced_after_insertion"] = len(missing)
    optional = sorted(
        (k for k, m in enumerate(instance.meetings) if m.optional and k not in slots),
        key=lambda k: -instance.meetings[k].weight,
    )
    if not missing and optional:
        slots, left_out = insert_meetings(
            instance, slots, optional, time_limit=time_limit * 0.2, seed=seed
        )
        stats["optional_inserted"] = len(optional) - len(left_out)
    return slots, stats, not missing


def solve_large(
    instance: Instance,
    *,
    time_limit: float = 240.0,
    bound_share: float = 0.1,
    workers: int = 2,
    seed: int = 0,
    progress: ProgressFn | None = None,
) -> Result:
    """A complete schedule for a large instance within ``time_limit`` seconds.

    Greedy construction and re-insertion (seconds); CP-SAT places the required meetings
    the greedy could not (moving others), then as many optional ones as it can; then
    CP-SAT large-neighbourhood search (``lns.py``) for the time left but ``bound_share``,
    which goes to the star bounds (and, with optional meetings, to an upper bound on the
    weight they can reach: ``Result.weight_bound``). ``progress`` gets (breaks, bound,
    seconds) as the LNS improves, at most every ``PROGRESS_EVERY`` seconds.
    """
    from keruen.scheduling.bounds import optional_weight_bound
    from keruen.scheduling.capacity import infeasible_by_counting
    from keruen.scheduling.heuristics.lns import improve_by_lns
    from keruen.scheduling.outcome import result_of

    start = time.monotonic()
    proved = infeasible_by_counting(instance, start)  # 0.2 s at 20,000 meetings
    if proved is not None:
        return proved
    bound_budget = min(60.0, time_limit * bound_share)
    slots, stats, all_required = construct(
        instance, time_limit=(time_limit - bound_budget) / 2, seed=seed
    )
    lns_budget = time_limit - bound_budget - (time.monotonic() - start)
    if all_required and lns_budget > 1.0:
        slots, lns_stats = improve_by_lns(
            instance,
            slots,
            time_limit=lns_budget,
            seed=seed,
            workers=workers,
            on_improve=_throttled(progress, start),
        )
        stats.update(lns_stats)
    weight_bound = None
    if any(m.optional for m in instance.meetings):
        weight_bound = stats["weight_bound"] = optional_weight_bound(instance)
    if all_required and stats.get("lns_breaks_after", 1) == 0:
        bound, examined = 0, 0  # no break to prove anything about
    else:
        left = time_limit - (time.monotonic() - start) - 1.0
        bound, examined = star_bound_sum(instance, budget=min(60.0, max(0.0, left)))
    # The construction knows nothing of fairness and the LNS may not have repaired it all:
    # a schedule that breaks it is no schedule.
    fair = all_required and not _unfair(instance, slots)
    if instance.fairness is not None:
        stats["fairness_met"] = fair
    status = "FEASIBLE" if all_required and fair else "UNKNOWN"
    info: dict[str, object] = {**stats, "bound_participants": examined, "engine": "greedy+lns"}
    result = result_of(instance, status, slots if status != "UNKNOWN" else None, bound, start, info)
    obj = result.objective
    # Proved only if no schedule can hold more optional weight, and none fewer breaks.
    weight_proved = obj is not None and (
        obj.unscheduled == 0 or obj.scheduled_weight == weight_bound
    )
    if obj is not None and weight_proved and obj.breaks <= bound:
        return replace(result, status="OPTIMAL")
    return result


def _unfair(instance: Instance, slots: dict[int, int]) -> bool:
    from keruen.scheduling.check import check
    from keruen.scheduling.outcome import assignments_of

    if instance.fairness is None:
        return False
    return any(v.rule == "fairness" for v in check(instance, assignments_of(instance, slots)))


def _throttled(progress: ProgressFn | None, start: float) -> Callable[[int], None] | None:
    """An LNS callback that passes (breaks, 0, elapsed) on, at most every few seconds."""
    if progress is None:
        return None
    last = [0.0]

    def report(breaks: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            progress(float(breaks), 0.0, now - start)

    return report
