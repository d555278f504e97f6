"""An independent checker: every hard rule of keruen-b2b/1, and the objective.

Deliberately shares no code with the model or the solver (and never imports ortools), so a
solver bug cannot hide itself. The web platform uses it for organisers' manual edits.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Assignment, Objective, Result


@dataclass(frozen=True)
class Violation:
    """One broken rule; ``rule`` is a stable key, ``message`` is for humans."""

    rule: str
    message: str
    meeting: str | None = None
    participant: str | None = None


def _assignments(solution: Result | Iterable[Assignment]) -> list[Assignment]:
    return list(solution.assignments if isinstance(solution, Result) else solution)


def breaks_per_participant(
    instance: Instance, solution: Result | Iterable[Assignment]
) -> dict[str, int]:
    """Breaks of every participant: idle gaps strictly between two meetings, per day, summed.

    Unknown meeting or slot ids are ignored here (``check`` reports them).
    """
    day_of = {s.id: s.day for s in instance.slots}
    pos = instance.slot_index
    busy: dict[tuple[str, int], set[int]] = defaultdict(set)
    for a in _assignments(solution):
        m = instance.meeting_by_id.get(a.meeting)
        if m is None or a.slot not in pos:
            continue
        for pid in m.participants:
            busy[(pid, day_of[a.slot])].add(pos[a.slot])
    out = {p.id: 0 for p in instance.participants}
    for (pid, _day), positions in busy.items():
        ordered = sorted(positions)
        out[pid] += sum(1 for x, y in itertools.pairwise(ordered) if y > x + 1)
    return out


def evaluate(instance: Instance, solution: Result | Iterable[Assignment]) -> Objective:
    """Recompute the objective of a schedule (whether or not it is valid)."""
    rows = _assignments(solution)
    scheduled = {a.meeting for a in rows if a.meeting in instance.meeting_by_id}
    weight = sum(m.weight for m in instance.meetings if m.optional and m.id in scheduled)
    unscheduled = sum(1 for m in instance.meetings if m.optional and m.id not in scheduled)
    breaks = sum(breaks_per_participant(instance, rows).values())
    return Objective(breaks=breaks, scheduled_weight=weight, unscheduled=unscheduled)


def check(instance: Instance, solution: Result | Iterable[Assignment]) -> list[Violation]:
    """Every violated hard rule of ``solution`` on ``instance``; ``[]`` means valid."""
    rows = _assignments(solution)
    out = _check_ids(instance, rows)
    known = [
        a for a in rows if a.meeting in instance.meeting_by_id and a.slot in instance.slot_index
    ]
    out += _check_complete(instance, known)
    out += _check_meeting_rules(instance, known)
    out += _check_double_booking(instance, known)
    out += _check_tables(instance, known)
    out += _check_precedences(instance, known)
    out += _check_fairness(instance, known)
    return out


def _check_ids(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    out = []
    seen: set[str] = set()
    for a in rows:
        if a.meeting not in instance.meeting_by_id:
            out.append(Violation("unknown-meeting", f"unknown meeting {a.meeting!r}", a.meeting))
        elif a.meeting in seen:
            out.append(Violation("duplicate", f"meeting {a.meeting!r} assigned twice", a.meeting))
        seen.add(a.meeting)
        if a.slot not in instance.slot_index:
            out.append(Violation("unknown-slot", f"unknown slot {a.slot!r}", a.meeting))
    return out


def _check_complete(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    scheduled = {a.meeting for a in rows}
    return [
        Violation("unscheduled", f"required meeting {m.id!r} is not scheduled", m.id)
        for m in instance.meetings
        if not m.optional and m.id not in scheduled
    ]


def _check_meeting_rules(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    session_of = {s.id: s.session for s in instance.slots}
    out = []
    for a in rows:
        m = instance.meeting_by_id[a.meeting]
        if m.session is not None and session_of[a.slot] != m.session:
            out.append(
                Violation("session", f"{m.id!r} must be {m.session}, got slot {a.slot}", m.id)
            )
        if m.fixed is not None and a.slot != m.fixed:
            out.append(
                Violation("fixed", f"{m.id!r} is fixed to slot {m.fixed}, got {a.slot}", m.id)
            )
        for pid in m.participants:
            if a.slot in instance.participant_by_id[pid].forbidden:
                msg = f"{m.id!r}: participant {pid!r} is unavailable in slot {a.slot}"
                out.append(Violation("forbidden", msg, m.id, pid))
    return out


def _check_double_booking(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    seen: dict[tuple[str, int], str] = {}
    out = []
    for a in rows:
        for pid in instance.meeting_by_id[a.meeting].participants:
            other = seen.setdefault((pid, a.slot), a.meeting)
            if other != a.meeting:
                msg = f"participant {pid!r} has {other!r} and {a.meeting!r} in slot {a.slot}"
                out.append(Violation("double-booking", msg, a.meeting, pid))
    return out


def _check_tables(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    out = []
    used: dict[tuple[int, int | str], str] = {}
    for a in rows:
        m = instance.meeting_by_id[a.meeting]
        booth = instance.booth_of(m)
        if booth is not None:
            if a.table != booth:
                msg = f"{m.id!r} must be held at booth {booth!r}, got {a.table!r}"
                out.append(Violation("booth", msg, m.id))
        elif isinstance(a.table, bool) or not isinstance(a.table, int):
            out.append(
                Violation("table", f"{m.id!r}: table must be a number, got {a.table!r}", m.id)
            )
        elif not 1 <= a.table <= instance.tables:
            msg = f"{m.id!r}: table {a.table} out of range 1..{instance.tables}"
            out.append(Violation("table", msg, m.id))
        other = used.setdefault((a.slot, a.table), a.meeting)
        if other != a.meeting:
            msg = f"{other!r} and {m.id!r} share table {a.table!r} in slot {a.slot}"
            out.append(Violation("table-clash", msg, m.id))
    return out


def _check_precedences(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    pos = instance.slot_index
    at = {a.meeting: pos[a.slot] for a in rows}
    out = []
    for m in instance.meetings:
        for before in m.after:
            # A precedence binds only when both meetings take place.
            if m.id in at and before in at and at[before] >= at[m.id]:
                msg = f"{before!r} must be held before {m.id!r}"
                out.append(Violation("precedence", msg, m.id))
    return out


def _check_fairness(instance: Instance, rows: Sequence[Assignment]) -> list[Violation]:
    d = instance.fairness
    if d is None or not instance.participants:
        return []
    breaks = breaks_per_participant(instance, rows)
    hi, lo = max(breaks.values()), min(breaks.values())
    if hi - lo > d:
        return [Violation("fairness", f"breaks range {lo}..{hi} exceeds fairness d={d}")]
    return []
