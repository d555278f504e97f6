"""The CP-SAT model: time-indexed booleans ``x[m, t]`` with one builder per constraint.

Breaks: a break is counted at ``t`` when a participant is busy at ``t``, idle at ``t - 1``
and already started that day (busy at some earlier slot). The objective is then a plain sum
of literals with no constant, the form core-guided search and LP bounds handle best. The
implied "window" constraint (no break => the n meetings fill n consecutive slots) makes the
zero-break cases fast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from keruen.scheduling.instance import Instance

# CP-SAT's expression types do not compose under mypy (numpy overloads), so linear
# expressions are typed loosely here.
Expr = Any


@dataclass(frozen=True)
class ModelParams:
    """Switches for the model; the defaults are the measured best."""

    implied_busy_count: bool = True  # sum_t busy[p, t] == |M_p|
    implied_slot_capacity: bool = True  # sum_p busy[p, t] <= 2 * tables (no-booth people)
    exact_breaks: bool = True  # break literals equal (not just bound) the true breaks
    span_implied: bool = True  # no break <=> meetings fill one window (see _add_span)
    fairness: int | None = None  # overrides the instance's d when set
    use_instance_fairness: bool = True
    objective: str = "breaks"  # "breaks" or "weight" (phase 1 of the lexicographic solve)
    min_weight: int | None = None  # phase 2: scheduled optional weight must reach this
    # Re-scheduling: meeting id -> slot position to keep (``moved`` counts the others).
    keep: Mapping[str, int] = field(default_factory=dict)


@dataclass
class B2BModel:
    """A built model and the handles that decode its solution."""

    instance: Instance
    model: cp_model.CpModel
    x: dict[tuple[int, int], cp_model.IntVar]
    present: list[cp_model.IntVar | None]
    busy: dict[tuple[str, int], cp_model.IntVar]
    breaks_of: dict[str, Expr]
    breaks: Expr
    weight: Expr
    moved: Expr = 0
    span_implied: bool = True
    infeasible_reason: str | None = None


def build_model(instance: Instance, params: ModelParams | None = None) -> B2BModel:
    """Build the CP-SAT model of ``instance``; see :class:`ModelParams` for the switches."""
    params = params or ModelParams()
    model = cp_model.CpModel()
    m = B2BModel(instance, model, {}, [], {}, {}, 0, 0, span_implied=params.span_implied)
    add_meeting_vars(m)
    add_busy(m)
    add_table_capacity(m)
    if params.implied_busy_count:
        add_implied_busy_count(m)
    if params.implied_slot_capacity:
        add_implied_slot_capacity(m)
    add_precedences(m)
    add_breaks(m, exact=params.exact_breaks)
    d = params.fairness if params.fairness is not None else None
    if d is None and params.use_instance_fairness:
        d = instance.fairness
    if d is not None:
        add_fairness(m, d)
    add_objective(m, params)
    return m


def add_meeting_vars(m: B2BModel) -> None:
    """One boolean per meeting and allowed slot; required meetings take exactly one slot.

    Session, forbidden and fixed rules are applied here by not creating the variables.
    """
    inst = m.instance
    for k, meeting in enumerate(inst.meetings):
        slots = inst.allowed_slots(meeting)
        lits = []
        for t in slots:
            var = m.model.new_bool_var(f"x[{meeting.id},{t}]")
            m.x[(k, t)] = var
            lits.append(var)
        if meeting.optional:
            present = m.model.new_bool_var(f"present[{meeting.id}]")
            m.model.add(sum(lits) == present)
            m.present.append(present)
        else:
            if not lits:
                m.infeasible_reason = f"meeting {meeting.id!r} has no allowed slot"
            m.model.add_exactly_one(lits)
            m.present.append(None)


def add_busy(m: B2BModel) -> None:
    """busy[p, t] == number of p's meetings at t, at most 1: no double booking."""
    inst = m.instance
    for p in inst.participants:
        mine = inst.meetings_of[p.id]
        for t in range(len(inst.slots)):
            lits = [m.x[(k, t)] for k in mine if (k, t) in m.x]
            if not lits:
                continue
            b = m.model.new_bool_var(f"busy[{p.id},{t}]")
            m.model.add(sum(lits) == b)
            m.busy[(p.id, t)] = b


def add_table_capacity(m: B2BModel) -> None:
    """At most ``tables`` meetings at the shared tables per slot, one per booth and slot."""
    inst = m.instance
    shared = [k for k, meeting in enumerate(inst.meetings) if inst.booth_of(meeting) is None]
    at_booth: dict[str, list[int]] = {}
    for k, meeting in enumerate(inst.meetings):
        booth = inst.booth_of(meeting)
        if booth is not None:
            at_booth.setdefault(booth, []).append(k)
    for t in range(len(inst.slots)):
        lits = [m.x[(k, t)] for k in shared if (k, t) in m.x]
        if len(lits) > inst.tables:
            m.model.add(sum(lits) <= inst.tables)
        for ks in at_booth.values():
            # A booth shared by two holders still seats one meeting at a time.
            at_t = [m.x[(k, t)] for k in ks if (k, t) in m.x]
            if len(at_t) > 1:
                m.model.add_at_most_one(at_t)


def add_implied_busy_count(m: B2BModel) -> None:
    """Implied: a participant is busy in exactly as many slots as it has (required) meetings."""
    inst = m.instance
    for p in inst.participants:
        mine = inst.meetings_of[p.id]
        lits = [m.busy[(p.id, t)] for t in range(len(inst.slots)) if (p.id, t) in m.busy]
        if not lits:
            continue
        required = sum(1 for k in mine if not inst.meetings[k].optional)
        if required == len(mine):
            m.model.add(sum(lits) == required)
        else:
            m.model.add(sum(lits) >= required)


def add_implied_slot_capacity(m: B2BModel) -> None:
    """Implied: at most 2·tables busy participants per slot.

    Only participants all of whose meetings use shared tables are counted: a booth meeting
    makes two participants busy without taking a table.
    """
    inst = m.instance
    table_only = [
        p.id
        for p in inst.participants
        if all(inst.booth_of(inst.meetings[k]) is None for k in inst.meetings_of[p.id])
    ]
    for t in range(len(inst.slots)):
        lits = [m.busy[(pid, t)] for pid in table_only if (pid, t) in m.busy]
        if len(lits) > 2 * inst.tables:
            m.model.add(sum(lits) <= 2 * inst.tables)


def add_precedences(m: B2BModel) -> None:
    """``after`` meetings are held in an earlier slot (binding only when both take place)."""
    inst = m.instance
    index = {meeting.id: k for k, meeting in enumerate(inst.meetings)}
    by_meeting: dict[int, list[tuple[int, cp_model.IntVar]]] = {}
    for (k, t), var in m.x.items():
        by_meeting.setdefault(k, []).append((t, var))
    for k, meeting in enumerate(inst.meetings):
        for before_id in meeting.after:
            j = index[before_id]
            start_k = sum(t * v for t, v in by_meeting.get(k, []))
            start_j = sum(t * v for t, v in by_meeting.get(j, []))
            enforce = [lit for lit in (m.present[k], m.present[j]) if lit is not None]
            m.model.add(start_j + 1 <= start_k).only_enforce_if(enforce)


def add_breaks(m: B2BModel, *, exact: bool) -> None:
    """breaks(p) = sum over days of the break literals of p (see ``_day_breaks``)."""
    inst = m.instance
    total = []
    for p in inst.participants:
        per_day = []
        for day in inst.days:
            term = _day_breaks(m, p.id, day, exact)
            if term is not None:
                per_day.append(term)
        m.breaks_of[p.id] = sum(per_day)
        total.extend(per_day)
    m.breaks = sum(total)


def _day_breaks(m: B2BModel, pid: str, day: list[int], exact: bool) -> Expr | None:
    """Sum of "a new block starts after an earlier block" literals of ``pid`` on ``day``.

    ``started[t]`` = busy at some slot <= t of the day. A break is counted at ``t`` when
    the participant is busy at ``t``, idle at ``t - 1`` and already started at ``t - 1``.
    Every term is a plain literal with no constant, so the objective is a sum of literals:
    the form core-guided search and the LP bound handle best.
    """
    busy = [m.busy.get((pid, t)) for t in day]
    if sum(b is not None for b in busy) <= 1:
        return None  # at most one possible slot that day: never a break
    started: list[cp_model.IntVar | None] = []
    breaks: list[cp_model.IntVar] = []
    for i, b in enumerate(busy):
        prev_started = started[-1] if started else None
        prev_busy = busy[i - 1] if i > 0 else None
        if b is not None and prev_started is not None:
            brk = m.model.new_bool_var(f"break[{pid},{day[i]}]")
            clause = [brk, b.Not(), prev_started.Not()]
            if prev_busy is not None:
                clause.append(prev_busy)
            m.model.add_bool_or(clause)
            if exact:
                m.model.add_implication(brk, b)
                m.model.add_implication(brk, prev_started)
                if prev_busy is not None:
                    m.model.add_implication(brk, prev_busy.Not())
            breaks.append(brk)
        started.append(_started(m, pid, day[i], prev_started, b, exact))
    if m.span_implied:
        _add_span(m, pid, day, busy, sum(breaks))
    return sum(breaks)


def _add_span(
    m: B2BModel,
    pid: str,
    day: list[int],
    busy: list[cp_model.IntVar | None],
    breaks: Expr,
) -> None:
    """Implied: without a break, a participant's meetings fill one window of n slots.

    ``first``/``last`` bracket the busy slots; ``last - first + 1 - n`` idle slots lie inside
    the window and need at least one break. The clauses alone do not see that "no break"
    means "n consecutive slots", and this is what makes the zero-break cases fast.
    """
    lo, hi = day[0], day[-1]
    first = m.model.new_int_var(lo, hi, f"first[{pid},{lo}]")
    last = m.model.new_int_var(lo, hi, f"last[{pid},{lo}]")
    present = []
    for t, b in zip(day, busy, strict=True):
        if b is None:
            continue
        m.model.add(first <= t).only_enforce_if(b)
        m.model.add(last >= t).only_enforce_if(b)
        present.append(b)
    m.model.add(last - first + 1 - sum(present) <= (hi - lo) * breaks)


def _started(
    m: B2BModel,
    pid: str,
    t: int,
    prev: cp_model.IntVar | None,
    busy: cp_model.IntVar | None,
    exact: bool,
) -> cp_model.IntVar | None:
    """started[t] = started[t - 1] or busy[t] (None when always false)."""
    if busy is None:
        return prev
    if prev is None:
        return busy
    s = m.model.new_bool_var(f"started[{pid},{t}]")
    m.model.add_implication(prev, s)
    m.model.add_implication(busy, s)
    if exact:
        m.model.add_bool_or([s.Not(), prev, busy])
    return s


def add_fairness(m: B2BModel, d: int) -> None:
    """max breaks − min breaks ≤ d over all participants (those without breaks count as 0)."""
    inst = m.instance
    if not inst.participants:
        return
    ub = max(len(inst.meetings_of[p.id]) for p in inst.participants)
    lo = m.model.new_int_var(0, ub, "min_breaks")
    for p in inst.participants:
        br = m.breaks_of[p.id]
        m.model.add(br >= lo)
        m.model.add(br <= lo + d)


def add_objective(m: B2BModel, params: ModelParams) -> None:
    """Phase objective: scheduled weight (phase 1) or breaks (+ moved meetings, if keeping)."""
    inst = m.instance
    m.weight = sum(
        inst.meetings[k].weight * lit for k, lit in enumerate(m.present) if lit is not None
    )
    if params.min_weight is not None:
        m.model.add(m.weight >= params.min_weight)
    if params.keep:
        m.moved = _moved(m, params.keep)
    if params.objective == "weight":
        m.model.maximize(m.weight)
    else:
        m.model.minimize(m.breaks)


def _moved(m: B2BModel, keep: Mapping[str, int]) -> Expr:
    """Number of kept meetings not at their previous slot position."""
    index = {meeting.id: k for k, meeting in enumerate(m.instance.meetings)}
    terms = []
    for mid, t in keep.items():
        k = index.get(mid)
        if k is None:
            continue
        stay = m.x.get((k, t))
        terms.append(1 - stay if stay is not None else 1)
    return sum(terms)
