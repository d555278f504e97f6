"""A MaxSAT encoding solved with RC2 (PySAT): the core-guided exact method of Bofill et al.

Used for the classic problem (every meeting required, no re-scheduling); CP-SAT handles the
rest and provides the anytime schedule. Hard clauses: one slot per meeting, no double
booking, table capacity, precedences, fairness, and the implied constraints that make the
proofs fast. Soft clauses: one unit clause "no break here" per break literal.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from itertools import count

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF

from keruen.scheduling.instance import Instance


@dataclass
class MaxSatOutcome:
    """``slots`` (meeting index -> slot position) when solved to optimality."""

    status: str  # OPTIMAL, INFEASIBLE or UNKNOWN (interrupted)
    slots: dict[int, int] | None
    cost: int | None
    bound: int


def supported(instance: Instance) -> bool:
    """The encoding covers required meetings and the simple form of fairness only."""
    if any(m.optional for m in instance.meetings):
        return False
    return instance.fairness is None or _always_zero(instance)


def _always_zero(instance: Instance) -> bool:
    # With a participant that never has a break, "max - min <= d" is "every p <= d".
    return any(len(instance.meetings_of[p.id]) <= 1 for p in instance.participants)


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
        self.wcnf.append(clause)

    def card(self, lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        top = max(next(self._ids), 1)
        enc = EncType.seqcounter if kind == "atmost" and bound == 1 else EncType.totalizer
        fn = {"atmost": CardEnc.atmost, "atleast": CardEnc.atleast, "equals": CardEnc.equals}
        cnf = fn[kind](lits=lits, bound=bound, top_id=top, encoding=enc)
        for clause in cnf.clauses:
            self.hard(clause)
        self._ids = count(max(top, cnf.nv) + 1)


def _encode(instance: Instance) -> _Encoder:
    e = _Encoder(instance)
    _meetings(e)
    _busy(e)
    _tables(e)
    _precedences(e)
    for p in instance.participants:
        e.breaks[p.id] = []
        for day in instance.days:
            _day_breaks(e, p.id, day)
    if instance.fairness is not None:
        for lits in e.breaks.values():
            e.card(lits, instance.fairness, "atmost")
    for lits in e.breaks.values():
        for lit in lits:
            e.wcnf.append([-lit], weight=1)
    return e


def _meetings(e: _Encoder) -> None:
    for k, m in enumerate(e.inst.meetings):
        lits = []
        for t in e.inst.allowed_slots(m):
            e.x[(k, t)] = e.new()
            lits.append(e.x[(k, t)])
        e.hard(lits)  # at least one slot (empty clause if none: infeasible)
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


def _tables(e: _Encoder) -> None:
    inst = e.inst
    shared = [k for k, m in enumerate(inst.meetings) if inst.booth_of(m) is None]
    table_only = [
        p.id
        for p in inst.participants
        if all(inst.booth_of(inst.meetings[k]) is None for k in inst.meetings_of[p.id])
    ]
    for t in range(len(inst.slots)):
        e.card([e.x[(k, t)] for k in shared if (k, t) in e.x], inst.tables, "atmost")
        busy = [e.busy[(pid, t)] for pid in table_only if (pid, t) in e.busy]
        e.card(busy, 2 * inst.tables, "atmost")  # implied


def _precedences(e: _Encoder) -> None:
    inst = e.inst
    index = {m.id: k for k, m in enumerate(inst.meetings)}
    for k, m in enumerate(inst.meetings):
        for before in m.after:
            j = index[before]
            for t in range(len(inst.slots)):
                if (k, t) in e.x:
                    earlier = [e.x[(j, u)] for u in range(t) if (j, u) in e.x]
                    e.hard([-e.x[(k, t)], *earlier])


def _day_breaks(e: _Encoder, pid: str, day: list[int]) -> None:
    busy = [e.busy.get((pid, t)) for t in day]
    if sum(b is not None for b in busy) <= 1:
        return
    started: int | None = None
    day_breaks: list[tuple[int, int]] = []  # (position in day, break literal)
    for i, b in enumerate(busy):
        prev = busy[i - 1] if i > 0 else None
        if b is not None and started is not None:
            brk = e.new()
            e.hard([brk, -b, -started] + ([prev] if prev is not None else []))
            e.hard([-brk, b])
            e.hard([-brk, started])
            if prev is not None:
                e.hard([-brk, -prev])
            day_breaks.append((i, brk))
        started = _started(e, started, b)
    e.breaks[pid].extend(lit for _, lit in day_breaks)
    _window(e, pid, busy, day_breaks)


def _started(e: _Encoder, prev: int | None, busy: int | None) -> int | None:
    if busy is None:
        return prev
    if prev is None:
        return busy
    s = e.new()
    e.hard([-prev, s])
    e.hard([-busy, s])
    e.hard([-s, prev, busy])
    return s


def _window(
    e: _Encoder, pid: str, busy: list[int | None], day_breaks: list[tuple[int, int]]
) -> None:
    """Implied: busy at i and j with j - i >= n means a break starts in (i, j]."""
    n = len(e.inst.meetings_of[pid])
    for i, bi in enumerate(busy):
        for j in range(i + n, len(busy)):
            bj = busy[j]
            if bi is None or bj is None:
                continue
            inside = [lit for pos, lit in day_breaks if i < pos <= j]
            e.hard([-bi, -bj, *inside])


def solve_maxsat(instance: Instance, *, time_limit: float, solver: str = "g4") -> MaxSatOutcome:
    """Solve with RC2 within ``time_limit`` seconds (interrupted after that)."""
    start = time.monotonic()
    e = _encode(instance)
    rc2 = RC2(e.wcnf, solver=solver, adapt=True, exhaust=True, minz=True)
    # The time limit covers encoding too.
    stopped = threading.Event()

    def stop() -> None:
        stopped.set()
        rc2.interrupt()

    timer = threading.Timer(max(0.01, time_limit - (time.monotonic() - start)), stop)
    timer.start()
    try:
        model = rc2.compute(expect_interrupt=True)
    finally:
        timer.cancel()
    if model is None:
        # An interrupt can surface as "no model" from any of RC2's inner SAT calls without
        # RC2 flagging it: only a run the timer did not stop proves infeasibility.
        if rc2.interrupted or stopped.is_set():
            return MaxSatOutcome("UNKNOWN", None, None, int(rc2.cost))
        return MaxSatOutcome("INFEASIBLE", None, None, 0)
    true = {lit for lit in model if lit > 0}
    slots = {k: t for (k, t), var in e.x.items() if var in true}
    rc2.delete()
    return MaxSatOutcome("OPTIMAL", slots, int(rc2.cost), int(rc2.cost))
