"""Greedy compact construction plus re-insertion local search, for expo-scale instances.

Participants are taken busiest first and each of their meetings goes to the allowed slot
that adds the fewest breaks for both participants (extending a block beats opening a gap).
Then every meeting is repeatedly taken out and put back at its best slot while that lowers
breaks. Pure Python, no ortools: 20,000 meetings take seconds per pass.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from keruen.scheduling.instance import Instance


@dataclass
class _State:
    inst: Instance
    day_of: list[int]  # slot position -> day index
    busy: dict[str, set[int]] = field(default_factory=dict)  # participant -> slot positions
    load: list[int] = field(default_factory=list)  # shared tables used per slot position
    slot_of: dict[int, int] = field(default_factory=dict)  # meeting index -> slot position
    shared: list[bool] = field(default_factory=list)  # meeting uses a shared table
    booth: list[str | None] = field(default_factory=list)  # meeting index -> its booth
    # booth -> slot positions taken: a booth shared by two holders seats one meeting at a time
    booth_busy: dict[str, set[int]] = field(default_factory=dict)


def _delta(busy: set[int], t: int, day_of: list[int]) -> int:
    """Change in breaks when a participant with ``busy`` slots also takes ``t``."""
    left, right = (
        (t - 1) in busy and day_of[t - 1] == day_of[t],
        (t + 1) in busy and (t + 1 < len(day_of) and day_of[t + 1] == day_of[t]),
    )
    if left and right:
        return -1  # fills a one-slot gap
    if left or right:
        return 0  # extends a block
    if any(day_of[s] == day_of[t] for s in busy):
        return 1  # a new block beside others that day
    return 0  # first meeting of that day


def _candidates(st: _State, k: int, allowed: list[int]) -> list[tuple[int, int, int]]:
    m = st.inst.meetings[k]
    p, q = m.participants
    bp, bq = st.busy[p], st.busy[q]
    out = []
    for t in allowed:
        if t in bp or t in bq or not _place_free(st, k, t):
            continue
        if not _precedence_ok(st, k, t):
            continue
        cost = _delta(bp, t, st.day_of) + _delta(bq, t, st.day_of)
        # Tie-break: prefer days the two already use, then lightly loaded slots.
        new_days = sum(1 for b in (bp, bq) if not any(st.day_of[s] == st.day_of[t] for s in b))
        out.append((cost, new_days, st.load[t], t))
    out.sort()
    return [(c, nd, t) for c, nd, _, t in out]


def _place_free(st: _State, k: int, t: int) -> bool:
    """A shared table left in slot ``t``, or ``k``'s booth free then."""
    booth = st.booth[k]
    if booth is None:
        return st.load[t] < st.inst.tables
    return t not in st.booth_busy.get(booth, ())


def _precedence_ok(st: _State, k: int, t: int) -> bool:
    inst = st.inst
    m = inst.meetings[k]
    for before in m.after:
        j = inst.meeting_index[before]
        if j in st.slot_of and st.slot_of[j] >= t:
            return False
    return all(not (j in st.slot_of and st.slot_of[j] <= t) for j in inst.successors.get(k, ()))


def _place(st: _State, k: int, t: int) -> None:
    for pid in st.inst.meetings[k].participants:
        st.busy[pid].add(t)
    st.slot_of[k] = t
    if st.shared[k]:
        st.load[t] += 1
    booth = st.booth[k]
    if booth is not None:
        st.booth_busy.setdefault(booth, set()).add(t)


def _remove(st: _State, k: int) -> int:
    t = st.slot_of.pop(k)
    for pid in st.inst.meetings[k].participants:
        st.busy[pid].discard(t)
    if st.shared[k]:
        st.load[t] -= 1
    booth = st.booth[k]
    if booth is not None:
        st.booth_busy[booth].discard(t)
    return t


def _order(inst: Instance) -> list[int]:
    """Busiest participants first; each participant's meetings together, fixed first."""
    degree = {pid: len(ks) for pid, ks in inst.meetings_of.items()}
    seen: set[int] = set()
    order = [k for k, m in enumerate(inst.meetings) if m.fixed is not None]
    seen.update(order)
    busiest = sorted(degree, key=lambda p: -degree[p])
    # Required meetings first, so optional ones only take what is left. Those compete for
    # the same tables across the whole event, so the heaviest go first event-wide (on a
    # generated expo with twice the requests and tables for the required meetings only,
    # weight 3,886 participant by participant, 4,984 so, of at most 5,004).
    for optional in (False, True):
        mine = []
        for pid in busiest:
            for k in inst.meetings_of[pid]:
                if k not in seen and inst.meetings[k].optional == optional:
                    mine.append(k)
                    seen.add(k)
        mine.sort(key=lambda k: -inst.meetings[k].weight)  # stable: busiest first within
        order.extend(mine)
    return order


def place_around(inst: Instance, kept: Mapping[int, int]) -> dict[int, int] | None:
    """A whole schedule keeping as many meetings of a previous one (``kept``: meeting index
    -> slot position) where they were as a greedy can, for re-scheduling: a kept meeting
    stays while its slot still allows it and has room (fewer tables, a booth's two holders),
    the most constrained first, so that a crowded slot sheds the meetings with most other
    slots; the others (new, or shed) go to their cheapest free slot, or move up to two
    meetings out of the way. None if a required meeting finds no place."""
    st = _empty_state(inst)
    allowed = [inst.allowed_slots(m) for m in inst.meetings]
    homeless = [k for k in range(len(inst.meetings)) if k not in kept]
    for k in sorted(kept, key=lambda k: (len(allowed[k]), k)):
        if kept[k] in allowed[k] and _fits(st, k, kept[k]):
            _place(st, k, kept[k])
        else:
            homeless.append(k)
    for k in sorted(homeless, key=lambda k: (inst.meetings[k].optional, len(allowed[k]), k)):
        cands = _candidates(st, k, allowed[k])
        if cands:
            _place(st, k, cands[0][2])
        elif not inst.meetings[k].optional and not _repair(st, k, allowed):
            return None
    return dict(st.slot_of)


def _fits(st: _State, k: int, t: int) -> bool:
    """Both people free in ``t``, a table or the booth free, the precedences kept."""
    free = all(t not in st.busy[pid] for pid in st.inst.meetings[k].participants)
    return free and _place_free(st, k, t) and _precedence_ok(st, k, t)


def _empty_state(inst: Instance) -> _State:
    st = _State(inst, [0] * len(inst.slots))
    for d, day in enumerate(inst.days):
        for t in day:
            st.day_of[t] = d
    st.busy = {p.id: set() for p in inst.participants}
    st.load = [0] * len(inst.slots)
    st.booth = [inst.booth_of(m) for m in inst.meetings]
    st.shared = [booth is None for booth in st.booth]
    return st


def large_solve(
    inst: Instance, *, time_limit: float = 240.0
) -> tuple[dict[int, int], dict[str, float]]:
    """Slot positions for as many meetings as possible (all required ones if it can).

    Returns (meeting index -> slot position, stats). Unplaceable required meetings are left
    out; the caller's checker reports them.
    """
    start = time.monotonic()
    st = _empty_state(inst)
    allowed = [inst.allowed_slots(m) for m in inst.meetings]
    failed = 0
    for k in _order(inst):
        cands = _candidates(st, k, allowed[k])
        if cands:
            _place(st, k, cands[0][2])
        elif not inst.meetings[k].optional and not _repair(st, k, allowed):
            failed += 1
    stats: dict[str, float] = {"greedy_s": time.monotonic() - start, "unplaced": failed}
    passes = 0
    while time.monotonic() - start < time_limit:
        improved = _improve_pass(st, allowed, start + time_limit)
        passes += 1
        if improved == 0:
            break
    stats["passes"] = passes
    stats["total_s"] = time.monotonic() - start
    return dict(st.slot_of), stats


def _repair(st: _State, k: int, allowed: list[list[int]]) -> bool:
    """Place ``k`` by moving the (at most two) meetings in its way elsewhere."""
    inst = st.inst
    p, q = inst.meetings[k].participants
    by_slot = {
        t: kk
        for kk, t in st.slot_of.items()
        if p in inst.meetings[kk].participants or q in inst.meetings[kk].participants
    }
    for t in allowed[k]:
        if not _place_free(st, k, t):
            continue
        blockers = [
            kk
            for kk, tt in st.slot_of.items()
            if tt == t and kk in by_slot.values() and set(inst.meetings[kk].participants) & {p, q}
        ]
        if any(inst.meetings[kk].fixed is not None for kk in blockers):
            continue
        for kk in blockers:
            _remove(st, kk)
        if not _candidates(st, k, [t]):
            for kk in blockers:
                _place(st, kk, t)
            continue
        _place(st, k, t)
        moved: list[int] = []
        for kk in blockers:
            cands = _candidates(st, kk, allowed[kk])
            if not cands:
                break
            _place(st, kk, cands[0][2])
            moved.append(kk)
        if len(moved) == len(blockers):
            return True
        for kk in moved:  # roll back
            _remove(st, kk)
        _remove(st, k)
        for kk in blockers:
            _place(st, kk, t)
    return False


def _improve_pass(st: _State, allowed: list[list[int]], deadline: float) -> int:
    """Re-insert every meeting at its best slot; returns how many moves lowered breaks."""
    improved = 0
    for k in list(st.slot_of):
        if time.monotonic() > deadline:
            break
        old = _remove(st, k)
        p, q = st.inst.meetings[k].participants
        old_cost = _delta(st.busy[p], old, st.day_of) + _delta(st.busy[q], old, st.day_of)
        cands = _candidates(st, k, allowed[k])
        best = cands[0] if cands else None
        if best is not None and best[0] < old_cost:
            _place(st, k, best[2])
            improved += 1
        else:
            _place(st, k, old)
    return improved
