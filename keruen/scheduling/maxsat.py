"""A MaxSAT encoding solved with RC2 (PySAT): the core-guided exact method of Bofill et al.

Used for the classic problem (every meeting required, no re-scheduling); CP-SAT handles the
rest and provides the anytime schedule. Hard clauses: one slot per meeting, no double
booking, table capacity, precedences, fairness, and the implied constraints that make the
proofs fast. Soft clauses: one unit clause "no break here" per break literal.

Next to RC2, a second process runs a SAT "ladder" on the same clauses (``ladder.py``).
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF

from keruen.scheduling.instance import Instance

if TYPE_CHECKING:
    from keruen.scheduling.child import SpareChild
    from keruen.scheduling.ladder import LadderWatch

# Totalizers for small cardinality constraints (RC2 measured faster with them than with
# sequential counters on tic-13crafc); above this n·k, where PySAT's totalizer grows much
# faster (the demo expo's table constraints: 4.1 M clauses), cardinality networks for bounds
# above 1: O(n·log²k) clauses and still complete propagation. They replaced sequential
# counters (O(n·k)): forumt-14's CNF 167 k -> 123 k clauses, the demo's 3.0 M -> 1.75 M, and
# the 20 JAIR originals at d=2 in 68.6 / 69.0 s against 74.8 / 75.1 s (two runs each, idle).
_TOTALIZER_MAX = 4000
_CARD = EncType.seqcounter  # at-most-one constraints and the ladder's caps
_LARGE_CARD = EncType.cardnetwrk


class RC2Stopped(Exception):
    """Raised inside RC2 when the time is up, so nothing counts an interrupted call."""


class _StoppableRC2(RC2):
    """RC2 whose every SAT call can be interrupted, and stops RC2 when it is.

    RC2 passes ``expect_interrupt`` only from its main loop: core exhaustion and
    minimisation call the solver holding the GIL, so the timer could not even run (a
    forum-13crafc.forb0003 run went on for minutes past an 8 s limit). Worse, an
    interrupted call there returns None, which core exhaustion would count as "unsat" and
    raise the cost: the bound would no longer be proved. So every call releases the GIL,
    and an interrupted one raises instead of returning: the cost reached so far stands.
    """

    stop_requested = False

    def _call_oracle(
        self, assumptions: list[int] | None = None, expect_interrupt: bool = False
    ) -> bool | None:
        result = self.oracle.solve_limited(assumptions=assumptions or [], expect_interrupt=True)
        if result is None and self.stop_requested:
            raise RC2Stopped
        return result  # type: ignore[no-any-return]


def _delete(rc2: RC2 | None) -> None:
    """Free RC2's solver (None: it was stopped before it had one)."""
    if rc2 is not None:
        rc2.delete()


class _CheckedClauses(list[list[int]]):
    """Hard clauses that RC2's solver loads one by one in Python (0.13 s for tic-12's 85,000
    on a slow machine, longer than Exact's whole search beside it): every ``_CHECK_EVERY``
    clauses the loading looks whether the solve was stopped, and raises ``RC2Stopped``."""

    def __init__(self, clauses: list[list[int]], stopped: threading.Event) -> None:
        super().__init__(clauses)
        self._stopped = stopped

    def __iter__(self) -> Iterator[list[int]]:
        for i, clause in enumerate(super().__iter__()):
            if i % _CHECK_EVERY == 0 and self._stopped.is_set():
                raise RC2Stopped
            yield clause


_CHECK_EVERY = 4096


@dataclass
class MaxSatOutcome:
    """``slots`` (meeting index -> slot position) when solved to optimality."""

    status: str  # OPTIMAL, INFEASIBLE or UNKNOWN (interrupted)
    slots: dict[int, int] | None
    cost: int | None
    bound: int
    by: str = "rc2"  # which search settled it: "rc2", "ladder" or "exact" (``ladder.py``)
    # UNKNOWN with ``keep_ladder``: the ladder, still searching; the caller closes it.
    ladder: LadderWatch | None = None


def supported(instance: Instance) -> bool:
    """The encoding covers required meetings and the simple form of fairness only."""
    if any(m.optional for m in instance.meetings):
        return False
    return instance.fairness is None or instance.fairness_is_a_cap


class _Encoder:
    def __init__(self, instance: Instance) -> None:
        self.inst = instance
        self.wcnf = WCNF()
        self._ids = count(1)
        self.x: dict[tuple[int, int], int] = {}
        self.busy: dict[tuple[str, int], int] = {}
        self.breaks: dict[str, list[int]] = {}

    def new(self) -> int:
        return next(self._ids)

    def hard(self, clause: list[int]) -> None:
        # Straight onto the list: WCNF.append rescans every literal for ``nv``, which cost
        # more than building the clauses; ``finish`` sets ``nv`` once from the counter.
        self.wcnf.hard.append(clause)

    def card(self, lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        if kind == "atleast" and bound <= 0:
            return
        if kind != "atmost" and bound > len(lits):
            self.hard([])  # more needed than there are literals: unsatisfiable
            return
        top = max(next(self._ids), 1)
        fn = {"atmost": CardEnc.atmost, "atleast": CardEnc.atleast, "equals": CardEnc.equals}
        small = len(lits) * min(bound, len(lits) - bound) <= _TOTALIZER_MAX
        enc = _CARD if bound <= 1 else EncType.totalizer if small else _LARGE_CARD
        cnf = fn[kind](lits=lits, bound=bound, top_id=top, encoding=enc)
        self.wcnf.hard.extend(cnf.clauses)
        self._ids = count(max(top, cnf.nv) + 1)

    def top(self) -> int:
        """Largest variable used so far."""
        top = next(self._ids)
        self._ids = count(top)
        return top - 1

    def finish(self) -> None:
        """Record the variable count that ``hard`` and ``card`` did not keep up to date."""
        self.wcnf.nv = max(self.wcnf.nv, self.top())


def _encode(
    instance: Instance,
    lower: Mapping[str, int] | None = None,
    *,
    stopped: threading.Event | None = None,
) -> _Encoder:
    """The clauses of ``instance``. ``stopped`` is looked at between the parts of the
    encoding, which raises ``RC2Stopped`` once it is set."""
    e = _Encoder(instance)
    parts: list[Callable[[_Encoder], None]] = [_meetings, _busy, _tables, _precedences, _breaks]
    for part in parts:
        if stopped is not None and stopped.is_set():
            raise RC2Stopped
        part(e)
    for pid, lb in (lower or {}).items():
        e.card(e.breaks.get(pid, []), lb, "atleast")  # implied: star lower bounds
    if instance.fairness is not None:
        for lits in e.breaks.values():
            e.card(lits, instance.fairness, "atmost")
    for lits in e.breaks.values():
        for lit in lits:
            e.wcnf.append([-lit], weight=1)
    e.finish()
    return e


def _breaks(e: _Encoder) -> None:
    for p in e.inst.participants:
        e.breaks[p.id] = []
        for day in e.inst.days:
            _day_breaks(e, p.id, day)


def _meetings(e: _Encoder) -> None:
    for k, m in enumerate(e.inst.meetings):
        lits = []
        for t in e.inst.allowed_slots(m):
            e.x[(k, t)] = e.new()
            lits.append(e.x[(k, t)])
        e.hard(list(lits))  # at least one slot (empty clause if none: infeasible)
        e.card(lits, 1, "atmost")


def _busy(e: _Encoder) -> None:
    inst = e.inst
    for p in inst.participants:
        mine = inst.meetings_of[p.id]
        busy_lits = []
        for t in range(len(inst.slots)):
            lits = [e.x[(k, t)] for k in mine if (k, t) in e.x]
            if not lits:
                continue
            b = e.new()
            e.busy[(p.id, t)] = b
            busy_lits.append(b)
            e.hard([-b, *lits])
            for lit in lits:
                e.hard([-lit, b])
            e.card(lits, 1, "atmost")  # no double booking
        if busy_lits:
            e.card(busy_lits, len(mine), "equals")  # implied: busy in exactly |M_p| slots
            _hall(e, p.id)


def _hall(e: _Encoder, pid: str) -> None:
    """Implied (Hall): p is busy in at least as many slots of a set S as it has meetings
    allowed only in S (its AM-only meetings need that many of its AM slots).

    A pigeonhole argument CDCL does not find by itself. One constraint per distinct
    allowed-slot set among p's meetings (two with an AM/PM split).
    """
    inst = e.inst
    allowed = [
        frozenset(t for t in range(len(inst.slots)) if (k, t) in e.x) for k in inst.meetings_of[pid]
    ]
    everywhere = frozenset(t for t in range(len(inst.slots)) if (pid, t) in e.busy)
    for slots, need in hall_sets(allowed, everywhere):
        e.card([e.busy[(pid, t)] for t in slots], need, "atleast")


@dataclass(frozen=True)
class TableGroups:
    """Who uses what in a slot: shared-table meetings, the participants who meet only at
    shared tables (the implied "busy <= 2·tables" counts them), and each booth's meetings."""

    shared: list[int]
    table_only: list[str]
    at_booth: dict[str, list[int]]


def table_groups(inst: Instance) -> TableGroups:
    shared = [k for k, m in enumerate(inst.meetings) if inst.booth_of(m) is None]
    table_only = [
        p.id
        for p in inst.participants
        if all(inst.booth_of(inst.meetings[k]) is None for k in inst.meetings_of[p.id])
    ]
    at_booth: dict[str, list[int]] = {}
    for k, m in enumerate(inst.meetings):
        booth = inst.booth_of(m)
        if booth is not None:
            at_booth.setdefault(booth, []).append(k)
    return TableGroups(shared, table_only, at_booth)


def hall_sets(
    allowed: list[frozenset[int]], everywhere: frozenset[int]
) -> list[tuple[list[int], int]]:
    """Hall's condition on one participant: for each distinct allowed-slot set S of its
    meetings, the slots of S and how many of its meetings can only be in S."""
    out = []
    for a in set(allowed):
        need = sum(1 for b in allowed if b <= a)
        if a != everywhere and need > 1:
            out.append((sorted(a), need))
    return out


def _tables(e: _Encoder) -> None:
    inst = e.inst
    groups = table_groups(inst)
    shared, table_only, at_booth = groups.shared, groups.table_only, groups.at_booth
    for t in range(len(inst.slots)):
        e.card([e.x[(k, t)] for k in shared if (k, t) in e.x], inst.tables, "atmost")
        busy = [e.busy[(pid, t)] for pid in table_only if (pid, t) in e.busy]
        e.card(busy, 2 * inst.tables, "atmost")  # implied
        for ks in at_booth.values():
            # A booth shared by two holders still seats one meeting at a time.
            e.card([e.x[(k, t)] for k in ks if (k, t) in e.x], 1, "atmost")


def _precedences(e: _Encoder) -> None:
    inst = e.inst
    for k, m in enumerate(inst.meetings):
        for before in m.after:
            j = inst.meeting_index[before]
            for t in range(len(inst.slots)):
                if (k, t) in e.x:
                    earlier = [e.x[(j, u)] for u in range(t) if (j, u) in e.x]
                    e.hard([-e.x[(k, t)], *earlier])


def _day_breaks(e: _Encoder, pid: str, day: list[int]) -> None:
    busy = [e.busy.get((pid, t)) for t in day]
    if sum(b is not None for b in busy) <= 1:
        return
    started: list[int | None] = []  # started[i]: busy at some slot <= i of the day
    day_breaks: list[int] = []
    for i, b in enumerate(busy):
        before = started[i - 1] if i > 0 else None
        prev = busy[i - 1] if i > 0 else None
        if b is not None and before is not None:
            brk = e.new()
            e.hard([brk, -b, -before] + ([prev] if prev is not None else []))
            e.hard([-brk, b])
            e.hard([-brk, before])
            if prev is not None:
                e.hard([-brk, -prev])
            day_breaks.append(brk)
        started.append(_either(e, before, b))
    e.breaks[pid].extend(day_breaks)
    _contiguity(e, pid, busy, started, day_breaks)


def _either(e: _Encoder, a: int | None, b: int | None) -> int | None:
    """A literal for ``a or b`` (None when always false)."""
    if b is None:
        return a
    if a is None:
        return b
    s = e.new()
    e.hard([-a, s])
    e.hard([-b, s])
    e.hard([-s, a, b])
    return s


def _contiguity(
    e: _Encoder,
    pid: str,
    busy: list[int | None],
    started: list[int | None],
    breaks: list[int],
) -> None:
    """Implied: a participant-day without a break is busy on one run of at most n slots.

    ``started[i]`` / ``ending[i]`` say "busy at some slot <= i / >= i" (first and last busy
    slot in the order encoding) and ``broken`` "some break that day". Without a break every
    slot between a busy slot before and one after is busy, and the run spans at most n slots.
    O(slots) clauses per participant and day, where the earlier pairwise form ("busy at i and
    j >= i + n => a break in (i, j]") was O(slots²) and only carried the length half.
    """
    n = len(e.inst.meetings_of[pid])
    size = len(busy)
    broken = e.new()
    e.hard([-broken, *breaks])
    for lit in breaks:
        e.hard([-lit, broken])
    ending: list[int | None] = [None] * size
    after: int | None = None
    for i in range(size - 1, -1, -1):
        after = _either(e, after, busy[i])
        ending[i] = after
    for i in range(1, size - 1):
        lo, hi = started[i - 1], ending[i + 1]
        if lo is not None and hi is not None:
            b = busy[i]
            e.hard([-lo, -hi, broken] + ([b] if b is not None else []))
    for i in range(size - n):
        lo, hi = started[i], ending[i + n]
        if lo is not None and hi is not None:
            e.hard([-lo, -hi, broken])


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Python's cycle collector paused while clauses are built.

    An encoding allocates one list per clause (85,000 for tic-12, millions for an expo), none
    of them in a reference cycle, and every few hundred allocations wake the collector, whose
    full passes walk every object of the process: a third of tic-12's 0.12 s solve (median
    of 15 solves 0.125 -> 0.088 s with it paused). Reference counting still frees everything;
    cycles made meanwhile by other threads wait until it is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _keep_or_close(watch: LadderWatch, keep: bool) -> LadderWatch | None:
    """The ladder still searching, handed to the caller (``keep``), else closed."""
    if keep and watch.found is None and not watch.infeasible and watch.hand_over(lambda: None):
        return watch
    watch.close()
    return None


def _slots_of(e: _Encoder, model: list[int]) -> dict[int, int]:
    true = {lit for lit in model if lit > 0}
    return {k: t for (k, t), var in e.x.items() if var in true}


def solve_maxsat(
    instance: Instance,
    *,
    time_limit: float,
    solver: str = "g4",
    lower: Mapping[str, int] | None = None,
    ladder: bool = True,
    feasible: bool | Callable[[], bool] = False,
    keep_ladder: bool = False,
    spare: SpareChild | None = None,
) -> MaxSatOutcome:
    """Solve with RC2 within ``time_limit`` seconds (interrupted after that).

    ``lower`` holds valid per-participant lower bounds on breaks (the star bounds); they
    start the SAT ladder (``ladder``) that runs next to RC2 in a second process, where they
    are implied constraints. ``feasible`` says a schedule is known to exist (the ladder then
    skips its one unlimited SAT call); a callable is asked when the ladder starts.

    ``keep_ladder``: when time is up with neither search done, the ladder keeps running
    (its process is separate) and comes back in the outcome, so that the caller's later
    phases leave it its core; its SAT calls at the bound are often the last step to the
    optimum, and they took ~30 s on the forb0007 variants of forum-13crafc.

    ``spare``: a child process started ahead (``solve``), taken by the first search.
    """
    start = time.monotonic()
    lower = {pid: lb for pid, lb in (lower or {}).items() if lb > 0}
    stopped = threading.Event()
    rc2: _StoppableRC2 | None = None

    def stop() -> None:
        stopped.set()
        if rc2 is not None:
            rc2.stop_requested = True
            rc2.interrupt()

    def rc2_bound() -> int:
        return 0 if rc2 is None else int(rc2.cost)

    from keruen.scheduling.ladder import LADDER_JOINS_SHARE, LadderWatch

    watch = None
    delayed = None
    if ladder:
        known = feasible if callable(feasible) else lambda: bool(feasible)
        join_after = time_limit * LADDER_JOINS_SHARE
        watch = LadderWatch(
            instance, lower, rc2_bound, stop, known, join_after=join_after, spare=spare
        )
        # The second process starts after ``LadderWatch.delay`` (none for Exact: about 50 ms
        # spent on a trivial instance, measured in docs/scheduling.md); it encodes its own
        # model, so the delay counts from before RC2's encoding.
        delayed = threading.Timer(watch.delay, watch.start)
        delayed.start()
    # The time limit covers encoding too.
    timer = threading.Timer(max(0.01, time_limit - (time.monotonic() - start)), stop)
    timer.start()
    kept = None
    try:
        # Star bounds are not given to RC2 as constraints: measured slower (forum-13crafb
        # 12 s -> not in 45 s).
        # Settled by the second process, or out of time, while encoding: RC2Stopped.
        with without_cyclic_gc():
            e = _encode(instance, stopped=stopped)
            hard = e.wcnf.hard
            e.wcnf.hard = _CheckedClauses(hard, stopped)
            try:
                rc2 = _StoppableRC2(e.wcnf, solver=solver, adapt=True, exhaust=True, minz=True)
            finally:
                e.wcnf.hard = hard
        if stopped.is_set():  # after the loading's last look: ``stop`` found no RC2 to interrupt
            raise RC2Stopped
        model = rc2.compute(expect_interrupt=True)
    except RC2Stopped:
        model = None
    finally:
        timer.cancel()
        if delayed is not None:
            delayed.cancel()
            delayed.join()
        if watch is not None:
            kept = _keep_or_close(watch, keep_ladder and stopped.is_set())
    if watch is not None and (watch.found is not None or watch.infeasible):
        watch.close()  # it may have settled just after being handed over: nothing to keep
    if watch is not None and watch.found is not None:
        cost, slots = watch.found
        _delete(rc2)
        return MaxSatOutcome("OPTIMAL", slots, cost, cost, by=watch.by)
    if watch is not None and watch.infeasible:
        _delete(rc2)
        return MaxSatOutcome("INFEASIBLE", None, None, 0, by=watch.by)
    if model is None:
        # An interrupt can surface as "no model" from any of RC2's inner SAT calls without
        # RC2 flagging it: only a run the timer did not stop proves infeasibility.
        if rc2 is None or rc2.interrupted or stopped.is_set():
            bound = max(rc2_bound(), watch.bound if watch is not None else 0)
            return MaxSatOutcome("UNKNOWN", None, None, bound, ladder=kept)
        return MaxSatOutcome("INFEASIBLE", None, None, 0)
    assert rc2 is not None  # a model comes from RC2
    slots = _slots_of(e, model)
    rc2.delete()
    return MaxSatOutcome("OPTIMAL", slots, int(rc2.cost), int(rc2.cost))
