"""The bridge between the database and the scheduler core (``keruen.scheduling``).

``schedule_instance_build`` turns an event's accepted meetings, delegates' availability,
booths and tables into a keruen-b2b/1 instance; ``schedule_draft_solve`` solves it, checks
the result with the independent checker and writes it into the draft schedule. Only ids
cross the boundary: meeting ids are the Meeting primary keys, participant ids the
Participant primary keys, slot ids the slot numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, Problem, ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, ProgrammeSession, Slot
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.selectors import DiffRow, schedule_current_release, schedule_entries
from keruen.meetings.services import (
    schedule_draft_get,
    schedule_entries_replace,
    schedule_entry_place,
)
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
        raise ValidationFailed(gettext("Define the slot grid before scheduling."), field="slots")
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
    keep_from: Schedule | None = None,
) -> Schedule:
    """Solve the event's meetings into its draft schedule (checked before it is stored).

    With ``keep_from`` (a published release), re-schedule with minimal disruption: the
    solver keeps as many meetings as possible in their slot of that release, and a meeting
    that stays in its slot keeps its table when it is still free.
    """
    from keruen.scheduling.check import check
    from keruen.scheduling.solve import solve

    built = schedule_instance_build(event=event, fairness=fairness)
    keep, previous = _kept_placements(built, keep_from) if keep_from else ({}, {})
    if keep:
        result = solve(
            built.instance,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            progress=progress,
            # The core's ``keep`` takes slot positions; ``hint`` takes slot ids.
            keep=_slot_positions(built, keep),
            hint=keep,
        )
    else:
        result = _solve_fresh(
            built.instance, time_limit=time_limit, workers=workers, seed=seed, progress=progress
        )
    if result.status == "INFEASIBLE":
        raise Conflict(
            gettext(
                "No schedule found: the accepted meetings cannot all be placed under the "
                "event's rules (slots, tables, availability)."
            )
        )
    if result.status == "UNKNOWN":
        raise Conflict(
            gettext("No schedule found within the time limit: try again with more time.")
        )
    if previous:
        result = _with_previous_tables(built, result, previous)
    violations = check(built.instance, result)
    if violations:  # never store a schedule the checker refuses
        # The checker's words are for developers (ids, English): this is a solver defect.
        raise Conflict(
            gettext("The solver's schedule failed the check: %(detail)s")
            % {"detail": violations[0]}
        )
    placements: list[tuple[Meeting, Slot, MeetingTable | None, Booth | None]] = []
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
        # A new ``stats`` also empties the log of manual moves (they were since the last run).
        draft.stats = {
            "wall_s": round(result.wall_s, 2),
            **_plain_stats(result.stats),
            SOLVED_AT: timezone.now().isoformat(),
        }
        draft.save()
        record_action(draft, "solve", status=result.status, meetings=len(placements))
    return draft


def _plain_stats(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if isinstance(v, int | float | str | bool)}


def _core_place(built: EventInstance, entry: Any) -> int | str | None:
    """A stored entry's place as the core names it: table position (1..) or booth code."""
    if entry.booth_id is not None:
        return entry.booth.code
    for position, table in enumerate(built.tables, start=1):
        if table.pk == entry.table_id:
            return position
    return None  # the table was deactivated since


def _kept_placements(built: EventInstance, release: Schedule) -> tuple[dict[str, int], dict]:
    """(meeting id -> slot number, meeting id -> Assignment) of a release's live meetings."""
    from keruen.scheduling.result import Assignment

    keep: dict[str, int] = {}
    previous: dict[str, Assignment] = {}
    entries = ScheduledMeeting.objects.filter(schedule=release).select_related("slot", "booth")
    for entry in entries:
        meeting_id = str(entry.meeting_id)
        if meeting_id not in built.meetings or entry.slot.number not in built.slots:
            continue  # cancelled since, or the grid changed
        keep[meeting_id] = entry.slot.number
        place = _core_place(built, entry)
        if place is not None:
            previous[meeting_id] = Assignment(meeting_id, entry.slot.number, place)
    return keep, previous


def _solve_fresh(
    instance: Any,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    progress: Callable[..., None] | None,
) -> Any:
    """The expo heuristic (construction + LNS) first, then the exact search seeded with it.

    The exact model may not find any schedule in the time given, while the heuristic finds
    a valid one in seconds and then improves it (often to as few breaks as its bound proves,
    i.e. optimal). The better of the two valid answers is kept. Above ``LARGE`` meetings
    there is no exact search: the heuristic gets all the time.
    """
    from keruen.scheduling.check import check
    from keruen.scheduling.heuristics.large import solve_large
    from keruen.scheduling.solve import LARGE, solve

    if len(instance.meetings) > LARGE:
        # solve() would run the expo heuristic again from scratch: give it all the time once.
        return solve_large(instance, time_limit=time_limit, seed=seed, progress=progress)
    started = time.monotonic()
    quick = solve_large(instance, time_limit=time_limit * 0.4, seed=seed)
    quick_valid = bool(quick.assignments) and not check(instance, quick)
    if quick_valid and quick.status == "OPTIMAL":
        return quick
    exact = solve(
        instance,
        time_limit=max(1.0, time_limit - (time.monotonic() - started)),
        workers=workers,
        seed=seed,
        progress=progress,
        hint={a.meeting: a.slot for a in quick.assignments} if quick_valid else None,
    )
    if not quick_valid or exact.status == "OPTIMAL" or _better(exact, quick):
        return exact
    return dataclasses.replace(quick, status="FEASIBLE")


def _better(first: Any, second: Any) -> bool:
    """Lexicographic: more scheduled weight, then fewer breaks."""
    if first.objective is None:
        return False
    a, b = first.objective, second.objective
    return (a.scheduled_weight, -a.breaks) >= (b.scheduled_weight, -b.breaks)


def _slot_positions(built: EventInstance, keep: dict[str, int]) -> dict[str, int]:
    """Meeting id -> position (0-based, time order) of the slot it should keep."""
    positions = built.instance.slot_index
    return {meeting: positions[slot] for meeting, slot in keep.items() if slot in positions}


def _with_previous_tables(built: EventInstance, result: Any, previous: dict) -> Any:
    """The result with tables re-assigned so that meetings that stay keep their table."""
    from dataclasses import replace

    from keruen.scheduling.outcome import slots_of
    from keruen.scheduling.tables import assign_tables

    tables = assign_tables(built.instance, slots_of(result.assignments), previous=previous)
    return replace(result, assignments=tuple(tables))


def schedule_draft_reschedule(
    *, event: Event, time_limit: float = 30.0, progress: Callable[..., None] | None = None
) -> Schedule:
    """Re-schedule the draft after late changes, moving as few meetings of the current
    release as possible (a plain solve when nothing is published yet)."""
    from keruen.meetings.selectors import schedule_current_release

    release = schedule_current_release(event=event)
    return schedule_draft_solve(
        event=event, time_limit=time_limit, progress=progress, keep_from=release
    )


@dataclass(frozen=True)
class DraftReview:
    """What the organiser reviews before publishing: breaks, unscheduled meetings."""

    breaks: dict[int, int]  # participant id -> breaks
    unscheduled: list[tuple[Meeting, str]]  # meeting, reason
    violations: list[Any]  # keruen.scheduling.check.Violation of the stored draft
    optional: OptionalWeight | None = None  # when some meetings are optional requests
    objective: Any = None  # keruen.scheduling.result.Objective of the draft as it is now
    manual: ManualChanges | None = None  # what was placed by hand since the solver's run


@dataclass(frozen=True)
class ManualChanges:
    """The meetings placed by hand in the draft, and where they were before.

    ``rows`` are counted from the later of the solver's run and the current release
    (``since_release`` when it is the release); ``since_solve`` is how many meetings are no
    longer where the solver put them, i.e. how far its figures are from the draft.
    """

    rows: list[DiffRow] = field(default_factory=list)
    since_release: Schedule | None = None
    since_solve: int = 0


@dataclass(frozen=True)
class OptionalWeight:
    """The optional requests' weight in the draft, what was asked, and the most any
    schedule can hold (proved by the scheduler's relaxation)."""

    scheduled: int
    requested: int
    at_most: int


def _draft_assignments(built: EventInstance, draft: Schedule) -> list[Any]:
    from keruen.scheduling.result import Assignment

    rows = []
    entries = ScheduledMeeting.objects.filter(schedule=draft).select_related("slot", "booth")
    for entry in entries:
        meeting_id = str(entry.meeting_id)
        place = _core_place(built, entry)
        rows.append(Assignment(meeting_id, entry.slot.number, 0 if place is None else place))
    return rows


def _unscheduled_reason(built: EventInstance, meeting_id: str, busy: set[tuple[str, int]]) -> str:
    """Why a meeting is not in the draft, in the organiser's words."""
    core_meeting = built.instance.meeting_by_id[meeting_id]
    allowed = [built.instance.slots[i].id for i in built.instance.allowed_slots(core_meeting)]
    if not allowed:
        return str(_("the two delegates have no common available slot"))
    first, second = core_meeting.participants
    free = [s for s in allowed if (first, s) not in busy and (second, s) not in busy]
    if not free:
        return str(_("no slot available for both"))
    return str(
        _("left out to make room for other meetings (no free table, or accepted after the run)")
    )


def schedule_draft_review(*, event: Event) -> DraftReview:
    """Breaks per delegate, unscheduled meetings with the reason, checker warnings, the
    objective of the draft as it is now, and the meetings moved by hand."""
    from keruen.scheduling.check import breaks_per_participant, check, evaluate

    draft = schedule_draft_get(event=event)
    built = schedule_instance_build(event=event)
    rows = _draft_assignments(built, draft)
    known = [row for row in rows if row.meeting in built.meetings]
    busy = {
        (pid, row.slot)
        for row in known
        for pid in built.instance.meeting_by_id[row.meeting].participants
    }
    placed = {row.meeting for row in known}
    unscheduled = [
        (meeting, _unscheduled_reason(built, meeting_id, busy))
        for meeting_id, meeting in built.meetings.items()
        if meeting_id not in placed
    ]
    breaks = {
        int(pid): count for pid, count in breaks_per_participant(built.instance, known).items()
    }
    return DraftReview(
        breaks=breaks,
        unscheduled=unscheduled,
        violations=check(built.instance, known),
        optional=_optional_weight(built.instance, placed),
        objective=evaluate(built.instance, known),
        manual=_manual_changes(draft, schedule_current_release(event=event)),
    )


def _optional_weight(instance: Any, placed: set[str]) -> OptionalWeight | None:
    from keruen.scheduling.bounds import optional_weight_bound

    optional = [m for m in instance.meetings if m.optional]
    if not optional:
        return None
    return OptionalWeight(
        scheduled=sum(m.weight for m in optional if m.id in placed),
        requested=sum(m.weight for m in optional),
        at_most=optional_weight_bound(instance),
    )


# What the draft's ``stats`` hold besides the solver's figures: when the solver ran, and the
# log of manual moves since (each run replaces ``stats``, so the log starts afresh).
SOLVED_AT = "solved_at"
MANUAL_MOVES = "manual_moves"

Place = tuple[int, int | None, int | None]  # slot id, table id, booth id of an entry


def _manual_move_record(*, draft: Schedule, meeting: Meeting, before: Place | None) -> None:
    """Log a manual move in the draft's ``stats``: the meeting, its place before, when."""
    locked = Schedule.objects.select_for_update().get(pk=draft.pk)  # two moves at once
    record = {
        "meeting": meeting.pk,
        "before": list(before) if before else None,
        "at": timezone.now().isoformat(),
    }
    stats = {**locked.stats, MANUAL_MOVES: [*locked.stats.get(MANUAL_MOVES, []), record]}
    # update(), not save(): the audit log has the entries themselves, not this bookkeeping.
    Schedule.objects.filter(pk=draft.pk).update(stats=stats)


def _manual_changes(draft: Schedule, release: Schedule | None) -> ManualChanges:
    """The draft's manual moves, as rows like those of a release's diff (a few queries).

    A meeting moved twice counts once, from its first place to its place now; one moved
    back where it was, or cancelled since, does not count.
    """
    log = draft.stats.get(MANUAL_MOVES, [])
    if not log:
        return ManualChanges()
    solved_at = draft.stats.get(SOLVED_AT)
    published_at = release.published_at if release is not None else None
    if published_at and solved_at and dt.datetime.fromisoformat(solved_at) > published_at:
        release, published_at = None, None  # the solver ran after the release: count from it
    since_solve: dict[int, Place | None] = {}  # meeting id -> place before its first move
    since_release: dict[int, Place | None] = {}
    for record in log:
        before: Place | None = tuple(record["before"]) if record["before"] else None
        since_solve.setdefault(record["meeting"], before)
        if published_at is None or dt.datetime.fromisoformat(record["at"]) > published_at:
            since_release.setdefault(record["meeting"], before)
    now = {
        entry.meeting_id: entry
        for entry in schedule_entries(schedule=draft).filter(meeting_id__in=since_solve)
    }

    def changed(meeting_id: int, before: Place | None) -> bool:
        entry = now.get(meeting_id)
        return entry is not None and before != (entry.slot_id, entry.table_id, entry.booth_id)

    moved = {m: before for m, before in since_release.items() if changed(m, before)}
    was = _entries_at([before for before in moved.values() if before], draft=draft)
    rows = []
    for meeting_id, before in moved.items():
        entry, old = now[meeting_id], was.get(before) if before else None
        rows.append(DiffRow("moved" if old else "added", entry.meeting, old, entry))
    rows.sort(key=lambda row: (row.after.slot.number if row.after else 0, row.meeting.pk))
    return ManualChanges(
        rows=rows,
        since_release=release,
        since_solve=sum(changed(m, before) for m, before in since_solve.items()),
    )


def _entries_at(places: list[Place], *, draft: Schedule) -> dict[Place, ScheduledMeeting]:
    """Unsaved entries at places (slot, table, booth ids): where meetings were."""
    slots = Slot.objects.in_bulk({slot for slot, _table, _booth in places})
    tables = MeetingTable.objects.in_bulk({t for _slot, t, _booth in places if t is not None})
    booths = Booth.objects.in_bulk({b for _slot, _table, b in places if b is not None})
    return {
        (slot, table, booth): ScheduledMeeting(
            schedule=draft,
            slot=slots[slot],
            table=tables.get(table) if table is not None else None,
            booth=booths.get(booth) if booth is not None else None,
        )
        for slot, table, booth in places
        if slot in slots  # else the slot grid was made anew since
    }


def meeting_describe(*, meeting: Meeting) -> str:
    """Who meets, as the console names a meeting: "Name (Organisation) – Name (Organisation)"."""
    first, second = meeting.participant_a, meeting.participant_b
    return f"{delegate_describe(participant=first)} – {delegate_describe(participant=second)}"


def delegate_describe(*, participant: Participant) -> str:
    """A delegate as the console names one: "Name (Organisation)"."""
    return f"{participant.display_name} ({participant.organisation})"


def slot_describe(*, slot: Slot, event: Event) -> str:
    """When a slot starts, on the event's clock, written as the console writes times."""
    return date_format(timezone.localtime(slot.start, event.tz), "SHORT_DATETIME_FORMAT")


def place_describe(*, table: MeetingTable | None, booth: Booth | None) -> str:
    """Where a meeting is held, in the middle of a sentence: "table T3", "booth A-12"."""
    if booth is not None:
        return pgettext("meeting place", "booth %(name)s") % {"name": booth}
    return pgettext("meeting place", "table %(name)s") % {"name": table}


def schedule_entry_move_checked(
    *, event: Event, meeting: Meeting, slot: Slot, table: MeetingTable | None, booth: Booth | None
) -> ScheduledMeeting:
    """Move (or place) one meeting of the draft, checked by the scheduler's checker first.

    The whole draft with the move applied is re-verified; a move that breaks a rule the draft
    did not break before is refused with every broken rule named, and nothing changes. The
    database constraints stay the final guard against double booking. A move is logged in
    the draft's ``stats``, for the review (``ManualChanges``).
    """
    from keruen.scheduling.check import check
    from keruen.scheduling.result import Assignment

    draft = schedule_draft_get(event=event)
    built = schedule_instance_build(event=event)
    meeting_id = str(meeting.pk)
    if meeting_id not in built.meetings:
        raise ValidationFailed(
            gettext("Only an accepted meeting can be scheduled."), field="meeting"
        )
    if slot.number not in built.slots or slot.event_id != event.pk:
        raise ValidationFailed(gettext("Choose a slot of this event."), field="slot")
    if table is not None and table not in built.tables:
        raise ValidationFailed(gettext("Choose an active table of this event."), field="table")
    place: int | str = booth.code if booth is not None else built.tables.index(table) + 1  # type: ignore[arg-type]
    before = [row for row in _draft_assignments(built, draft) if row.meeting in built.meetings]
    moved = Assignment(meeting_id, slot.number, place)
    after = [row for row in before if row.meeting != meeting_id] + [moved]
    known_before = {(v.rule, v.message) for v in check(built.instance, before)}
    new = [v for v in check(built.instance, after) if (v.rule, v.message) not in known_before]
    if new:
        raise ValidationFailed(
            gettext("The move breaks a scheduling rule; nothing was changed."),
            field="slot",
            problems=_RefusedMove(built, event, moved, after).problems(new),
        )
    with transaction.atomic():
        previous = (
            ScheduledMeeting.objects.filter(schedule=draft, meeting=meeting)
            .values_list("slot_id", "table_id", "booth_id")
            .first()
        )
        entry = schedule_entry_place(
            schedule=draft, meeting=meeting, slot=slot, table=table, booth=booth
        )
        if previous != (entry.slot_id, entry.table_id, entry.booth_id):
            _manual_move_record(draft=draft, meeting=meeting, before=previous)
    return entry


@dataclass(frozen=True)
class _RefusedMove:
    """Why the checker refuses a move, in the organiser's words and language.

    The checker's messages are for developers (ids, slot numbers, English): each rule that
    one move can break is said again with the delegates, the local time and the place.
    """

    built: EventInstance
    event: Event
    moved: Any  # keruen.scheduling.result.Assignment of the move
    after: list[Any]  # the draft's assignments, the move applied

    def problems(self, broken: list[Any]) -> list[Problem]:
        explain = {
            "table-clash": self._place_taken,
            "double-booking": self._delegate_busy,
            "forbidden": self._delegate_away,
            "session": self._wrong_session,
            "booth": self._not_at_the_booth,
            "table": self._no_booth_here,
        }
        out: list[Problem] = []
        for violation in broken:
            said = explain[violation.rule](violation) if violation.rule in explain else None
            # A rule no single move of the console can break (fixed slots, precedences,
            # fairness): the checker's own words, at least.
            field_name, message = said or (
                "slot",
                gettext("The move breaks a scheduling rule: %(detail)s")
                % {"detail": violation.message},
            )
            if all(problem.message != message for problem in out):
                out.append(Problem(message, field=field_name))
        return out

    @property
    def meeting(self) -> Meeting:
        return self.built.meetings[self.moved.meeting]

    def _words(self, **more: object) -> dict[str, object]:
        slot = self.built.slots[self.moved.slot]
        when = slot_describe(slot=slot, event=self.event)
        return {"meeting": meeting_describe(meeting=self.meeting), "time": when, **more}

    def _other_in_the_slot(self, same: Callable[[Any], bool]) -> Meeting | None:
        """The draft's other meeting in the move's slot for which ``same(assignment)``."""
        moved = self.moved
        for row in self.after:
            if row.slot == moved.slot and row.meeting != moved.meeting and same(row):
                return self.built.meetings[row.meeting]
        return None

    def _place_taken(self, violation: Any) -> tuple[str, str] | None:
        place = self.moved.table
        other = self._other_in_the_slot(lambda row: row.table == place)
        if other is None:
            return None
        words = self._words(other=meeting_describe(meeting=other))
        if isinstance(place, str):
            message = gettext("Booth %(place)s is taken at %(time)s by %(other)s.")
            return "booth", message % (words | {"place": place})
        message = gettext("Table %(place)s is taken at %(time)s by %(other)s.")
        return "table", message % (words | {"place": self.built.tables[place - 1]})

    def _delegate_busy(self, violation: Any) -> tuple[str, str] | None:
        pid = violation.participant
        core = self.built.instance.meeting_by_id
        other = self._other_in_the_slot(lambda row: pid in core[row.meeting].participants)
        if other is None:
            return None
        person, partner = _sides(other, pid)
        words = self._words(
            delegate=delegate_describe(participant=person),
            other=delegate_describe(participant=partner),
        )
        return "slot", gettext("At %(time)s, %(delegate)s already meets %(other)s.") % words

    def _delegate_away(self, violation: Any) -> tuple[str, str]:
        person, _partner = _sides(self.meeting, violation.participant)
        words = self._words(delegate=delegate_describe(participant=person))
        return "slot", gettext("At %(time)s, %(delegate)s is not available.") % words

    def _wrong_session(self, violation: Any) -> tuple[str, str]:
        words = self._words(session=Slot.Session(self.meeting.session).label)
        message = gettext(
            "%(meeting)s can only be held in the %(session)s session; %(time)s is not in it."
        )
        return "slot", message % words

    def _not_at_the_booth(self, violation: Any) -> tuple[str, str]:
        instance = self.built.instance
        booth = instance.booth_of(instance.meeting_by_id[self.moved.meeting])
        message = gettext("%(meeting)s is held at the exhibitor's own booth, %(booth)s.")
        return "booth", message % self._words(booth=booth)

    def _no_booth_here(self, violation: Any) -> tuple[str, str] | None:
        if not isinstance(self.moved.table, str):  # a table out of range: not from the form
            return None
        message = gettext(
            "%(meeting)s cannot be held at booth %(booth)s: neither delegate exhibits there. "
            "Choose a table."
        )
        return "booth", message % self._words(booth=self.moved.table)


def _sides(meeting: Meeting, participant_id: str | None) -> tuple[Participant, Participant]:
    """(the given delegate, the other one) of a meeting; ``participant_id`` as the core has it."""
    if str(meeting.participant_b_id) == participant_id:
        return meeting.participant_b, meeting.participant_a
    return meeting.participant_a, meeting.participant_b
