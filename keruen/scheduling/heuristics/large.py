"""Expo-scale solving: greedy construction + local search, and a cheap proved bound."""

from __future__ import annotations

import time

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Result


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


def solve_large(
    instance: Instance, *, time_limit: float = 240.0, bound_share: float = 0.2
) -> Result:
    """A complete schedule for a large instance within ``time_limit`` seconds."""
    from keruen.scheduling.heuristics.greedy import large_solve
    from keruen.scheduling.solve import _result

    start = time.monotonic()
    slots, stats = large_solve(instance, time_limit=time_limit * (1 - bound_share))
    bound, examined = star_bound_sum(
        instance, budget=min(60.0, max(0.0, time_limit - (time.monotonic() - start) - 1.0))
    )
    all_required = all(k in slots for k, m in enumerate(instance.meetings) if not m.optional)
    status = "FEASIBLE" if all_required else "UNKNOWN"
    info: dict[str, object] = {**stats, "bound_participants": examined, "engine": "greedy+ls"}
    result = _result(instance, status, slots if all_required else None, bound, start, info)
    if result.objective is not None and result.objective.breaks <= bound:
        return Result(
            result.instance,
            "OPTIMAL",
            result.objective,
            bound,
            result.assignments,
            result.wall_s,
            result.stats,
        )
    return result
