"""What one LNS neighbourhood works on: the live schedule with the indexes the search needs,
kept up to date move by move, and the CP-SAT model that re-places a neighbourhood's freed
meetings while everything else stays where it is."""

from __future__ import annotations

import itertools
import random
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from keruen.scheduling.instance import Instance

# A literal, or a constant where the schedule outside the neighbourhood decides it.
Lit = Any

SUB_TIME_LIMIT = 0.5  # seconds per neighbourhood (doubled, up to 8 s, once at the cap)
# CP-SAT deterministic time per second of a neighbourhood's limit. With a limit on the clock
# alone, a generated 100-delegate expo's LNS improved 4 of 24 neighbourhoods in 20 s when
# alone on 2 cores and none of 23 beside two other such runs (the improving solutions come
# late in a neighbourhood's half second). 0.2 is about what half a second gave on an idle
# 2-core machine of 2026-11-29 (0.08-0.12 deterministic units in 0.5 s).
DETERMINISTIC_PER_SECOND = 0.2
WALL_FACTOR = 4  # a neighbourhood stops after this many times its limit on the clock


@dataclass
class LiveSchedule:
    """The current schedule with the indexes the neighbourhoods need, kept up to date."""

    inst: Instance
    slot_of: dict[int, int]  # meeting index -> slot position (scheduled meetings only)
    day_of: list[int] = field(default_factory=list)  # slot position -> day index
    at: dict[str, dict[int, int]] = field(default_factory=dict)  # pid -> slot -> meeting
    load: list[int] = field(default_factory=list)  # shared-table meetings per slot
    booth_at: dict[tuple[str, int], int] = field(default_factory=dict)  # (booth, slot) -> k
    booth: list[str | None] = field(default_factory=list)
    breaks: dict[tuple[str, int], int] = field(default_factory=dict)  # (pid, day) -> breaks

    @classmethod
    def of(cls, inst: Instance, slot_of: Mapping[int, int]) -> LiveSchedule:
        s = cls(inst, dict(slot_of))
        s.day_of = [0] * len(inst.slots)
        for d, day in enumerate(inst.days):
            for t in day:
                s.day_of[t] = d
        s.at = {p.id: {} for p in inst.participants}
        s.load = [0] * len(inst.slots)
        s.booth = [inst.booth_of(m) for m in inst.meetings]
        for k, t in s.slot_of.items():
            s._occupy(k, t)
        for pid in s.at:
            s._recount(pid)
        return s

    def _occupy(self, k: int, t: int) -> None:
        for pid in self.inst.meetings[k].participants:
            self.at[pid][t] = k
        booth = self.booth[k]
        if booth is None:
            self.load[t] += 1
        else:
            self.booth_at[booth, t] = k

    def _vacate(self, k: int, t: int) -> None:
        for pid in self.inst.meetings[k].participants:
            del self.at[pid][t]
        booth = self.booth[k]
        if booth is None:
            self.load[t] -= 1
        else:
            del self.booth_at[booth, t]

    def _recount(self, pid: str) -> None:
        """Re-count ``pid``'s breaks on every day (a move may empty or fill a day)."""
        for d in range(len(self.inst.days)):
            self.breaks.pop((pid, d), None)
        per_day: dict[int, list[int]] = defaultdict(list)
        for t in self.at[pid]:
            per_day[self.day_of[t]].append(t)
        for d, ts in per_day.items():
            ts.sort()
            gaps = sum(1 for a, b in itertools.pairwise(ts) if b > a + 1)
            if gaps:
                self.breaks[pid, d] = gaps

    def move(self, moves: Mapping[int, int]) -> None:
        """Apply new slots to meetings (all vacated first, so swaps are fine); a meeting
        without a slot yet is inserted."""
        touched: set[str] = set()
        for k in moves:
            if k in self.slot_of:
                self._vacate(k, self.slot_of[k])
            touched.update(self.inst.meetings[k].participants)
        for k, t in moves.items():
            self.slot_of[k] = t
            self._occupy(k, t)
        for pid in touched:
            self._recount(pid)

    def remove(self, k: int) -> None:
        """Take a meeting out of the schedule."""
        self._vacate(k, self.slot_of.pop(k))
        for pid in self.inst.meetings[k].participants:
            self._recount(pid)

    def total_breaks(self, pid: str) -> int:
        return sum(self.breaks.get((pid, d), 0) for d in range(len(self.inst.days)))


class NeighbourhoodModel:
    """CP-SAT model of a neighbourhood: freed meetings move within ``days``, all else stays."""

    def __init__(self, sched: LiveSchedule, free: list[int], days: list[int]) -> None:
        self.sched = sched
        self.inst = sched.inst
        self.days = days
        self.day_slots = [t for d in days for t in self.inst.days[d]]
        self.free = set(free)
        self.model = cp_model.CpModel()
        self.x: dict[tuple[int, int], cp_model.IntVar] = {}
        self.people = sorted({p for k in free for p in self.inst.meetings[k].participants})
        for k in free:
            self._meeting(k)
        self._capacity()
        self._precedences()
        self.breaks_of = {p: self._breaks(p) for p in self.people}
        self.objective = sum(self.breaks_of.values())
        self._fairness()

    def solve(
        self, old: int | None, deadline: float, rng: random.Random, limit: float = SUB_TIME_LIMIT
    ) -> dict[int, int] | None:
        """New slots for the freed meetings with fewer than ``old`` breaks (any schedule if
        ``old`` is None, e.g. to insert a meeting), or None."""
        self.model.minimize(self.objective)
        for (k, t), lit in self.x.items():
            if k in self.sched.slot_of:
                self.model.add_hint(lit, self.sched.slot_of[k] == t)
        solver = cp_model.CpSolver()
        left = deadline - time.monotonic()
        # Work, not seconds: on a busy or slow machine a neighbourhood gets the same search
        # (and takes longer) instead of none; the clock still caps it.
        solver.parameters.max_deterministic_time = limit * DETERMINISTIC_PER_SECOND
        solver.parameters.max_time_in_seconds = max(0.05, min(limit * WALL_FACTOR, left))
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = rng.randrange(1 << 30)
        status = solver.solve(self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        if old is not None and solver.objective_value >= old:
            return None
        slots = {k: t for (k, t), lit in self.x.items() if solver.boolean_value(lit)}
        return {k: t for k, t in slots.items() if self.sched.slot_of.get(k) != t} or None

    def _fixed_busy(self, pid: str, t: int) -> bool:
        k = self.sched.at[pid].get(t)
        return k is not None and k not in self.free

    def _domain(self, k: int) -> list[int]:
        sched, m = self.sched, self.inst.meetings[k]
        allowed = set(self.inst.allowed_slots(m))
        lo, hi = self._precedence_window(k)
        out = []
        for t in self.day_slots:
            if t not in allowed or not lo < t < hi:
                continue
            if any(self._fixed_busy(p, t) for p in m.participants):
                continue
            booth = sched.booth[k]
            if booth is not None:
                other = sched.booth_at.get((booth, t))
                if other is not None and other not in self.free:
                    continue
            out.append(t)
        return out

    def _precedence_window(self, k: int) -> tuple[int, int]:
        """Slots strictly between the fixed-in-place predecessors and successors of ``k``."""
        sched = self.sched
        lo, hi = -1, len(self.inst.slots)
        for before in self.inst.meetings[k].after:
            j = self.inst.meeting_index[before]
            if j not in self.free and j in sched.slot_of:
                lo = max(lo, sched.slot_of[j])
        for j in self.inst.successors.get(k, ()):
            if j not in self.free and j in sched.slot_of:
                hi = min(hi, sched.slot_of[j])
        return lo, hi

    def _meeting(self, k: int) -> None:
        lits = []
        for t in self._domain(k):
            lit = self.model.new_bool_var(f"x{k}_{t}")
            self.x[k, t] = lit
            lits.append(lit)
        # A placed meeting's current slot is always in its domain; one being inserted may
        # have none left, and the model is then infeasible.
        self.model.add_exactly_one(lits)

    def _capacity(self) -> None:
        shared: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        booths: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for (k, t), lit in self.x.items():
            booth = self.sched.booth[k]
            if booth is None:
                shared[t].append(lit)
            else:
                booths[booth, t].append(lit)
        for t, lits in shared.items():
            outside = self.sched.load[t] - sum(
                1
                for k in self.free
                if self.sched.slot_of.get(k) == t and self.sched.booth[k] is None
            )
            self.model.add(sum(lits) <= self.inst.tables - outside)
        for lits in booths.values():
            if len(lits) > 1:
                self.model.add_at_most_one(lits)

    def _precedences(self) -> None:
        for k in self.free:
            for before in self.inst.meetings[k].after:
                j = self.inst.meeting_index[before]
                if j in self.free:
                    self.model.add(self._slot_expr(j) < self._slot_expr(k))

    def _slot_expr(self, k: int) -> Any:
        return sum(t * lit for (kk, t), lit in self.x.items() if kk == k)

    def _busy(self, pid: str, t: int) -> Lit:
        if self._fixed_busy(pid, t):
            return True
        lits = [
            self.x[k, t] for k in self.inst.meetings_of[pid] if k in self.free and (k, t) in self.x
        ]
        if not lits:
            return False
        if len(lits) == 1:
            return lits[0]
        busy = self.model.new_bool_var(f"busy{pid}_{t}")
        self.model.add(sum(lits) == busy)  # also: no double booking
        return busy

    def _breaks(self, pid: str) -> Any:
        """Exact break literals of ``pid`` on the days (constants where nothing can change)."""
        return sum(self._day_breaks(pid, self.inst.days[d]) for d in self.days)

    def _day_breaks(self, pid: str, slots: list[int]) -> Any:
        started: Lit = False
        prev: Lit = False
        total: Any = 0
        for t in slots:
            busy = self._busy(pid, t)
            total += self._break(busy, prev, started)
            started = self._or(started, busy)
            prev = busy
        return total

    def _break(self, busy: Lit, prev: Lit, started: Lit) -> Any:
        """busy now, idle just before, busy some time before: a break (literal or 0/1)."""
        terms = [busy, _negate(prev), started]
        if any(term is False for term in terms):
            return 0
        lits = [term for term in terms if term is not True]
        if not lits:
            return 1
        brk = self.model.new_bool_var("")
        self.model.add_bool_and(lits).only_enforce_if(brk)
        self.model.add_bool_or([brk, *(_negate(lit) for lit in lits)])
        return brk

    def _or(self, a: Lit, b: Lit) -> Lit:
        if a is True or b is True:
            return True
        if a is False:
            return b
        if b is False:
            return a
        s = self.model.new_bool_var("")
        self.model.add_max_equality(s, [a, b])
        return s

    def _fairness(self) -> None:
        d = self.inst.fairness
        if d is None:
            return
        sched = self.sched
        lo = min((sched.total_breaks(p.id) for p in self.inst.participants), default=0)
        for pid, these_days in self.breaks_of.items():
            other_days = sched.total_breaks(pid) - sum(
                sched.breaks.get((pid, day), 0) for day in self.days
            )
            self.model.add(other_days + these_days >= lo)
            self.model.add(other_days + these_days <= lo + d)


def _negate(lit: Lit) -> Lit:
    if lit is True or lit is False:
        return not lit
    return lit.Not()
