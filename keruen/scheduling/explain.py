"""Explanations: breaks per participant, and why an optional meeting was left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from keruen.scheduling.check import breaks_per_participant
from keruen.scheduling.instance import Instance, Meeting
from keruen.scheduling.result import Assignment


@dataclass(frozen=True)
class Unscheduled:
    """An optional meeting left out, and the constraints that block each slot."""

    meeting: str
    reasons: tuple[str, ...]


def _blockers(
    instance: Instance,
    meeting: Meeting,
    busy: dict[tuple[str, int], str],
    load: dict[int | tuple[str, int], int],
) -> list[str]:
    reasons = []
    banned = {s for pid in meeting.participants for s in instance.participant_by_id[pid].forbidden}
    candidates = []
    for slot in instance.slots:
        if meeting.session is not None and slot.session != meeting.session:
            continue
        if meeting.fixed is not None and slot.id != meeting.fixed:
            continue
        candidates.append(slot.id)
    if not candidates:
        reasons.append("no slot matches its session/fixed restriction")
    open_slots = [s for s in candidates if s not in banned]
    if candidates and not open_slots:
        reasons.append("a participant is unavailable (forbidden) in every allowed slot")
    for pid in meeting.participants:
        if open_slots and all((pid, s) in busy for s in open_slots):
            reasons.append(f"participant {pid} is busy in every allowed slot")
    booth = instance.booth_of(meeting)
    free = [s for s in open_slots if not any((pid, s) in busy for pid in meeting.participants)]
    if free and booth is None and all(load.get(s, 0) >= instance.tables for s in free):
        reasons.append("all tables are taken in every slot both participants are free")
    if free and booth is not None and all(load.get((booth, s), 0) for s in free):
        # Two holders of one booth: the other holder's meetings fill it.
        reasons.append(f"booth {booth} is taken in every slot both participants are free")
    if free and not reasons:
        reasons.append(
            "a free slot exists but scheduling it would lower the objective or break "
            "fairness/precedences"
        )
    elif open_slots and not reasons:
        reasons.append("the two participants are never free in the same allowed slot")
    return reasons


def explain_unscheduled(instance: Instance, assignments: Iterable[Assignment]) -> list[Unscheduled]:
    """For every optional meeting not scheduled, which constraints block it."""
    rows = list(assignments)
    busy: dict[tuple[str, int], str] = {}
    load: dict[int | tuple[str, int], int] = {}  # slot, or (booth, slot) -> meetings held
    for a in rows:
        m = instance.meeting_by_id[a.meeting]
        for pid in m.participants:
            busy[(pid, a.slot)] = a.meeting
        booth = instance.booth_of(m)
        place: int | tuple[str, int] = a.slot if booth is None else (booth, a.slot)
        load[place] = load.get(place, 0) + 1
    scheduled = {a.meeting for a in rows}
    return [
        Unscheduled(m.id, tuple(_blockers(instance, m, busy, load)))
        for m in instance.meetings
        if m.optional and m.id not in scheduled
    ]


def explain_breaks(instance: Instance, assignments: Iterable[Assignment]) -> dict[str, int]:
    """Breaks per participant (idle gaps strictly between two meetings of a day)."""
    return breaks_per_participant(instance, list(assignments))
