"""The set-up page's slot grid form, saved over what a colleague saved meanwhile.

The form shows the grid (days, slot length, the two sessions, the daily breaks); saving it
regenerates the slots (``services.slot_grid_set``). Like the other set-up forms it carries
the base of what it showed, and only what its user edited is taken from it: a colleague's
break added while the form was open is not dropped by a save that changed the slot length.
Days and breaks are lists whose order means nothing: compared item by item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from keruen.events.edit_merge import FormEdit, row_lock, shown_base
from keruen.events.models import Event, GridBreak, SlotGrid
from keruen.events.services import slot_grid_set
from keruen.events.slot_grid import SlotGridSaved, TimeSpan

# The form's default slot length while there is no grid (console ``_grid_initial``).
DEFAULT_SLOT_MINUTES = 30
SESSION_TIMES = ("am_start", "am_end", "pm_start", "pm_end")
LISTS = ("days", "breaks")


def _clock(time: dt.time | None) -> str | None:
    return f"{time:%H:%M}" if time is not None else None


def _break_text(start: dt.time, end: dt.time) -> str:
    """A break as the form writes it: "10:30-10:45"."""
    return f"{start:%H:%M}-{end:%H:%M}"


def _break_span(text: str) -> TimeSpan:
    start, end = text.split("-")
    return dt.time.fromisoformat(start), dt.time.fromisoformat(end)


def _grid_shown(grid: SlotGrid | None, event: Event) -> dict[str, Any]:
    """The grid as the set-up page's form shows it (an empty form with the default length
    while there is none)."""
    breaks = GridBreak.objects.filter(event=event, day__isnull=True)
    return {
        "days": sorted(grid.days) if grid else [],
        "slot_minutes": grid.slot_minutes if grid else DEFAULT_SLOT_MINUTES,
        **{name: _clock(getattr(grid, name, None)) for name in SESSION_TIMES},
        "breaks": sorted(_break_text(pause.start, pause.end) for pause in breaks),
    }


def slot_grid_edit_base(event: Event) -> dict[str, str]:
    """The base the set-up page's grid form carries (see ``keruen.common.edits``)."""
    grid = SlotGrid.objects.filter(event=event).first()
    return shown_base(_grid_shown(grid, event), unordered=LISTS)


@transaction.atomic
def slot_grid_update(
    *,
    event: Event,
    days: Sequence[dt.date],
    slot_minutes: int,
    am: TimeSpan,
    pm: TimeSpan,
    breaks: Sequence[TimeSpan] = (),
    base: Mapping[str, str] | None = None,
) -> SlotGridSaved:
    """``slot_grid_set`` from the set-up page's form: with its ``base``, what its user left
    alone is kept as it is now. Two valid forms whose merged sessions would overlap are
    refused, as a clash on the times the colleague changed."""
    row_lock(event)  # the grid row may not exist yet: its event stands for it
    grid = SlotGrid.objects.filter(event=event).first()
    shown = _grid_shown(grid, event)
    posted_times = dict(zip(SESSION_TIMES, (*am, *pm), strict=True))
    wanted = {
        "days": sorted(day.isoformat() for day in days),
        "slot_minutes": slot_minutes,
        **{name: _clock(time) for name, time in posted_times.items()},
        "breaks": sorted(_break_text(start, end) for start, end in breaks),
    }
    edit = FormEdit(shown, wanted, base, unordered=LISTS)
    edits = edit.edits()
    merged = {**shown, **edits}
    # A time left alone keeps its stored reading (seconds and all); without a grid, every
    # time of the form counts as edited.
    times = {
        name: posted_times[name] if name in edits else getattr(grid, name) for name in SESSION_TIMES
    }
    if base is not None and not _sessions_in_order(times):
        raise edit.clash(name for name in SESSION_TIMES if name not in edits)
    return slot_grid_set(
        event=event,
        days=[dt.date.fromisoformat(day) for day in merged["days"]],
        slot_minutes=merged["slot_minutes"],
        am=(times["am_start"], times["am_end"]),
        pm=(times["pm_start"], times["pm_end"]),
        breaks=[_break_span(text) for text in merged["breaks"]],
    )


def _sessions_in_order(times: Mapping[str, dt.time]) -> bool:
    """The morning ends after it starts, the afternoon starts after it and ends after that."""
    return times["am_start"] < times["am_end"] <= times["pm_start"] < times["pm_end"]
