"""A delegate's agenda as an iCalendar feed (RFC 5545), written here without a library.

Times are written as local times of the event's zone (``DTSTART;TZID=Asia/Almaty:...``)
with a ``VTIMEZONE`` that lists the zone's offset changes around the event, so calendar
apps show the meeting at the right instant whatever zone the delegate's phone is in.

A meeting keeps its ``UID`` across schedule releases; its ``SEQUENCE`` counts how many times
what the entry shows of it changed: a release giving it another slot, table or booth, and each
change since the release that put it there of its slot's time (``DTSTART``, ``DTEND``;
``keruen.events.models.SlotChange``) or of its place: the table or booth moved to another
hall, it or its hall renamed (``LOCATION`` names both; ``keruen.events.place_history``).
Calendars replace an entry only when its SEQUENCE grows, and ignore one whose SEQUENCE went
down: a change not counted keeps delegates at the old place or time, so each counts one and
nothing lowers the count (``placement_sequences``, fed by
``keruen.meetings.selectors.meeting_sequences``). A programme session's entry names its room
and hall the same way (``ProgrammeSession.place``), and its SEQUENCE counts each change of
its time, room or hall and each renaming of the hall
(``keruen.events.selectors.programme_sessions_sequenced``).

A renamed partner or organisation changes ``SUMMARY`` without a new SEQUENCE, on purpose:
RFC 5546 (2.1.4) requires one when ``DTSTART``, ``DTEND`` or ``STATUS`` change (a meeting
cancelled leaves the feed instead), and for other properties only when the change could make
attendees miss the meeting, as a new ``LOCATION`` could. A new name does not; counting names
would take a history of every delegate's and organisation's, and bump all their meetings'
entries for a typo fixed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import zoneinfo
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//Keruen//Delegate agenda//EN"


def ics_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (§3.1), never splitting a character.

    Continuation lines start with one space, which counts towards their 75 octets.
    """
    chunks: list[str] = []
    current: list[str]
    current, size, limit = [], 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += octets
    chunks.append("".join(current))
    return (CRLF + " ").join(chunks)


def ics_local(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A moment as the zone's local time, ``YYYYMMDDTHHMMSS`` (used with a TZID)."""
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def ics_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _offset(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours:02d}{rest // 60:02d}"


def _utc_offset(zone: zoneinfo.ZoneInfo, moment: dt.datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


@dataclass(frozen=True)
class ZoneTransition:
    at: dt.datetime  # UTC instant of the change
    offset_from: int  # seconds east of UTC
    offset_to: int
    is_dst: bool
    name: str


def zone_transitions(
    zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime
) -> list[ZoneTransition]:
    """The zone's offset changes between two UTC instants (day steps, then bisection)."""
    found: list[ZoneTransition] = []
    moment = start
    step = dt.timedelta(days=1)
    while moment < end:
        following = moment + step
        before, after = _utc_offset(zone, moment), _utc_offset(zone, following)
        if before != after:
            low, high = moment, following
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if _utc_offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            local = high.astimezone(zone)
            found.append(
                ZoneTransition(
                    at=high.replace(second=0, microsecond=0),
                    offset_from=before,
                    offset_to=after,
                    is_dst=bool(local.dst()),
                    name=local.tzname() or "",
                )
            )
        moment = following
    return found


def vtimezone_lines(zone: zoneinfo.ZoneInfo, start: dt.datetime, end: dt.datetime) -> list[str]:
    """A VTIMEZONE for ``zone`` valid from a year before ``start`` to a year after ``end``."""
    window_start, window_end = start - dt.timedelta(days=366), end + dt.timedelta(days=366)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    initial = _utc_offset(zone, window_start)
    initial_local = window_start.astimezone(zone)
    # The offset in force at the start of the window, as a first observance.
    lines += [
        "BEGIN:DAYLIGHT" if initial_local.dst() else "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{_offset(initial)}",
        f"TZOFFSETTO:{_offset(initial)}",
        f"TZNAME:{ics_escape(initial_local.tzname() or zone.key)}",
        "END:DAYLIGHT" if initial_local.dst() else "END:STANDARD",
    ]
    for change in zone_transitions(zone, window_start, window_end):
        kind = "DAYLIGHT" if change.is_dst else "STANDARD"
        # DTSTART of an observance is local time in the offset before the change (§3.6.5).
        local_before = change.at + dt.timedelta(seconds=change.offset_from)
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{local_before.strftime('%Y%m%dT%H%M%S')}",
            f"TZOFFSETFROM:{_offset(change.offset_from)}",
            f"TZOFFSETTO:{_offset(change.offset_to)}",
            f"TZNAME:{ics_escape(change.name or zone.key)}",
            f"END:{kind}",
        ]
    lines.append("END:VTIMEZONE")
    return lines


@dataclass(frozen=True)
class AgendaItem:
    """One entry of the feed: a meeting or a programme session."""

    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    description: str = ""
    sequence: int = 0
    status: str = "CONFIRMED"
    # Minutes before the start at which the calendar reminds the delegate (None: no alarm).
    reminder_minutes: int | None = None


def vevent_lines(item: AgendaItem, zone: zoneinfo.ZoneInfo, stamp: dt.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{ics_escape(item.uid)}",
        f"DTSTAMP:{ics_utc(stamp)}",
        f"DTSTART;TZID={zone.key}:{ics_local(item.start, zone)}",
        f"DTEND;TZID={zone.key}:{ics_local(item.end, zone)}",
        f"SEQUENCE:{item.sequence}",
        f"STATUS:{item.status}",
        f"SUMMARY:{ics_escape(item.summary)}",
    ]
    if item.location:
        lines.append(f"LOCATION:{ics_escape(item.location)}")
    if item.description:
        lines.append(f"DESCRIPTION:{ics_escape(item.description)}")
    if item.reminder_minutes is not None:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"TRIGGER:-PT{item.reminder_minutes}M",
            f"DESCRIPTION:{ics_escape(item.summary)}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def calendar_build(
    *, name: str, time_zone: str, items: Sequence[AgendaItem], stamp: dt.datetime
) -> str:
    """The whole VCALENDAR as text with CRLF line endings and folded lines."""
    zone = zoneinfo.ZoneInfo(time_zone)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
        f"X-WR-TIMEZONE:{time_zone}",
    ]
    if items:
        first = min(item.start for item in items)
        last = max(item.end for item in items)
    else:
        first = last = stamp
    lines += vtimezone_lines(zone, first, last)
    for item in items:
        lines += vevent_lines(item, zone, stamp)
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + CRLF for line in lines)


Shown = TypeVar("Shown", bound=Hashable)  # a slot or place, as the changes are keyed


def placement_sequences(
    placements: Iterable[tuple[int, dt.datetime, Shown, Shown]],
    shown_changes: Mapping[Shown, Sequence[dt.datetime]],
) -> dict[int, int]:
    """How often what each meeting's entry shows changed, from its placements
    ``(meeting_id, released_at, slot, place)`` in release order and, for each slot and place,
    the instants (sorted) at which what entries show of it (time, name, hall) changed.

    A release that gives the meeting another slot or place counts one, and so does each change
    of its slot or place from the release that put it there to the meeting's next release (or
    now): a change is counted once, in the one span it falls in, and adding releases or
    changes never lowers a count. The first placement counts 0.
    """
    releases: dict[int, list[tuple[dt.datetime, Shown, Shown]]] = {}
    for meeting_id, released_at, slot, place in placements:
        releases.setdefault(meeting_id, []).append((released_at, slot, place))
    changes: dict[int, int] = {}
    for meeting_id, spans in releases.items():
        count = 0
        for index, (released_at, slot, place) in enumerate(spans):
            if index and (slot, place) != spans[index - 1][1:]:
                count += 1
            until = spans[index + 1][0] if index + 1 < len(spans) else None
            for times in (shown_changes.get(slot, ()), shown_changes.get(place, ())):
                end = len(times) if until is None else bisect.bisect_left(times, until)
                count += end - bisect.bisect_left(times, released_at)
        changes[meeting_id] = count
    return changes
