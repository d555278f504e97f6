"""Re-scheduling after changes: move as few published meetings as possible, then few breaks.

The caller passes the *new* instance (meetings cancelled or added, new forbidden slots, a
slot removed, fewer tables) and the previously published assignments. Every moved meeting
gets a reason a human can act on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from keruen.scheduling.instance import Instance
from keruen.scheduling.result import Assignment, Result
from keruen.scheduling.tables import assign_tables


@dataclass(frozen=True)
class Move:
    """A meeting whose slot changed (``new_slot`` None: it is no longer scheduled)."""

    meeting: str
    old_slot: int
    new_slot: int | None
    reason: str


@dataclass(frozen=True)
class Rescheduled:
    """The new schedule, the moves, and the meetings cancelled or added since."""

    result: Result
    moves: tuple[Move, ...]
    cancelled: tuple[str, ...]
    added: tuple[str, ...]


def _forced_reason(instance: Instance, old: Assignment) -> str | None:
    """Why the old slot is no longer allowed for this meeting, if it is not."""
    if old.slot not in instance.slot_index:
        return f"slot {old.slot} removed"
    meeting = instance.meeting_by_id[old.meeting]
    for pid in meeting.participants:
        if old.slot in instance.participant_by_id[pid].forbidden:
            return f"participant {pid} unavailable in slot {old.slot}"
    session = instance.slots[instance.slot_index[old.slot]].session
    if meeting.session is not None and meeting.session != session:
        return f"meeting now restricted to {meeting.session}"
    if meeting.fixed is not None and meeting.fixed != old.slot:
        return f"meeting now fixed to slot {meeting.fixed}"
    return None


def reschedule(
    instance: Instance,
    previous: Iterable[Assignment],
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
) -> Rescheduled:
    """A new valid schedule for ``instance`` that keeps ``previous`` where it can."""
    from keruen.scheduling.solve import solve

    old = {a.meeting: a for a in previous}
    cancelled = tuple(mid for mid in old if mid not in instance.meeting_by_id)
    added = tuple(m.id for m in instance.meetings if m.id not in old)
    kept = {mid: a for mid, a in old.items() if mid in instance.meeting_by_id}
    keep = {
        mid: instance.slot_index[a.slot] for mid, a in kept.items() if a.slot in instance.slot_index
    }
    hint = {mid: a.slot for mid, a in kept.items()}
    result = solve(
        instance,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        keep=keep,
        hint=hint,
    )
    if result.objective is None:  # none found, or none exists: nothing has moved yet
        return Rescheduled(result, (), cancelled, added)
    slots = {a.meeting: a.slot for a in result.assignments}
    result = replace(result, assignments=tuple(assign_tables(instance, slots, kept)))
    new_slot = {a.meeting: a.slot for a in result.assignments}
    moves = []
    for mid, a in kept.items():
        if new_slot.get(mid) == a.slot:
            continue
        reason = _forced_reason(instance, a) or "to make room"
        if mid not in new_slot:
            reason = "optional meeting dropped " + ("(" + reason + ")")
        moves.append(Move(mid, a.slot, new_slot.get(mid), reason))
    return Rescheduled(result, tuple(moves), cancelled, added)
