"""The second process that runs next to RC2: Exact, or the SAT "ladder".

With Exact installed (a dependency), the process minimises breaks on the pseudo-Boolean
model of ``pb.py``, bottom-up, reporting each bound it proves. Without it, the SAT ladder:
"breaks <= B" for B = the star lower bound (or RC2's core bound, when higher), then B + 1,
... with Kissat (CaDiCaL if Kissat is missing), on the clauses of ``maxsat._encode``. Each
unsatisfiable step proves a bound; the first satisfiable one is optimal. Either uses the
core that RC2 leaves idle, and finds the zero- and near-zero-break schedules that RC2's last
satisfiable call struggles with (see docs/scheduling.md, "What was tried").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

from pysat.card import CardEnc
from pysat.solvers import Solver, SolverNames

from keruen.scheduling.child import ChildSearch
from keruen.scheduling.instance import Instance
from keruen.scheduling.maxsat import _CARD, _encode, _Encoder, _slots_of
from keruen.scheduling.pb import exact_available, run_exact

# Backends, in order of preference (measured, see docs/scheduling.md): Exact's core-guided
# pseudo-Boolean search (``pb.py``), else the SAT ladder with Kissat or CaDiCaL.
LADDER_SOLVERS = ("exact", "kissat404", "cadical195")
LADDER_DELAY = 0.5  # seconds of RC2 alone before the SAT ladder's process starts
# Exact's process starts at once: on the 20 JAIR originals at d = 2, delays of 0, 0.2 and
# 0.5 s gave 51.5, 54.5 and 60.5 s in total; RC2 still settles the easy ones alone.
EXACT_DELAY = 0.0


def ladder_solver() -> str | None:
    """The backend of the second process: "exact", or the SAT solver of the ladder."""
    if "exact" in LADDER_SOLVERS and exact_available():
        return "exact"
    return sat_ladder_solver()


def sat_ladder_solver() -> str | None:
    """The SAT solver of the ladder, or None if the PySAT build has none of them."""
    for name in LADDER_SOLVERS:
        if name in vars(SolverNames):
            return name
    return None


def run_ladder(
    conn: Connection,
    instance: Instance,
    lower: dict[str, int],
    start: int,
    solver: str,
    feasible: bool = False,
) -> None:
    """Worker process: decide "breaks <= B" for B = start, start + 1, ... (start is a proved
    lower bound, at least sum(lower)).

    Sends ("unsat", B) after each refuted step and ("sat", B, slots) or ("infeasible",) at
    the end. At B = sum(lower) the per-participant bounds are tight, so every participant
    without a star bound gets unit "no break" clauses: far easier than one big counter.
    """
    e = _encode(instance, lower)
    lits = [lit for pid_lits in e.breaks.values() for lit in pid_lits]
    bound = max(start, sum(lower.values()))
    while True:  # ``feasible``: the formula without a limit is known to be satisfiable
        model = _decide(e, lits, lower, bound, solver)
        if model is not None:
            conn.send(("sat", bound, _slots_of(e, model)))
            return
        if bound >= len(lits):
            conn.send(("infeasible",))
            return
        conn.send(("unsat", bound))
        if not feasible:
            # Once, so that an infeasible instance ends the ladder instead of climbing it.
            if _decide(e, lits, lower, len(lits), solver) is None:
                conn.send(("infeasible",))
                return
            feasible = True
        bound += 1


def _decide(
    e: _Encoder, lits: list[int], lower: dict[str, int], bound: int, solver: str
) -> list[int] | None:
    """A model of the hard clauses with at most ``bound`` breaks, or None."""
    clauses = list(e.wcnf.hard)
    if bound >= len(lits):
        pass
    elif bound == sum(lower.values()):
        top = e.top()
        for pid, pid_lits in e.breaks.items():
            most = lower.get(pid, 0)
            if most == 0:
                clauses.extend([-lit] for lit in pid_lits)
            elif most < len(pid_lits):
                cap = CardEnc.atmost(pid_lits, bound=most, top_id=top, encoding=_CARD)
                clauses.extend(cap.clauses)
                top = max(top, cap.nv)
    else:
        cap = CardEnc.atmost(lits, bound=bound, top_id=e.top(), encoding=_CARD)
        clauses.extend(cap.clauses)
    with Solver(name=solver, bootstrap_with=clauses) as sat:
        return sat.get_model() if sat.solve() else None


class LadderWatch:
    """Runs the ladder process and collects what it proves while RC2 works.

    When RC2's core bound overtakes the step the ladder is on, the ladder is restarted at
    RC2's bound (its solvers cannot be interrupted, so the process is replaced).
    """

    def __init__(
        self,
        instance: Instance,
        lower: dict[str, int],
        rc2_bound: Callable[[], int],
        on_done: Callable[[], None],
        feasible: Callable[[], bool],
    ) -> None:
        self.instance = instance
        self.feasible = feasible
        self.lower = lower
        self.bound = sum(lower.values())  # proved by the ladder's refuted steps
        self.found: tuple[int, dict[int, int]] | None = None
        self.infeasible = False
        self.restarts = 0
        self._rc2_bound = rc2_bound
        self._on_done = on_done
        self._solver = ladder_solver()
        self.by = "exact" if self._solver == "exact" else "ladder"  # for the statistics
        self.delay = EXACT_DELAY if self._solver == "exact" else LADDER_DELAY
        self._child: ChildSearch | None = None
        self._step = 0  # the B the running process decides
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> None:
        if self._solver is not None:
            self._thread.start()

    def _spawn(self, start: int) -> None:
        self._kill()
        target: Callable[..., None]
        args: tuple[object, ...]
        if self._solver == "exact":
            target, args = run_exact, (self.instance, self.lower)
        else:
            target = run_ladder
            args = (self.instance, self.lower, start, self._solver, self.feasible())
        self._child = ChildSearch(target, args)
        self._step = max(start, sum(self.lower.values()))

    def _kill(self) -> None:
        if self._child is not None:
            self._child.kill()
            self._child = None

    def running(self) -> bool:
        """Whether the second process is still alive (tests check that none is left)."""
        return self._child is not None and self._child.alive()

    def _watch(self) -> None:
        try:
            self._spawn(self._rc2_bound())
        except OSError:
            return  # no process could be started (resource limits): RC2 alone
        while not self._stop.is_set():
            rc2 = self._rc2_bound()
            # Exact finds its own bounds; a ladder step below RC2's bound is wasted work.
            if rc2 > self._step and self._solver != "exact":
                self.restarts += 1
                self._spawn(rc2)
            assert self._child is not None
            try:
                if not self._child.conn.poll(0.05):
                    continue
                msg = self._child.conn.recv()
            except (EOFError, OSError):
                return
            if msg[0] == "unsat":
                self.bound = max(self.bound, msg[1] + 1)
                self._step = msg[1] + 1
            elif msg[0] == "sat":
                self.found = (msg[1], msg[2])
                self._on_done()
                return
            else:
                self.infeasible = True
                self._on_done()
                return

    def hand_over(self, on_done: Callable[[], None]) -> bool:
        """Keep searching after RC2 has stopped; ``on_done`` is called once the ladder has
        settled. False (and closed) if it has already ended without settling."""
        self._on_done = on_done
        if self.found is not None or self.infeasible:
            on_done()
            return True
        if not self._thread.is_alive():
            self.close()
            return False
        return True

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._kill()
