"""Solving an event into its draft schedule (checked by the independent checker before it is
stored), afresh or with minimal disruption of the current release."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict
from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.scheduler.build import EventInstance, core_place, schedule_instance_build
from keruen.meetings.scheduler.review import MANUAL_MOVES, SOLVED_AT
from keruen.meetings.scheduler.words import shortfalls_describe
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import (
    schedule_draft_get,
    schedule_entries_replace,
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
    now: dt.datetime | None = None,
) -> Schedule:
    """Solve the event's meetings into its draft schedule (checked before it is stored).

    During the event (``now``: the clock, for tests), the meetings of slots that have begun
    stay where they are (see ``schedule_instance_build``).

    With ``keep_from`` (a published release), re-schedule with minimal disruption: the
    solver keeps as many meetings as possible in their slot of that release, and a meeting
    that stays in its slot keeps its table when it is still free.
    """
    from keruen.scheduling.check import check
    from keruen.scheduling.solve import solve

    started_from = _draft_mark(schedule_draft_get(event=event))
    built = schedule_instance_build(event=event, fairness=fairness, now=now)
    keep, previous = _kept_placements(built, keep_from) if keep_from else ({}, {})
    if built.frozen and keep_from is None:
        # A fresh solve during the event: what has begun keeps its table too.
        release = schedule_current_release(event=event)
        kept = _kept_placements(built, release)[1] if release is not None else {}
        previous = {m: place for m, place in kept.items() if int(m) in built.frozen}
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
    if result.status == "INFEASIBLE" and result.stats.get("shortfalls"):
        raise Conflict(
            shortfalls_describe(
                shortfalls=result.stats["shortfalls"], meetings=built.meetings, booths=built.booths
            )
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
        # The draft first, then its meetings: the order manual moves lock them in too.
        draft = Schedule.objects.select_for_update().get(pk=schedule_draft_get(event=event).pk)
        if _draft_mark(draft) != started_from:
            raise Conflict(
                gettext(
                    "The draft was changed while the solver ran (a meeting was moved by hand, "
                    "or another run finished): this run's schedule was not stored, so that "
                    "nothing is lost. Run it again to include the change."
                )
            )
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


def _draft_mark(draft: Schedule) -> tuple[object, int]:
    """What changes whenever the draft's entries are rewritten: the last solver run and the
    number of manual moves since (cancellations need no mark: a run drops them itself)."""
    return draft.stats.get(SOLVED_AT), len(draft.stats.get(MANUAL_MOVES, []))


def _plain_stats(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stats.items() if isinstance(v, int | float | str | bool)}


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
        place = core_place(built, entry)
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
    *,
    event: Event,
    time_limit: float = 30.0,
    progress: Callable[..., None] | None = None,
    now: dt.datetime | None = None,
) -> Schedule:
    """Re-schedule the draft after late changes, moving as few meetings of the current
    release as possible (a plain solve when nothing is published yet)."""
    release = schedule_current_release(event=event)
    return schedule_draft_solve(
        event=event, time_limit=time_limit, progress=progress, keep_from=release, now=now
    )
