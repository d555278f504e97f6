"""What the organiser reviews before publishing: breaks, unscheduled meetings with their
reason, the optional weight, and the manual moves since the solver's run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.scheduler.build import EventInstance, core_place, schedule_instance_build
from keruen.meetings.selectors import DiffRow, schedule_current_release, schedule_entries
from keruen.meetings.services import (
    schedule_draft_get,
)


@dataclass(frozen=True)
class DraftReview:
    """What the organiser reviews before publishing: breaks, unscheduled meetings."""

    breaks: dict[int, int]  # participant id -> breaks
    unscheduled: list[tuple[Meeting, str]]  # meeting, reason
    violations: list[Any]  # keruen.scheduling.check.Violation of the stored draft
    problems: list[Any]  # those of them the organisers must fix, in their words (Problem)
    optional: OptionalWeight | None = None  # when some meetings are optional requests
    objective: Any = None  # keruen.scheduling.result.Objective of the draft as it is now
    manual: ManualChanges | None = None  # what was placed by hand since the solver's run
    # Breaks of the current release's placements of the meetings still accepted (what the
    # delegates hold now), and of the draft's placements of those same meetings: the two
    # compare like with like (meetings accepted since add gaps of their own). None before
    # the first release.
    release_breaks: int | None = None
    draft_breaks_as_released: int | None = None


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


def draft_assignments(built: EventInstance, draft: Schedule) -> list[Any]:
    from keruen.scheduling.result import Assignment

    rows = []
    entries = ScheduledMeeting.objects.filter(schedule=draft).select_related("slot", "booth")
    for entry in entries:
        meeting_id = str(entry.meeting_id)
        place = core_place(built, entry)
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
    rows = draft_assignments(built, draft)
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
    from keruen.meetings.scheduler.moves import draft_problems_described  # it imports us

    violations = check(built.instance, known)
    release = schedule_current_release(event=event)
    release_breaks = draft_breaks_as_released = None
    if release is not None:
        held = [row for row in draft_assignments(built, release) if row.meeting in built.meetings]
        release_breaks = evaluate(built.instance, held).breaks
        released = {row.meeting for row in held}
        as_released = [row for row in known if row.meeting in released]
        draft_breaks_as_released = evaluate(built.instance, as_released).breaks
    return DraftReview(
        breaks=breaks,
        unscheduled=unscheduled,
        violations=violations,
        problems=draft_problems_described(built, event, known, violations),
        optional=_optional_weight(built.instance, placed),
        objective=evaluate(built.instance, known),
        manual=_manual_changes(draft, release),
        release_breaks=release_breaks,
        draft_breaks_as_released=draft_breaks_as_released,
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


def manual_move_record(*, draft: Schedule, meeting: Meeting, before: Place | None) -> None:
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
