"""Cheap valid lower bounds on breaks, per participant ("star" relaxations).

A participant's own meetings, with its own and its partners' forbidden slots, sessions and
fixed slots, may already force breaks whatever everybody else does. The minimum breaks of
that small sub-problem is a valid lower bound for the participant; their sum bounds the
total, and the per-participant values strengthen the full model as implied constraints.

And an upper bound on the optional weight any schedule can hold, from slot counts
(``optional_weight_bound``): how much of an oversubscribed event's demand can be met at all.
"""

from __future__ import annotations

import itertools
import math
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from keruen.scheduling.instance import Instance

if TYPE_CHECKING:
    from keruen.scheduling.model import B2BModel

STAR_SHARE = 0.1  # of the time left, at most, for the per-participant star bounds


def _has_matching(options: list[list[int]], window: set[int]) -> bool:
    """Can every meeting get a distinct slot of ``window``? (Kuhn's augmenting paths.)"""
    owner: dict[int, int] = {}

    def augment(k: int, seen: set[int]) -> bool:
        for t in options[k]:
            if t in window and t not in seen:
                seen.add(t)
                if t not in owner or augment(owner[t], seen):
                    owner[t] = k
                    return True
        return False

    return all(augment(k, set()) for k in range(len(options)))


# Runs of slots (one per day) tried for a participant before its CP-SAT model decides: the
# test is a shortcut, and the model is exact.
ZERO_TEST_TRIES = 200


def _zero_possible(instance: Instance, pid: str) -> bool:
    """True if pid's meetings can fill one run of consecutive slots per day (a day may have
    none): its own meetings then force no break. All in one day first, then over two days,
    and so on; at most ``ZERO_TEST_TRIES`` placements of the runs are tried, so a False
    only means "not found"."""
    mine = [instance.meetings[k] for k in instance.meetings_of[pid]]
    options = [instance.allowed_slots(m) for m in mine]
    placements = itertools.islice(_run_placements(instance.days, len(mine)), ZERO_TEST_TRIES)
    return any(_has_matching(options, runs) for runs in placements)


def _run_placements(days: list[list[int]], n: int) -> Iterator[set[int]]:
    """Sets of slots made of one run per day, n slots in all, runs on fewer days first."""
    for used in range(1, len(days) + 1):
        for lengths in _splits(n, [len(day) for day in days], used):
            starts = [
                range(len(day) - length + 1 if length else 1)
                for day, length in zip(days, lengths, strict=True)
            ]
            for first in itertools.product(*starts):
                yield {
                    t
                    for day, i, length in zip(days, first, lengths, strict=True)
                    for t in day[i : i + length]
                }


def _splits(n: int, sizes: list[int], used: int) -> Iterator[tuple[int, ...]]:
    """Ways to write n as one length per day (at most the day's size), exactly ``used`` of
    them positive."""
    if not sizes:
        if n == 0 and used == 0:
            yield ()
        return
    if used > 0:
        for length in range(min(n, sizes[0]), 0, -1):
            for rest in _splits(n - length, sizes[1:], used - 1):
                yield (length, *rest)
    if len(sizes) > used:
        for rest in _splits(n, sizes[1:], used):
            yield (0, *rest)


def star_bound(instance: Instance, pid: str, *, time_limit: float = 2.0) -> int:
    """Minimum breaks of ``pid`` counting only its own meetings (a valid lower bound)."""
    from ortools.sat.python import cp_model

    from keruen.scheduling.model import ModelParams, build_model

    mine = [instance.meetings[k] for k in instance.meetings_of[pid]]
    if any(m.optional for m in mine):
        return 0  # an optional meeting may fill a gap: nothing safe to say cheaply
    # All meetings in one run of one day is a schedule without a break, whatever the number
    # of days: a cheap test that spares most participants the CP-SAT model (88 of 95 on a
    # generated 3-day event of 100 delegates, where the models took 22 s in all).
    if len(mine) < 2 or _zero_possible(instance, pid):
        return 0
    ids = {m.id for m in mine}
    partners = sorted({q for m in mine for q in m.participants})
    sub = Instance(
        name=f"star-{pid}",
        slots=instance.slots,
        tables=instance.tables,
        participants=tuple(instance.participant_by_id[q] for q in partners),
        meetings=tuple(replace(m, after=tuple(a for a in m.after if a in ids)) for m in mine),
    )
    b = build_model(sub, ModelParams(use_instance_fairness=False))
    b.model.minimize(b.breaks_of[pid])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(b.model)
    if status == cp_model.OPTIMAL:
        return round(solver.objective_value)
    if status == cp_model.FEASIBLE:
        return max(0, round(solver.best_objective_bound + 1e-6))
    return 0  # infeasible star: the full solve will prove infeasibility itself


def star_bounds(instance: Instance, *, time_limit: float = 2.0) -> dict[str, int]:
    """Per-participant star lower bounds (0 where nothing is forced)."""
    return {p.id: star_bound(instance, p.id, time_limit=time_limit) for p in instance.participants}


def optional_weight_bound(instance: Instance) -> int:
    """A proved upper bound on the optional weight any schedule can hold.

    The slots are relaxed into counts: every participant, every booth and the shared tables
    offer so many meeting places in each window of slots (all slots, each day, each half-day;
    for a participant also the allowed slots of each of its meetings, and never its
    forbidden slots), and a set of meetings whose allowed slots all lie in a window cannot
    need more places than the window has (Hall's condition). The linear relaxation of "the
    heaviest set of optional meetings that satisfies all of those with every required
    meeting" bounds the weight from above. A linear program, not CP-SAT: on a generated
    1,500-delegate expo with twice the requests it has room for, GLOP solved the model with
    the common windows only in 0.3 s, where CP-SAT needed 7 s (and had only the trivial bound
    after 1 s); the participants' own windows took its bound from 5,067 to 5,004 (the
    schedule found holds 4,984).
    """
    from ortools.linear_solver import pywraplp

    optional = [k for k, m in enumerate(instance.meetings) if m.optional]
    requested = sum(instance.meetings[k].weight for k in optional)
    if not optional:
        return 0
    lp = pywraplp.Solver.CreateSolver("GLOP")
    allowed = [frozenset(instance.allowed_slots(m)) for m in instance.meetings]
    # A meeting without an allowed slot never takes place (no window would say so).
    taken = {k: lp.NumVar(0.0, 1.0 if allowed[k] else 0.0, f"y{k}") for k in optional}
    windows = _windows(instance)
    places: dict[str | None, list[int]] = {}  # booth (None: the shared tables) -> meetings
    for k, m in enumerate(instance.meetings):
        places.setdefault(instance.booth_of(m), []).append(k)
    # (meetings, places per slot, slots it cannot use, windows): a participant's own
    # meetings' allowed slots are windows too (its late arrival, its partners' forums...).
    groups = []
    for p in instance.participants:
        ks = instance.meetings_of[p.id]
        groups.append((ks, 1, p.forbidden, {*windows, *(allowed[k] for k in ks)}))
    groups += [
        (ks, instance.tables if booth is None else 1, frozenset(), set(windows))
        for booth, ks in places.items()
    ]
    slot_ids = [s.id for s in instance.slots]
    for ks, per_slot, forbidden, group_windows in groups:
        for window in group_windows:
            inside = [k for k in ks if allowed[k] <= window]
            chosen = [taken[k] for k in inside if k in taken]
            usable = sum(1 for t in window if slot_ids[t] not in forbidden)
            room = per_slot * usable - (len(inside) - len(chosen))
            if chosen and len(chosen) > room:
                lp.Add(lp.Sum(chosen) <= max(0, room))
    lp.Maximize(lp.Sum([instance.meetings[k].weight * y for k, y in taken.items()]))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return requested  # nothing proved (the required meetings alone may not fit)
    # Integer weights: the floor is still a bound (the margin covers round-off in the LP).
    return min(requested, math.floor(float(lp.Objective().Value()) + 1e-3))


def _windows(instance: Instance) -> list[frozenset[int]]:
    """All slots, each day, and each half-day (the windows sessions and stays carve out)."""
    out = {frozenset(range(len(instance.slots)))}
    for day in instance.days:
        out.add(frozenset(day))
        for session in ("AM", "PM"):
            half = frozenset(t for t in day if instance.slots[t].session == session)
            if half:
                out.add(half)
    return sorted(out, key=len)


def add_star_bounds(b: B2BModel, instance: Instance, deadline: float) -> dict[str, int]:
    """Add ``breaks(p) >= star bound(p)`` (valid implied constraints); return the positive ones.

    The bounds are a help, not the solve: a tenth of the time left in all, a second at most
    for one participant (each used to get a tenth of what was left, and on a generated
    3-day event of 100 delegates the bounds took 19 of 20 seconds).
    """
    stars: dict[str, int] = {}
    stop = time.monotonic() + (deadline - time.monotonic()) * STAR_SHARE
    for p in instance.participants:
        budget = stop - time.monotonic()
        if budget <= 0.05:
            break
        lb = star_bound(instance, p.id, time_limit=min(1.0, budget))
        if lb > 0:
            b.model.add(b.breaks_of[p.id] >= lb)
            stars[p.id] = lb
    return stars


def moved_bound(instance: Instance, old: Mapping[int, int]) -> int:
    """A lower bound on the meetings a re-scheduling moves (``old``: meeting index -> its
    slot position before): those whose slot no longer allows them, plus, per slot, the kept
    meetings beyond its tables, and beyond one per booth."""
    stays = {k: t for k, t in old.items() if t in instance.allowed_slots(instance.meetings[k])}
    booth_of = [instance.booth_of(meeting) for meeting in instance.meetings]
    per_slot = Counter(t for k, t in stays.items() if booth_of[k] is None)
    per_booth = Counter((booth_of[k], t) for k, t in stays.items() if booth_of[k] is not None)
    crowded = sum(max(0, n - instance.tables) for n in per_slot.values())
    shared_booths = sum(n - 1 for n in per_booth.values())
    return len(old) - len(stays) + crowded + shared_booths
