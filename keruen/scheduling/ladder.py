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
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for
from typing import Any

from pysat.card import CardEnc
from pysat.solvers import Solver, SolverNames

from keruen.scheduling.child import ChildSearch, SpareChild
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
# With Exact, the SAT ladder joins it after this share of RC2's time (4 s of the originals'
# 42): the two settle different instances, and most are settled by one of them sooner.
LADDER_JOINS_SHARE = 0.1
TURN = 0.5  # seconds each of the two takes in turn once both run
# What a child process imports to run either search, ahead of it (``child.SpareChild``).
CHILD_IMPORTS = ("keruen.scheduling.ladder", "keruen.scheduling.pb")
POLL = 0.01  # seconds between the watch's looks: also how long ``close`` may wait for it


def ladder_solver() -> str | None:
    """The backend of the second process: "exact", or the SAT solver of the ladder."""
    if "exact" in LADDER_SOLVERS and exact_available():
        return "exact"
    return sat_ladder_solver()


def _plan(join_after: float) -> list[tuple[str, float]]:
    """Which searches run beside RC2, and when each starts (seconds after the first)."""
    first = ladder_solver()
    sat = sat_ladder_solver()
    if first == "exact" and sat is not None:
        return [("exact", 0.0), (sat, join_after)]
    return [] if first is None else [(first, 0.0)]


def _label(engine: str | None) -> str:
    return "exact" if engine == "exact" else "ladder"


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
    """Runs the second process(es) and collects what they prove while RC2 works.

    With Exact installed, Exact starts first and the SAT ladder joins it after
    ``join_after`` seconds: a portfolio, as each settles instances the other does not in
    time (Exact: forum-13crafc in 2 s against the ladder's 15-20 s; the ladder: forum-14.prec15
    in 5 s, where Exact and RC2 found no 2-break schedule in 60 s). The two then take turns
    of ``TURN`` seconds (the other one paused), so that together they use one core and RC2
    keeps its own (ticf-13crafb, which RC2 settles in 18 s, took 30 s with three processes
    on two cores). Without Exact, the ladder alone. When the best proved bound (RC2's core
    bound, or Exact's) overtakes the step the ladder is on, the ladder is restarted there
    (its solvers cannot be interrupted, so the process is replaced).
    """

    def __init__(
        self,
        instance: Instance,
        lower: dict[str, int],
        rc2_bound: Callable[[], int],
        on_done: Callable[[], None],
        feasible: Callable[[], bool],
        *,
        join_after: float = 0.0,
        spare: SpareChild | None = None,
    ) -> None:
        self.instance = instance
        self._spare = spare  # a process started ahead, for the first search
        self.feasible = feasible
        self.lower = lower
        self.bound = sum(lower.values())  # proved by the second processes
        self.found: tuple[int, dict[int, int]] | None = None
        self.infeasible = False
        self.restarts = 0
        self._rc2_bound = rc2_bound
        self._on_done = on_done
        self._plan = _plan(join_after)  # (engine, seconds after the start), in start order
        first = self._plan[0][0] if self._plan else None
        self.by = _label(first)  # for the statistics: the one that settled it, once known
        self.delay = EXACT_DELAY if first == "exact" else LADDER_DELAY
        self._children: dict[str, ChildSearch] = {}
        # The child whose turn it is when two take turns; None: all run; "": to be dealt.
        self._running: str | None = None
        # Two children take turns while RC2 has the other core (``share_rc2_core``).
        self._turns = True
        self._step = 0  # the B the SAT ladder decides
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def start(self) -> None:
        if self._plan:
            self._thread.start()

    def _spawn(self, engine: str) -> None:
        self._drop(engine)
        target: Callable[..., None]
        args: tuple[object, ...]
        if engine == "exact":
            target, args = run_exact, (self.instance, self.lower)
        else:
            begin = max(self._rc2_bound(), self.bound)
            target = run_ladder
            args = (self.instance, self.lower, begin, engine, self.feasible())
            self._step = max(begin, sum(self.lower.values()))
        self._children[engine] = ChildSearch(target, args, spare=self._spare)
        self._running = ""  # a new child runs: the turns are dealt again (all resumed)

    def _drop(self, engine: str) -> None:
        child = self._children.pop(engine, None)
        if child is not None:
            child.kill()
            self._running = ""  # whoever is left may be paused: resume it

    def _kill(self) -> None:
        for engine in list(self._children):
            self._drop(engine)

    def running(self) -> bool:
        """Whether a second process is still alive. Asked from the caller's thread while the
        watch's thread may replace a child: the dict is copied in one step first."""
        children = list(self._children.values())
        return any(child.alive() for child in children)

    def _watch(self) -> None:
        began = time.monotonic()
        pending = list(self._plan)
        try:
            while not self._stop.is_set():
                while pending and pending[0][1] <= time.monotonic() - began:
                    self._spawn(pending.pop(0)[0])
                self._restart_ladder()
                if not self._children and not pending:
                    return  # every search ended without settling
                self._take_turns()
                if self._receive(wait_for([c.conn for c in self._children.values()], POLL)):
                    return
        except OSError:
            return  # no process could be started (resource limits): RC2 alone

    def _take_turns(self) -> None:
        """Let one child run at a time, each for ``TURN`` seconds."""
        engines = sorted(self._children)
        alone = len(engines) < 2 or not self._turns
        due = None if alone else engines[int(time.monotonic() / TURN) % len(engines)]
        if due == self._running:
            return
        for engine in engines:
            if due is not None and engine != due:
                self._children[engine].pause()
            else:
                self._children[engine].resume()
        self._running = due

    def _restart_ladder(self) -> None:
        ladder = next((e for e in self._children if e != "exact"), None)
        if ladder is not None and max(self._rc2_bound(), self.bound) > self._step:
            self.restarts += 1
            self._spawn(ladder)

    def _receive(self, ready: list[Any]) -> bool:
        """Take the messages of the children in ``ready``; True once the problem is settled."""
        for engine, child in list(self._children.items()):
            if child.conn not in ready:
                continue
            # A message over 16 KB is written in two parts: a child paused between them
            # would leave ``recv`` waiting for ever. The turns are dealt again next time.
            child.resume()
            self._running = ""
            try:
                msg = child.conn.recv()
            except (EOFError, OSError):
                self._drop(engine)  # ended (or died) without settling
                continue
            if msg[0] == "unsat":
                self.bound = max(self.bound, msg[1] + 1)
                if engine != "exact":
                    self._step = max(self._step, msg[1] + 1)
                continue
            if msg[0] == "sat":
                self.found = (msg[1], msg[2])
            else:
                self.infeasible = True
            self.by = _label(engine)
            self._on_done()
            return True
        return False

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

    def share_rc2_core(self) -> None:
        """RC2 has stopped and its core is free: the children stop taking turns and run at
        once (the caller's CP-SAT search keeps one worker beside them)."""
        self._turns = False

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self._kill()
