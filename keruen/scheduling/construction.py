"""The constructions that start the exact search: the expo heuristic's complete schedule,
improved by the one-day LNS on larger events, or with optional meetings inserted."""

from __future__ import annotations

from collections.abc import Callable

from keruen.scheduling.instance import Instance
from keruen.scheduling.outcome import assignments_of

# From this many meetings the one-day LNS runs on the construction before the exact search
# (the JAIR instances, which RC2 and the SAT ladder prove in seconds, have at most 302).
LNS_FIRST_MEETINGS = 500
LNS_FIRST_SHARE = 0.25  # of the time limit
CONSTRUCT_MAX_S = 10.0  # seconds at most for the construction that seeds the exact search

Built = tuple[dict[int, int], int]
"""A schedule (meeting index -> slot position) and its breaks."""


def construct_first(
    instance: Instance, *, time_limit: float, seed: int
) -> tuple[Built | None, int | None]:
    """The construction, improved by the one-day LNS from ``LNS_FIRST_MEETINGS`` meetings on;
    with the construction's own breaks when the LNS ran (else None)."""
    built = construct_complete(instance, time_limit=min(CONSTRUCT_MAX_S, time_limit * 0.1))
    if built is None or built[1] == 0 or len(instance.meetings) < LNS_FIRST_MEETINGS:
        return built, None
    # Past the size where RC2 proves in seconds, the LNS removes most breaks first.
    improved = improve_by_day_lns(
        instance, built[0], time_limit=time_limit * LNS_FIRST_SHARE, seed=seed
    )
    return improved, built[1]


def construction_stats(built: Built, greedy_breaks: int | None) -> dict[str, object]:
    if greedy_breaks is None:
        return {"construction": built[1]}
    return {"construction": greedy_breaks, "day_lns_first": built[1]}


def construct_complete(
    instance: Instance, *, time_limit: float
) -> tuple[dict[int, int], int] | None:
    """The expo heuristic's schedule and its breaks, if it is complete and passes the checker.

    It knows nothing of fairness, so the checker (which does) decides whether it counts.
    """
    from keruen.scheduling.check import check, evaluate
    from keruen.scheduling.heuristics.greedy import large_solve

    slots, _ = large_solve(instance, time_limit=time_limit)
    if len(slots) < len(instance.meetings):
        return None
    assignments = assignments_of(instance, slots)
    if check(instance, assignments):
        return None
    return slots, evaluate(instance, assignments).breaks


def construct_with_optional(
    instance: Instance, *, time_limit: float, seed: int
) -> dict[int, int] | None:
    """The expo path's construction with as many optional meetings as it could insert, if
    it places every required meeting and passes the checker (fairness included)."""
    from keruen.scheduling.check import check
    from keruen.scheduling.heuristics.large import construct

    slots, _, all_required = construct(instance, time_limit=time_limit, seed=seed)
    if not all_required or check(instance, assignments_of(instance, slots)):
        return None
    return slots


def improve_by_day_lns(
    instance: Instance,
    slots: dict[int, int],
    *,
    time_limit: float,
    seed: int,
    workers: int = 2,
    stop: Callable[[], bool] | None = None,
) -> tuple[dict[int, int], int]:
    """``slots`` improved by the one-day LNS (never worse), and its breaks."""
    from keruen.scheduling.heuristics.lns import improve_by_lns

    better, info = improve_by_lns(
        instance, slots, time_limit=time_limit, seed=seed, workers=workers, stop=stop
    )
    return better, int(info["lns_breaks_after"])
