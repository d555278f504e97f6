"""From the database to a scheduler instance: an event's meetings, delegates' availability,
booths and tables as a keruen-b2b/1 instance. Only ids cross the boundary: meeting ids are the
Meeting primary keys, participant ids the Participant primary keys, slot ids the slot numbers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.errors import ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, ProgrammeSession, Slot
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import SCHEDULED_STATUSES
from keruen.people.models import Participant


@dataclass(frozen=True)
class EventInstance:
    """A core instance plus what is needed to map its answer back to rows."""

    instance: Any  # keruen.scheduling.instance.Instance (imported lazily)
    slots: dict[int, Slot]
    tables: list[MeetingTable]
    booths: dict[str, Booth]
    meetings: dict[str, Meeting]
    # Meeting id -> slot number of the meetings fixed where they began, and the slots that
    # have started (see ``schedule_instance_build``).
    frozen: dict[int, int] = field(default_factory=dict)
    started: frozenset[int] = frozenset()


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


def schedule_instance_build(
    *, event: Event, fairness: int | None = None, now: dt.datetime | None = None
) -> EventInstance:
    """The event's live meetings as a core instance.

    During the event, what has begun is history (``_history``): a meeting of the current
    release whose slot has started stays fixed there (held, missed or not yet recorded), no
    other meeting may take a started slot, and a meeting whose outcome is recorded but which
    is not in such a slot any more is left out (it cannot happen again).
    """
    from keruen.scheduling import instance as core

    slots = list(Slot.objects.filter(event=event).order_by("number"))
    if not slots:
        raise ValidationFailed(gettext("Define the slot grid before scheduling."), field="slots")
    tables = list(MeetingTable.objects.filter(event=event, is_active=True).order_by("number"))
    started = _history(event, slots, now or timezone.now())
    frozen = _frozen_slots(event, started)
    meetings = [
        m
        for m in Meeting.objects.filter(event=event, status__in=SCHEDULED_STATUSES).order_by("pk")
        if m.status == Meeting.Status.ACCEPTED or m.pk in frozen
    ]
    people_ids = {m.participant_a_id for m in meetings} | {m.participant_b_id for m in meetings}
    people = (
        Participant.objects.filter(pk__in=people_ids)
        .select_related("booth")
        .prefetch_related("unavailable_slots")
    )
    blocks = _speaker_blocks(event, slots)
    # A started slot is closed to everyone, except to the two delegates of a meeting fixed in it.
    own_frozen: dict[int, set[int]] = defaultdict(set)
    for m in meetings:
        if m.pk in frozen:
            own_frozen[m.participant_a_id].add(frozen[m.pk])
            own_frozen[m.participant_b_id].add(frozen[m.pk])
    booths: dict[str, Booth] = {}
    core_people = []
    for person in people.order_by("pk"):
        booth = person.booth if person.booth and person.booth.hosts_meetings else None
        if booth is not None:
            booths[booth.code] = booth
        forbidden = _forbidden_slots(person, slots, blocks.get(person.pk, set())) | started
        core_people.append(
            core.Participant(
                id=str(person.pk),
                forbidden=frozenset(forbidden - own_frozen[person.pk]),
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
                # A fixed meeting keeps its slot whatever its session says.
                session=(m.session or None) if m.pk not in frozen else None,
                weight=m.weight,
                optional=m.optional and m.pk not in frozen,
                fixed=frozen.get(m.pk),
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
        frozen=frozen,
        started=frozenset(started),
    )


def _history(event: Event, slots: list[Slot], now: dt.datetime) -> set[int]:
    """Numbers of the slots that have started since a schedule was first published: the
    meetings of those slots happened (or not) as delegates had been told. Before the first
    release nothing was scheduled, so nothing is history yet, even in a past slot."""
    first = (
        Schedule.objects.filter(event=event, published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if first is None:
        return set()
    return {slot.number for slot in slots if first <= slot.start <= now}


def _frozen_slots(event: Event, started: set[int]) -> dict[int, int]:
    """Meeting id -> slot number of the current release's meetings whose slot has started."""
    if not started:
        return {}
    release = schedule_current_release(event=event)
    if release is None:
        return {}
    entries = ScheduledMeeting.objects.filter(
        schedule=release, slot__number__in=started, meeting__status__in=SCHEDULED_STATUSES
    )
    return dict(entries.values_list("meeting_id", "slot__number"))


def core_place(built: EventInstance, entry: Any) -> int | str | None:
    """A stored entry's place as the core names it: table position (1..) or booth code."""
    if entry.booth_id is not None:
        return entry.booth.code
    for position, table in enumerate(built.tables, start=1):
        if table.pk == entry.table_id:
            return position
    return None  # the table was deactivated since
