"""Reads about meetings and schedules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from keruen.events.models import Event, ProgrammeSession
from keruen.events.selectors import shown_change_times
from keruen.meetings import agenda as ics
from keruen.meetings.models import Job, Meeting, Schedule, ScheduledMeeting
from keruen.people.models import Participant


def schedule_current_release(*, event: Event) -> Schedule | None:
    return (
        Schedule.objects.filter(event=event, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .first()
    )


def _entries_with_places() -> QuerySet[ScheduledMeeting]:
    return ScheduledMeeting.objects.select_related(
        "slot",
        "table__hall",
        "booth__hall",
        "meeting__participant_a__organisation",
        "meeting__participant_b__organisation",
    )


def schedule_entries(*, schedule: Schedule) -> QuerySet[ScheduledMeeting]:
    return _entries_with_places().filter(schedule=schedule)


def participant_agenda(*, participant: Participant) -> list[ScheduledMeeting]:
    """The delegate's meetings in the current published schedule, in time order; those
    cancelled since (a partner withdrew) are left out before the next release drops them."""
    current = (
        Schedule.objects.filter(event_id=participant.event_id, published_at__isnull=False)
        .order_by("-published_at", "-id")
        .values("pk")[:1]
    )
    return list(
        _entries_with_places()
        .only(*AGENDA_FIELDS)
        .filter(schedule__in=current)  # the current release, in the same query
        .filter(attendances__participant=participant)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .order_by("slot__number")
    )


@dataclass(frozen=True)
class AgendaRow:
    """One line of the agenda: a scheduled meeting or a chosen programme session."""

    kind: str  # "meeting" or "session"
    start: dt.datetime
    end: dt.datetime
    entry: ScheduledMeeting | None = None
    session: ProgrammeSession | None = None
    other: Participant | None = None


def chosen_sessions(*, participant: Participant) -> QuerySet[ProgrammeSession]:
    return (
        participant.chosen_sessions.filter(event_id=participant.event_id)
        .select_related("hall")
        .order_by("start", "id")
    )


def agenda_rows(*, participant: Participant) -> list[AgendaRow]:
    """Published meetings and chosen sessions of the delegate, in time order."""
    rows = []
    for entry in participant_agenda(participant=participant):
        meeting = entry.meeting
        other = meeting.partner_of(participant.pk)
        rows.append(
            AgendaRow("meeting", entry.slot.start, entry.slot.end, entry=entry, other=other)
        )
    for session in chosen_sessions(participant=participant):
        rows.append(AgendaRow("session", session.start, session.end, session=session))
    return sorted(rows, key=lambda row: (row.start, row.kind))


def _person_fields(side: str) -> tuple[str, ...]:
    person = f"meeting__{side}"
    return (
        person,
        *(
            f"{person}__{name}"
            for name in ("given_name", "family_name", "name_latin", "title", "role")
        ),
        f"{person}__languages",
        f"{person}__organisation",
        *(f"{person}__organisation__{name}" for name in ("code", "name", "country")),
    )


# What agendas, the print view, the ICS feed and the API read of an entry. Loading only
# these halves the cost of an agenda on SQLite (the other columns are JSON and datetimes
# that would be decoded for nothing).
AGENDA_FIELDS = (
    "schedule",
    "slot",
    "slot__number",
    "slot__start",
    "slot__end",
    "table",
    "table__number",
    "table__label",
    "table__hall",
    "table__hall__name",
    "booth",
    "booth__code",
    "booth__hall",
    "booth__hall__name",
    "meeting",
    "meeting__status",
    "meeting__language",
    *_person_fields("participant_a"),
    *_person_fields("participant_b"),
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


def schedule_releases(*, event: Event) -> list[Schedule]:
    """The event's published releases, newest first."""
    return list(
        Schedule.objects.filter(event=event, published_at__isnull=False)
        .select_related("published_by")
        .order_by("-published_at", "-id")
    )


def schedule_previous_release(*, release: Schedule) -> Schedule | None:
    """The release published just before ``release`` (None for the first one)."""
    return (
        Schedule.objects.filter(
            event_id=release.event_id,
            published_at__isnull=False,
            published_at__lt=release.published_at,
        )
        .order_by("-published_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class DiffRow:
    """One changed meeting between two versions: who, and where before and after."""

    change: str  # "added", "removed" or "moved"
    meeting: Meeting
    before: ScheduledMeeting | None
    after: ScheduledMeeting | None


def schedule_diff_rows(*, old: Schedule, new: Schedule) -> list[DiffRow]:
    """``schedule_diff`` with the meetings, people and old / new places loaded (3 queries)."""
    diff = schedule_diff(old=old, new=new)
    changed = {*diff.added, *diff.removed, *diff.moved}
    old_entries = schedule_entries(schedule=old).filter(meeting_id__in=changed)
    new_entries = schedule_entries(schedule=new).filter(meeting_id__in=changed)
    before = {entry.meeting_id: entry for entry in old_entries}
    after = {entry.meeting_id: entry for entry in new_entries}
    rows = []
    for change, ids in (("added", diff.added), ("removed", diff.removed), ("moved", diff.moved)):
        for meeting_id in ids:
            entry = after.get(meeting_id) or before[meeting_id]
            old_place, new_place = before.get(meeting_id), after.get(meeting_id)
            rows.append(DiffRow(change, entry.meeting, old_place, new_place))
    return rows


def meeting_sequences(*, event: Event, meeting_ids: Iterable[int]) -> dict[int, int]:
    """For each meeting, how many times what its calendar entry shows changed (the ICS
    ``SEQUENCE``): a release giving it another slot, table or booth, and each change since
    the release that put it there, with or without a release, of its slot's time (DTSTART,
    DTEND: ``events.SlotChange``) or of its place (LOCATION: the table or booth moved to
    another hall, or it or its hall renamed: ``keruen.events.place_history``).

    Calendars keep an entry whose SEQUENCE did not grow, and would send the delegate to the
    old place or time; one that went down they ignore. Each change counts once, so a place
    moved A -> B -> C counts two and moved back to A a third (``agenda.placement_sequences``).
    A renamed partner or organisation (SUMMARY) is not counted: see ``keruen.meetings.agenda``.
    Two queries, whatever the number of meetings.
    """
    rows = list(
        ScheduledMeeting.objects.filter(
            schedule__event=event, schedule__published_at__isnull=False, meeting_id__in=meeting_ids
        )
        .order_by("schedule__published_at", "schedule_id")
        .values_list("meeting_id", "schedule__published_at", "slot_id", "table_id", "booth_id")
    )
    if not rows:
        return {}
    placements = []
    shown: dict[str, set[int]] = {"slot": set(), "table": set(), "booth": set()}
    for meeting, released_at, slot, table, booth in rows:
        assert released_at is not None  # releases only
        place = ("booth", booth) if booth is not None else ("table", table)
        shown["slot"].add(slot)
        shown[place[0]].add(place[1])
        placements.append((meeting, released_at, ("slot", slot), place))
    changes = shown_change_times(
        event=event,
        tables=shown["table"],
        booths=shown["booth"],
        slots=shown["slot"],
        since=placements[0][1],
    )
    return ics.placement_sequences(placements, changes)


def job_latest(*, event: Event, kind: str) -> Job | None:
    return Job.objects.filter(event=event, kind=kind).order_by("-created_at", "-id").first()
