"""From the solvers' raw schedules (meeting index -> slot position) to what callers get:
assignments with tables, the objective recomputed by the checker, the ``Result``."""

from __future__ import annotations

import time
from collections.abc import Mapping

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Assignment, Objective, Result
from keruen.scheduling.tables import assign_tables


def result_of(
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
    assignments = assignments_of(instance, slots)
    objective: Objective = evaluate(instance, assignments)
    return Result(instance.name, status, objective, bound, assignments, wall, stats, weight_bound)


def assignments_of(instance: Instance, slots: Mapping[int, int]) -> tuple[Assignment, ...]:
    """Assignments (tables included) of meeting index -> slot position."""
    by_id = {instance.meetings[k].id: instance.slots[t].id for k, t in slots.items()}
    return tuple(assign_tables(instance, by_id))


def slots_of(assignments: tuple[Assignment, ...] | list[Assignment]) -> dict[str, int]:
    """Meeting id -> slot id of a schedule."""
    return {a.meeting: a.slot for a in assignments}


def evaluate_slots(instance: Instance, slots: Mapping[int, int]) -> Objective:
    from keruen.scheduling.check import evaluate

    return evaluate(instance, assignments_of(instance, slots))


def better_slots(
    instance: Instance, found: dict[int, int], best: dict[int, int] | None
) -> dict[int, int]:
    """``found`` unless ``best`` is better: a hint is not always CP-SAT's first solution,
    so a time-limited run can end worse than the schedule it was given."""
    if best is None:
        return found
    a, b = (evaluate_slots(instance, s) for s in (found, best))
    return found if (a.scheduled_weight, -a.breaks) >= (b.scheduled_weight, -b.breaks) else best
