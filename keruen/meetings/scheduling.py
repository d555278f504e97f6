"""The bridge between the database and the scheduler core (``keruen.scheduling``).

``schedule_instance_build`` turns an event's accepted meetings, delegates' availability,
booths and tables into a keruen-b2b/1 instance; ``schedule_draft_solve`` solves it, checks
the result with the independent checker and writes it into the draft schedule. Only ids
cross the boundary: meeting ids are the Meeting primary keys, participant ids the
Participant primary keys, slot ids the slot numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, ProgrammeSession, Slot
from keruen.meetings.models import Meeting, Schedule
from keruen.meetings.services import schedule_draft_get, schedule_entries_replace
from keruen.people.models import Participant


@dataclass(frozen=True)
class EventInstance:
    """A core instance plus what is needed to map its answer back to rows."""

    instance: Any  # keruen.scheduling.instance.Instance (imported lazily)
    slots: dict[int, Slot]
    tables: list[MeetingTable]
    booths: dict[str, Booth]
    meetings: dict[str, Meeting]


def _forbidden_slots(participant: Participant, slots: list[Slot], blocked: set[int]) -> set[int]:
    """Slot numbers a delegate cannot meet in: declared, before arrival, after departure."""
    forbidden = {slot.number for slot in participant.unavailable_slots.all()} | blocked
    for slot in slots:
        if participant.arrives_at and slot.start < participant.arrives_at:
            forbidden.add(slot.number)
        if participant.departs_at and slot.end > participant.departs_at:
            forbidden.add(slot.number)
    return forbidden


def _speaker_blocks(event: Event, slots: list[Slot]) -> dict[int, set[int]]:
    """Participant id -> slot numbers overlapping a session they speak at that blocks meetings."""
    blocked: dict[int, set[int]] = defaultdict(set)
    sessions = ProgrammeSession.objects.filter(event=event, blocks_meetings=True)
    for session in sessions.prefetch_related("speakers"):
        overlapping = {s.number for s in slots if s.start < session.end and session.start < s.end}
        for speaker in session.speakers.all():
            blocked[speaker.pk] |= overlapping
    return blocked


def schedule_instance_build(*, event: Event, fairness: int | None = None) -> EventInstance:
    from keruen.scheduling import instance as core

    slots = list(Slot.objects.filter(event=event).order_by("number"))
    if not slots:
        raise ValidationFailed("Define the slot grid before scheduling.", field="slots")
    tables = list(MeetingTable.objects.filter(event=event, is_active=True).order_by("number"))
    meetings = list(
        Meeting.objects.filter(event=event, status=Meeting.Status.ACCEPTED).order_by("pk")
    )
    people_ids = {m.participant_a_id for m in meetings} | {m.participant_b_id for m in meetings}
    people = (
        Participant.objects.filter(pk__in=people_ids)
        .select_related("booth")
        .prefetch_related("unavailable_slots")
    )
    blocks = _speaker_blocks(event, slots)
    booths: dict[str, Booth] = {}
    core_people = []
    for person in people.order_by("pk"):
        booth = person.booth if person.booth and person.booth.hosts_meetings else None
        if booth is not None:
            booths[booth.code] = booth
        core_people.append(
            core.Participant(
                id=str(person.pk),
                forbidden=frozenset(_forbidden_slots(person, slots, blocks.get(person.pk, set()))),
                booth=booth.code if booth else None,
            )
        )
    instance = core.Instance(
        name=event.slug,
        slots=tuple(core.Slot(id=s.number, day=s.day_index, session=s.session) for s in slots),
        tables=len(tables),
        participants=tuple(core_people),
        meetings=tuple(
            core.Meeting(
                id=str(m.pk),
                participants=(str(m.participant_a_id), str(m.participant_b_id)),
                session=m.session or None,
                weight=m.weight,
                optional=m.optional,
            )
            for m in meetings
        ),
        fairness=fairness,
    )
    return EventInstance(
        instance=instance,
        slots={s.number: s for s in slots},
        tables=tables,
        booths=booths,
        meetings={str(m.pk): m for m in meetings},
    )


def schedule_draft_solve(
    *,
    event: Event,
    time_limit: float = 30.0,
    workers: int = 2,
    seed: int = 0,
    fairness: int | None = None,
    progress: Callable[..., None] | None = None,
) -> Schedule:
    """Solve the event's meetings into its draft schedule (checked before it is stored)."""
    from keruen.scheduling.check import check
    from keruen.scheduling.solve import solve

    built = schedule_instance_build(event=event, fairness=fairness)
    result = solve(
        built.instance, time_limit=time_limit, workers=workers, seed=seed, progress=progress
    )
    if result.status in ("INFEASIBLE", "UNKNOWN"):
        raise Conflict(f"No schedule found: the solver answered {result.status}.")
    violations = check(built.instance, result)
    if violations:  # never store a schedule the checker refuses
        raise Conflict(f"The solver's schedule failed the check: {violations[0]}")
    placements = []
    for assignment in result.assignments:
        meeting = built.meetings[assignment.meeting]
        slot = built.slots[assignment.slot]
        if isinstance(assignment.table, str):
            placements.append((meeting, slot, None, built.booths[assignment.table]))
        else:
            placements.append((meeting, slot, built.tables[assignment.table - 1], None))
    with transaction.atomic():
        draft = schedule_draft_get(event=event)
        schedule_entries_replace(schedule=draft, placements=placements)
        draft.solver_status = result.status
        draft.breaks = result.objective.breaks if result.objective else None
        draft.breaks_bound = result.bound
        draft.stats = {"wall_s": round(result.wall_s, 2), **_plain_stats(result.stats)}
        draft.save()
        record_action(draft, "solve", status=result.status, meetings=len(placements))
    return draft


def _plain_stats(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if isinstance(v, int | float | str | bool)}
