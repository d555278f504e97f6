"""How a slot grid becomes slots on the event's clock, and what a new grid keeps of the old one.

The grid is written in local wall-clock times ("09:00-12:00, break 10:30-10:45"). Each time is
resolved to one instant per meeting day, and slots are cut from those instants in real
minutes, so a slot lasts its length even on a day the clocks change. A time the clocks skip
or repeat that day has no single instant: it is refused, naming the field and the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.errors import ValidationFailed
from keruen.common.services import validated
from keruen.events.models import Event, GridBreak, Slot, SlotGrid

TimeSpan = tuple[dt.time, dt.time]
Instants = tuple[dt.datetime, dt.datetime]


@dataclass(frozen=True)
class SlotGridSaved:
    """The new slots, and what became of the delegates' declared unavailability."""

    slots: list[Slot]
    unavailability_kept: int  # declarations carried over to the new slots at that time
    unavailability_dropped: int  # declarations no new slot overlaps


@dataclass(frozen=True)
class PlannedSlot:
    day_index: int
    session: str
    start: dt.datetime  # UTC
    end: dt.datetime


def grid_saved(
    event: Event,
    *,
    days: Sequence[dt.date],
    slot_minutes: int,
    am: tuple[dt.time, dt.time],
    pm: tuple[dt.time, dt.time],
) -> SlotGrid:
    """The event's grid with these days and sessions, validated and saved."""
    grid = SlotGrid.objects.filter(event=event).first() or SlotGrid(event=event)
    grid.days = [day.isoformat() for day in sorted(days)]
    grid.slot_minutes = slot_minutes
    grid.am_start, grid.am_end = am
    grid.pm_start, grid.pm_end = pm
    validated(grid)
    grid.save()
    return grid


def one_day_breaks(*, event: Event) -> dict[dt.date, list[TimeSpan]]:
    """Breaks filed under one day (made in the admin): a grid save keeps them."""
    by_day: dict[dt.date, list[TimeSpan]] = {}
    for pause in GridBreak.objects.filter(event=event, day__isnull=False):
        assert pause.day is not None  # filtered above
        by_day.setdefault(pause.day, []).append((pause.start, pause.end))
    return by_day


def local_instant(event: Event, day: dt.date, time: dt.time, *, field: str) -> dt.datetime:
    """``time`` on ``day`` on the event's clock, in UTC.

    Refuses a time the clocks skip (spring forward) or pass twice (fall back) that day:
    guessing one of the two readings would silently move or stretch a slot.
    """
    wall = dt.datetime.combine(day, time)
    first, second = wall.replace(tzinfo=event.tz), wall.replace(tzinfo=event.tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(dt.UTC)
    values = {
        "time": f"{time:%H:%M}",  # as the grid's form and its breaks field write it
        "day": date_format(day, "DATE_FORMAT"),
        "zone": event.time_zone,
    }
    # A skipped time does not come back from a round trip through UTC; a repeated one does.
    if first.astimezone(dt.UTC).astimezone(event.tz).replace(tzinfo=None) != wall:
        message = gettext(
            "%(time)s does not exist on %(day)s in %(zone)s: the clocks go forward then. "
            "Choose another time."
        )
    else:
        message = gettext(
            "%(time)s happens twice on %(day)s in %(zone)s: the clocks go back then. "
            "Choose another time."
        )
    raise ValidationFailed(message % values, field=field)


def session_slots(
    start: dt.datetime, end: dt.datetime, minutes: int, breaks: Sequence[Instants]
) -> list[Instants]:
    """(start, end) of the slots that fit between two instants around the breaks."""
    slots: list[Instants] = []
    cursor, step = start, dt.timedelta(minutes=minutes)
    while cursor + step <= end:
        clash = next(
            (b_end for b_start, b_end in breaks if cursor < b_end and b_start < cursor + step), None
        )
        if clash is not None:
            cursor = clash  # after the break; a break always ends after the cursor
            continue
        slots.append((cursor, cursor + step))
        cursor += step
    return slots


def slots_planned(
    event: Event,
    *,
    days: Sequence[dt.date],
    minutes: int,
    sessions: Mapping[str, TimeSpan],
    breaks: Sequence[TimeSpan],
    day_breaks: Mapping[dt.date, Sequence[TimeSpan]],
) -> list[PlannedSlot]:
    """Every slot of the grid, in time order; ``sessions`` maps "AM"/"PM" to its times.

    ``breaks`` hold every meeting day; ``day_breaks`` only the day they are filed under.
    """
    planned: list[PlannedSlot] = []
    for day_index, day in enumerate(sorted(days), start=1):
        pauses = [
            _span_instants(event, day, span, fields=("breaks", "breaks"))
            for span in [*breaks, *day_breaks.get(day, ())]
        ]
        for session, span in sessions.items():
            fields = (f"{session.lower()}_start", f"{session.lower()}_end")  # the form's names
            begin, finish = _span_instants(event, day, span, fields=fields)
            planned += [
                PlannedSlot(day_index, session, slot_start, slot_end)
                for slot_start, slot_end in session_slots(begin, finish, minutes, pauses)
            ]
    return planned


def _span_instants(
    event: Event, day: dt.date, span: TimeSpan, *, fields: tuple[str, str]
) -> Instants:
    return (
        local_instant(event, day, span[0], field=fields[0]),
        local_instant(event, day, span[1], field=fields[1]),
    )


# --- Delegates' unavailability across a new grid ------------------------------------------

#: One declaration: (participant id, start, end) of a slot the delegate is unavailable in.
Declaration = tuple[int, dt.datetime, dt.datetime]


def unavailability_declared(*, event: Event) -> list[Declaration]:
    """Every delegate's declared unavailable slots, as times (the slots are about to go)."""
    through = Slot.unavailable_participants.through
    return list(
        through.objects.filter(slot__event=event).values_list(
            "participant_id", "slot__start", "slot__end"
        )
    )


def unavailability_carry(*, event: Event, declared: Iterable[Declaration]) -> tuple[int, int]:
    """Mark each delegate unavailable in every current slot overlapping a declared one.

    Returns (declarations carried over, declarations dropped: no slot at that time any more).
    Overlap, not equality: a delegate away 14:00-14:30 is away for a new 14:20-14:40 slot too.
    """
    slots = list(Slot.objects.filter(event=event).values_list("pk", "start", "end"))
    overlapping: dict[Instants, list[int]] = {}
    rows: set[tuple[int, int]] = set()
    kept = dropped = 0
    for participant_id, start, end in declared:
        if (start, end) not in overlapping:
            overlapping[start, end] = [pk for pk, s, e in slots if s < end and start < e]
        targets = overlapping[start, end]
        kept, dropped = (kept + 1, dropped) if targets else (kept, dropped + 1)
        rows.update((participant_id, slot_id) for slot_id in targets)
    through = Slot.unavailable_participants.through
    through.objects.bulk_create(
        through(participant_id=participant_id, slot_id=slot_id) for participant_id, slot_id in rows
    )
    return kept, dropped
