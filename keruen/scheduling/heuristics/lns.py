"""Large-neighbourhood search for expo-scale schedules: CP-SAT re-optimises one day at a time.

The greedy construction and its one-meeting re-insertion moves stop at schedules where no
single meeting can move without adding a break, yet on small generated expos whose optimum
CP-SAT proves to be 0 they still leave 12-17 breaks. Removing a break usually means moving
several meetings of several people at once. So: pick a participant with a break on some day,
free the meetings of that day of it, its partners, their partners... (breadth first, up to
``max_free`` meetings), keep everything else where it is, and let CP-SAT place the freed
meetings within the day so that the breaks of everyone they touch are minimal. Days never
interact (tables, double booking and breaks are all per slot or per day), so a change on one
day is valid whatever the others hold, and two workers take two days at once. A
neighbourhood that cannot be improved is set aside until a change touches it. When every
break has been tried on its day, the same is done over all days of a participant and its
partners (a meeting may then change day); then the neighbourhoods grow, then their time.
"""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from keruen.scheduling.instance import Instance

# A literal, or a constant where the schedule outside the neighbourhood decides it.
Lit = Any

MAX_FREE = 60  # freed meetings per neighbourhood at first (grows by half when stuck)
MAX_FREE_CAP = 400
SUB_TIME_LIMIT = 0.5  # seconds per neighbourhood (doubled, up to 8 s, once at the cap)
MAX_SUB_TIME_LIMIT = 8.0
ALL_DAYS = -1  # the "day" of a neighbourhood that spans every day
ALL_DAYS_TIME_FACTOR = 4
# CP-SAT deterministic time per second of a neighbourhood's limit. With a limit on the clock
# alone, a generated 100-delegate expo's LNS improved 4 of 24 neighbourhoods in 20 s when
# alone on 2 cores and none of 23 beside two other such runs (the improving solutions come
# late in a neighbourhood's half second). 0.2 is about what half a second gave on an idle
# 2-core machine of 2026-11-29 (0.08-0.12 deterministic units in 0.5 s).
DETERMINISTIC_PER_SECOND = 0.2
WALL_FACTOR = 4  # a neighbourhood stops after this many times its limit on the clock
MAX_SKIPPED = 10  # people too busy to fit before a neighbourhood counts as full


@dataclass
class _Schedule:
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
    def of(cls, inst: Instance, slot_of: Mapping[int, int]) -> _Schedule:
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


def improve_by_lns(
    inst: Instance,
    slot_of: Mapping[int, int],
    *,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    max_free: int = MAX_FREE,
    on_improve: Callable[[int], None] | None = None,
) -> tuple[dict[int, int], dict[str, float]]:
    """Lower the breaks of a valid schedule by CP-SAT over one-day neighbourhoods.

    ``slot_of`` maps meeting index -> slot position and must be valid; the result is valid
    and never has more breaks. ``workers`` threads each work on a different day at a time
    (CP-SAT releases the GIL while it solves). ``on_improve`` gets the total breaks after
    every improvement. Returns (slot_of, stats).
    """
    search = _Search(_Schedule.of(inst, slot_of), time_limit, seed, max_free, on_improve)
    threads = [
        threading.Thread(target=search.work, args=(i,), daemon=True)
        for i in range(max(1, min(workers, len(inst.days))))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return search.sched.slot_of, search.stats()


def insert_meetings(
    inst: Instance,
    slot_of: Mapping[int, int],
    missing: list[int],
    *,
    time_limit: float,
    seed: int = 0,
) -> tuple[dict[int, int], list[int]]:
    """Place meetings the construction could not, by moving others within one day.

    For each meeting of ``missing`` and each day it may take place on, CP-SAT places it
    together with the day's meetings of its two participants, their partners... (growing
    neighbourhoods), everything else staying where it is. Returns (slot_of, still missing).
    """
    deadline = time.monotonic() + time_limit
    sched = _Schedule.of(inst, slot_of)
    rng = random.Random(seed)
    left_out = []
    for k in missing:
        if not _insert(sched, k, deadline, rng):
            left_out.append(k)
    return sched.slot_of, left_out


def _insert(sched: _Schedule, k: int, deadline: float, rng: random.Random) -> bool:
    """Place ``k`` within a day; failing that, in a slot whose occupants then move to
    another day (one level of ejection)."""
    if _insert_within_a_day(sched, k, deadline, rng):
        return True
    inst = sched.inst
    slots = inst.allowed_slots(inst.meetings[k])
    rng.shuffle(slots)
    for t in slots:
        if time.monotonic() >= deadline:
            return False
        blockers = {sched.at[pid][t] for pid in inst.meetings[k].participants if t in sched.at[pid]}
        if any(inst.meetings[j].fixed is not None for j in blockers):
            continue
        before = dict(sched.slot_of)
        for j in blockers:
            sched.remove(j)
        if _insert_within_a_day(sched, k, deadline, rng, day=sched.day_of[t]) and all(
            _insert_within_a_day(sched, j, deadline, rng) for j in blockers
        ):
            return True
        _restore(sched, before)
    return False


def _restore(sched: _Schedule, before: dict[int, int]) -> None:
    for k in [k for k in sched.slot_of if k not in before]:
        sched.remove(k)
    sched.move({k: t for k, t in before.items() if sched.slot_of.get(k) != t})


def _insert_within_a_day(
    sched: _Schedule, k: int, deadline: float, rng: random.Random, day: int | None = None
) -> bool:
    inst = sched.inst
    days = sorted({sched.day_of[t] for t in inst.allowed_slots(inst.meetings[k])})
    for size in (MAX_FREE, MAX_FREE * 3):
        for d in days if day is None else [day]:
            if time.monotonic() >= deadline:
                return False
            free = {k}
            for pid in inst.meetings[k].participants:
                free.update(_neighbourhood(sched, pid, [d], size // 2, rng))
            moves = _SubModel(sched, list(free), [d]).solve(None, deadline, rng, limit=2.0)
            if moves is not None and k in moves:
                sched.move(moves)
                return True
    return False


class _Search:
    """Shared state of the LNS workers; every read or write of the schedule holds the lock."""

    def __init__(
        self,
        sched: _Schedule,
        time_limit: float,
        seed: int,
        max_free: int,
        on_improve: Callable[[int], None] | None = None,
    ) -> None:
        self.sched = sched
        self.on_improve = on_improve
        self.start = time.monotonic()
        self.deadline = self.start + time_limit
        self.seed = seed
        self.max_free = max_free
        self.sub_limit = SUB_TIME_LIMIT
        self.lock = threading.Lock()
        self.tried: set[tuple[str, int]] = set()  # (participant, day) not improvable as is
        self.days_in_work: set[int] = set()
        self.before = sum(sched.breaks.values())
        self.neighbourhoods = self.improved = 0
        self.done = False

    def work(self, worker: int) -> None:
        rng = random.Random(self.seed * 1009 + worker)
        while time.monotonic() < self.deadline - 0.05:
            with self.lock:
                task = self._next(rng)
                done = self.done
            if task is None:
                if done:
                    return
                time.sleep(0.01)  # the only open breaks are on the other worker's day(s)
                continue
            key, days, sub, old = task
            # All days make a model several times larger: it gets more time.
            limit = self.sub_limit * (1 if len(days) == 1 else ALL_DAYS_TIME_FACTOR)
            moves = sub.solve(old, self.deadline, rng, limit=limit)
            with self.lock:
                self.days_in_work.difference_update(days)
                self.neighbourhoods += 1
                if moves is None:
                    self.tried.add(key)
                    continue
                self.improved += 1
                self.sched.move(moves)
                if self.on_improve is not None:
                    self.on_improve(sum(self.sched.breaks.values()))
                for k in moves:
                    for q in self.sched.inst.meetings[k].participants:
                        self.tried.difference_update({(q, d) for d in (*days, ALL_DAYS)})

    def _next(self, rng: random.Random) -> tuple[tuple[str, int], list[int], _SubModel, int] | None:
        """A neighbourhood on days no other worker holds (None: wait, or ``done``).

        One day around a participant's break first; once those are exhausted, all days of
        it and its partners, which lets a meeting change day (needs both workers' days).
        """
        every_day = list(range(len(self.sched.inst.days)))
        while True:
            one_day = [key for key in self.sched.breaks if key not in self.tried]
            all_days = [
                (pid, ALL_DAYS)
                for pid in sorted({pid for pid, _ in self.sched.breaks})
                if (pid, ALL_DAYS) not in self.tried
            ]
            if not one_day and not all_days and not self.days_in_work:
                if not self._widen():
                    self.done = True
                    return None
                self.tried.clear()
                continue
            free_days = [key for key in one_day if key[1] not in self.days_in_work]
            if free_days:
                key = rng.choice(free_days)
                days, size = [key[1]], self.max_free
            elif all_days and not one_day and not self.days_in_work:
                key, days, size = rng.choice(all_days), every_day, 2 * self.max_free
            else:
                return None
            free = _neighbourhood(self.sched, key[0], days, size, rng)
            people = {p for k in free for p in self.sched.inst.meetings[k].participants}
            old = sum(self.sched.breaks.get((p, d), 0) for p in people for d in days)
            if not free or old == 0:
                self.tried.add(key)
                continue
            sub = _SubModel(self.sched, free, days)
            self.days_in_work.update(days)
            return key, days, sub, old

    def _widen(self) -> bool:
        """Every break has been tried: larger neighbourhoods, then more time for each."""
        if not self.sched.breaks:
            return False
        if self.max_free < MAX_FREE_CAP:
            self.max_free = min(MAX_FREE_CAP, self.max_free * 3 // 2)
            return True
        if self.sub_limit < MAX_SUB_TIME_LIMIT:
            self.sub_limit *= 2
            return True
        return False

    def stats(self) -> dict[str, float]:
        return {
            "lns_neighbourhoods": self.neighbourhoods,
            "lns_improved": self.improved,
            "lns_breaks_before": self.before,
            "lns_breaks_after": sum(self.sched.breaks.values()),
            "lns_max_free": self.max_free,
            "lns_sub_time_limit": self.sub_limit,
            "lns_s": time.monotonic() - self.start,
        }


def _neighbourhood(
    sched: _Schedule, pid: str, days: list[int], max_free: int, rng: random.Random
) -> list[int]:
    """Meetings on ``days`` of ``pid``, then of its partners, theirs... (at most ``max_free``)."""
    inst = sched.inst
    free: dict[int, None] = {}
    queue = deque([pid])
    seen = {pid}
    skipped = 0
    while queue and skipped < MAX_SKIPPED:
        person = queue.popleft()
        mine = [
            k
            for t, k in sched.at[person].items()
            if sched.day_of[t] in days and inst.meetings[k].fixed is None and k not in free
        ]
        if len(free) + len(mine) > max_free:
            skipped += 1  # nearly full: a few more tries for someone who fits, not the day
            continue
        free.update(dict.fromkeys(mine))
        partners = [q for k in mine for q in inst.meetings[k].participants if q not in seen]
        rng.shuffle(partners)
        for q in partners:
            if q not in seen:
                seen.add(q)
                queue.append(q)
    return list(free)


class _SubModel:
    """CP-SAT model of a neighbourhood: freed meetings move within ``days``, all else stays."""

    def __init__(self, sched: _Schedule, free: list[int], days: list[int]) -> None:
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
