"""The MaxSAT model as pseudo-Boolean constraints, solved by Exact in the second process.

Exact (a RoundingSat fork, AGPL-3.0) learns cutting planes instead of clauses, so table
capacity ("at most 12 meetings in this slot") and "busy in exactly as many slots as one has
meetings" are reasoned about as the linear constraints they are; CDCL on their CNF only
settles such packings by search. Run fully bottom-up (core-guided), it proves the optimum of
forum-13crafc in about 1.5 s where RC2 and the Kissat ladder need 15-20 s (measured in
docs/scheduling.md, "Seventh round").

The constraints are those of ``maxsat._encode``: one slot per meeting, "busy" as the sum of
a participant's meetings in a slot (which also forbids double booking), table and booth
capacity, precedences, breaks per day, the fairness cap, and the implied constraints (busy
in exactly as many slots as one has meetings, at most 2·tables busy participants per slot,
Hall's condition on restricted meetings, the star lower bounds).
"""

from __future__ import annotations

from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from keruen.scheduling.instance import Instance
from keruen.scheduling.maxsat import hall_sets, table_groups

# Fully bottom-up (core-guided) optimisation: the optima of these problems are small, and
# each core raises the proved lower bound, as in UWrMaxSat (Bofill et al.'s best method).
EXACT_OPTIONS = (("verbosity", "0"), ("opt-ratio", "1"))
# Exact is run in slices so that its proved bound reaches the watching thread while it works.
REPORT_EVERY = 0.5  # seconds

Terms = list[tuple[int, str]]


def exact_available() -> bool:
    try:
        import exact  # noqa: F401
    except ImportError:
        return False
    return True


class PbModel:
    """Variables and constraints of one instance, added to an ``exact.Exact`` solver."""

    def __init__(self, instance: Instance, solver: Any) -> None:
        self.inst = instance
        self.solver = solver
        self.x: dict[tuple[int, int], str] = {}
        self.busy: dict[tuple[str, int], str] = {}
        self.breaks: dict[str, list[str]] = {}
        self._count = 0

    def new(self, prefix: str) -> str:
        self._count += 1
        name = f"{prefix}{self._count}"
        self.solver.addVariable(name, 0, 1)
        return name

    def at_most(self, names: Sequence[str], bound: int) -> None:
        if len(names) > bound:
            self.solver.addConstraint([(1, n) for n in names], False, 0, True, bound)

    def at_least(self, names: Sequence[str], bound: int) -> None:
        if bound > 0:
            self.solver.addConstraint([(1, n) for n in names], True, bound, False, 0)

    def linear(self, terms: Terms, lower: int | None = None, upper: int | None = None) -> None:
        self.solver.addConstraint(
            terms, lower is not None, lower or 0, upper is not None, upper or 0
        )


def encode(instance: Instance, solver: Any, lower: dict[str, int] | None = None) -> PbModel:
    """Add the model of ``instance`` to ``solver``; the objective is the number of breaks."""
    m = PbModel(instance, solver)
    _meetings(m)
    _busy(m)
    _tables(m)
    _precedences(m)
    for p in instance.participants:
        m.breaks[p.id] = []
        for day in instance.days:
            _day_breaks(m, p.id, day)
    for pid, lb in (lower or {}).items():
        m.at_least(m.breaks.get(pid, []), lb)
    if instance.fairness is not None:
        for names in m.breaks.values():
            m.at_most(names, instance.fairness)
    solver.setObjective([(1, n) for names in m.breaks.values() for n in names])
    return m


def _meetings(m: PbModel) -> None:
    for k, meeting in enumerate(m.inst.meetings):
        names = []
        for t in m.inst.allowed_slots(meeting):
            m.x[(k, t)] = m.new("x")
            names.append(m.x[(k, t)])
        m.linear([(1, n) for n in names], lower=1, upper=1)  # 0 = 1 if no slot: infeasible


def _busy(m: PbModel) -> None:
    inst = m.inst
    for p in inst.participants:
        mine = inst.meetings_of[p.id]
        busy = []
        for t in range(len(inst.slots)):
            names = [m.x[(k, t)] for k in mine if (k, t) in m.x]
            if not names:
                continue
            b = m.new("b")
            m.busy[(p.id, t)] = b
            busy.append(b)
            # busy = sum of p's meetings in t; busy being 0-1 also forbids double booking.
            m.linear([(1, n) for n in names] + [(-1, b)], lower=0, upper=0)
        if busy:
            m.linear([(1, b) for b in busy], lower=len(mine), upper=len(mine))
            _hall(m, p.id)


def _hall(m: PbModel, pid: str) -> None:
    """As ``maxsat._hall``: p is busy in as many slots of S as it has meetings only in S."""
    inst = m.inst
    slots = range(len(inst.slots))
    allowed = [frozenset(t for t in slots if (k, t) in m.x) for k in inst.meetings_of[pid]]
    everywhere = frozenset(t for t in slots if (pid, t) in m.busy)
    for hall, need in hall_sets(allowed, everywhere):
        m.at_least([m.busy[(pid, t)] for t in hall], need)


def _tables(m: PbModel) -> None:
    inst = m.inst
    groups = table_groups(inst)
    shared, table_only, at_booth = groups.shared, groups.table_only, groups.at_booth
    for t in range(len(inst.slots)):
        m.at_most([m.x[(k, t)] for k in shared if (k, t) in m.x], inst.tables)
        busy = [m.busy[(pid, t)] for pid in table_only if (pid, t) in m.busy]
        m.at_most(busy, 2 * inst.tables)  # implied
        for ks in at_booth.values():
            m.at_most([m.x[(k, t)] for k in ks if (k, t) in m.x], 1)


def _precedences(m: PbModel) -> None:
    inst = m.inst
    for k, meeting in enumerate(inst.meetings):
        for before in meeting.after:
            j = inst.meeting_index[before]
            for t in range(len(inst.slots)):
                if (k, t) in m.x:
                    earlier = [m.x[(j, u)] for u in range(t) if (j, u) in m.x]
                    # x[k, t] <= sum of x[j, u] for u < t
                    m.linear([(1, n) for n in earlier] + [(-1, m.x[(k, t)])], lower=0)


def _day_breaks(m: PbModel, pid: str, day: list[int]) -> None:
    """A break starts at slot i when p is busy there, idle just before and busy earlier."""
    busy = [m.busy.get((pid, t)) for t in day]
    if sum(b is not None for b in busy) <= 1:
        return
    started: str | None = None  # busy at some earlier slot of the day
    prev: str | None = None
    for b in busy:
        if b is not None and started is not None:
            brk = m.new("r")
            # brk = b and started and not prev
            m.linear([(1, brk), (-1, b), (-1, started)] + ([(1, prev)] if prev else []), lower=-1)
            m.linear([(1, brk), (-1, b)], upper=0)
            m.linear([(1, brk), (-1, started)], upper=0)
            if prev is not None:
                m.linear([(1, brk), (1, prev)], upper=1)
            m.breaks[pid].append(brk)
        if b is not None:
            started = b if started is None else _either(m, started, b)
        prev = b


def _either(m: PbModel, a: str, b: str) -> str:
    """A variable equal to ``a or b``."""
    s = m.new("s")
    m.linear([(1, s), (-1, a)], lower=0)
    m.linear([(1, s), (-1, b)], lower=0)
    m.linear([(1, s), (-1, a), (-1, b)], upper=0)
    return s


def run_exact(conn: Connection, instance: Instance, lower: dict[str, int]) -> None:
    """Worker process: minimise breaks with Exact; the protocol of ``ladder.run_ladder``.

    Sends ("unsat", B) whenever "breaks <= B" is refuted (the proved bound passed B), then
    ("sat", optimum, slots) or ("infeasible",).
    """
    import exact

    solver = exact.Exact(list(EXACT_OPTIONS))
    model = encode(instance, solver, lower)
    told = 0
    while True:
        state = solver.runFull(True, REPORT_EVERY)
        bound = int(solver.getDualBound())
        if bound > told:
            conn.send(("unsat", bound - 1))
            told = bound
        if state == "TIMEOUT":
            continue
        if not solver.hasSolution():
            conn.send(("infeasible",))
            return
        conn.send(("sat", int(solver.getBestSoFar()), _slots(model)))
        return


def _slots(model: PbModel) -> dict[int, int]:
    """Meeting index -> slot position in Exact's last (optimal) solution."""
    names = list(model.x.values())
    values = model.solver.getLastSolutionFor(names)
    return {k: t for ((k, t), value) in zip(model.x, values, strict=True) if value == 1}
