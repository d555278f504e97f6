"""Reads about meetings and schedules."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from keruen.events.models import Event
from keruen.meetings.models import Schedule, ScheduledMeeting
from keruen.people.models import Participant


def schedule_current_release(*, event: Event) -> Schedule | None:
    return (
        Schedule.objects.filter(event=event, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )


def schedule_entries(*, schedule: Schedule) -> QuerySet[ScheduledMeeting]:
    return ScheduledMeeting.objects.filter(schedule=schedule).select_related(
        "slot",
        "table",
        "booth",
        "meeting__participant_a__organisation",
        "meeting__participant_b__organisation",
    )


def participant_agenda(*, participant: Participant) -> list[ScheduledMeeting]:
    """The delegate's meetings in the current published schedule, in time order."""
    release = schedule_current_release(event=participant.event)
    if release is None:
        return []
    return list(
        schedule_entries(schedule=release)
        .filter(attendances__participant=participant)
        .order_by("slot__number")
    )


@dataclass(frozen=True)
class ScheduleDiff:
    added: list[int]
    removed: list[int]
    moved: list[int]


def schedule_diff(*, old: Schedule, new: Schedule) -> ScheduleDiff:
    """Meeting ids added, removed and moved (other slot or place) between two versions."""

    def placements(schedule: Schedule) -> dict[int, tuple[int, int | None, int | None]]:
        rows = ScheduledMeeting.objects.filter(schedule=schedule).values_list(
            "meeting_id", "slot_id", "table_id", "booth_id"
        )
        return {meeting: (slot, table, booth) for meeting, slot, table, booth in rows}

    before, after = placements(old), placements(new)
    return ScheduleDiff(
        added=sorted(set(after) - set(before)),
        removed=sorted(set(before) - set(after)),
        moved=sorted(m for m in set(before) & set(after) if before[m] != after[m]),
    )
