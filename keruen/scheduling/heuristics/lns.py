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

import random
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping

from keruen.scheduling.heuristics.neighbourhood import (
    SUB_TIME_LIMIT,
    LiveSchedule,
    NeighbourhoodModel,
)
from keruen.scheduling.instance import Instance

MAX_FREE = 60  # freed meetings per neighbourhood at first (grows by half when stuck)
MAX_FREE_CAP = 400
MAX_SUB_TIME_LIMIT = 8.0
ALL_DAYS = -1  # the "day" of a neighbourhood that spans every day
ALL_DAYS_TIME_FACTOR = 4
MAX_SKIPPED = 10  # people too busy to fit before a neighbourhood counts as full


def improve_by_lns(
    inst: Instance,
    slot_of: Mapping[int, int],
    *,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    max_free: int = MAX_FREE,
    on_improve: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> tuple[dict[int, int], dict[str, float]]:
    """Lower the breaks of a valid schedule by CP-SAT over one-day neighbourhoods.

    ``slot_of`` maps meeting index -> slot position and must be valid; the result is valid
    and never has more breaks. ``workers`` threads each work on a different day at a time
    (CP-SAT releases the GIL while it solves). ``on_improve`` gets the total breaks after
    every improvement; ``stop()`` true ends the search early (between neighbourhoods).
    Returns (slot_of, stats).
    """
    search = _Search(LiveSchedule.of(inst, slot_of), time_limit, seed, max_free, on_improve)
    search.stop = stop or (lambda: False)
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
    sched = LiveSchedule.of(inst, slot_of)
    rng = random.Random(seed)
    left_out = []
    for k in missing:
        if not _insert(sched, k, deadline, rng):
            left_out.append(k)
    return sched.slot_of, left_out


def _insert(sched: LiveSchedule, k: int, deadline: float, rng: random.Random) -> bool:
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


def _restore(sched: LiveSchedule, before: dict[int, int]) -> None:
    for k in [k for k in sched.slot_of if k not in before]:
        sched.remove(k)
    sched.move({k: t for k, t in before.items() if sched.slot_of.get(k) != t})


def _insert_within_a_day(
    sched: LiveSchedule, k: int, deadline: float, rng: random.Random, day: int | None = None
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
            moves = NeighbourhoodModel(sched, list(free), [d]).solve(None, deadline, rng, limit=2.0)
            if moves is not None and k in moves:
                sched.move(moves)
                return True
    return False


class _Search:
    """Shared state of the LNS workers; every read or write of the schedule holds the lock."""

    def __init__(
        self,
        sched: LiveSchedule,
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
        self.stop: Callable[[], bool] = lambda: False

    def work(self, worker: int) -> None:
        rng = random.Random(self.seed * 1009 + worker)
        while time.monotonic() < self.deadline - 0.05 and not self.stop():
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

    def _next(
        self, rng: random.Random
    ) -> tuple[tuple[str, int], list[int], NeighbourhoodModel, int] | None:
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
            sub = NeighbourhoodModel(self.sched, free, days)
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
    sched: LiveSchedule, pid: str, days: list[int], max_free: int, rng: random.Random
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
