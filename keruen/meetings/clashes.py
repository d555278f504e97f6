"""Published meetings that a change now rules out, for the one who made it to be told.

A delegate marks a slot unavailable, moves their arrival past a meeting or their departure
before one; an organiser makes a delegate speak at a session that blocks meetings while one
of their meetings runs. The published meeting stays where it is (its partner counts on it)
until the organisers re-schedule: these say which meetings, so that the delegate can write
to the organisers and the organiser can re-schedule. They judge as the scheduler does
(``keruen.meetings.scheduler.build``), so that what is named here is what a re-scheduling
moves and what the schedule page's checker lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from django.utils.formats import date_format

from keruen.events.models import Event, Slot
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Participant


@dataclass(frozen=True)
class PublishedClash:
    """One of ``participant``'s meetings in the current release, with ``other``."""

    participant: Participant
    other: Participant
    entry: ScheduledMeeting

    @property
    def start(self) -> dt.datetime:
        return self.entry.slot.start

    @property
    def end(self) -> dt.datetime:
        return self.entry.slot.end

    def time(self, event: Event) -> str:
        """When it starts, on the event's clock, as the interface writes times."""
        return date_format(self.start.astimezone(event.tz), "SHORT_DATETIME_FORMAT")


def _published_clashes(
    *,
    event: Event,
    participants: Iterable[Participant],
    clashes: Callable[[Participant, Slot], bool],
) -> list[PublishedClash]:
    """``participants``' meetings in the event's current release (not cancelled since) whose
    slot ``clashes`` for them, in time order; a meeting of two of them is listed for each."""
    people = {participant.pk: participant for participant in participants}
    release = schedule_current_release(event=event)
    if release is None or not people:
        return []
    entries = (
        ScheduledMeeting.objects.filter(schedule=release, attendances__participant__in=people)
        # Cancelled since, or already held or missed (history, which nothing moves).
        .exclude(
            meeting__status__in=(
                Meeting.Status.CANCELLED,
                Meeting.Status.HELD,
                Meeting.Status.NO_SHOW,
            )
        )
        .select_related(
            "slot",
            "meeting__participant_a__organisation",
            "meeting__participant_b__organisation",
        )
        .distinct()
        .order_by("slot__start", "pk")
    )
    found = []
    for entry in entries:
        meeting = entry.meeting
        for mine, other in (
            (meeting.participant_a, meeting.participant_b),
            (meeting.participant_b, meeting.participant_a),
        ):
            participant = people.get(mine.pk)
            if participant is not None and clashes(participant, entry.slot):
                found.append(PublishedClash(participant, other, entry))
    return found


def meetings_in_slots(
    *, participant: Participant, slot_ids: Collection[int]
) -> list[PublishedClash]:
    """The delegate's published meetings in the slots ``slot_ids`` (marked unavailable)."""
    return _published_clashes(
        event=participant.event,
        participants=[participant],
        clashes=lambda _, slot: slot.pk in slot_ids,
    )


def starts_before_arrival(participant: Participant, slot: Slot) -> bool:
    return participant.arrives_at is not None and slot.start < participant.arrives_at


def ends_after_departure(participant: Participant, slot: Slot) -> bool:
    return participant.departs_at is not None and slot.end > participant.departs_at


def meetings_outside_stay(*, participant: Participant) -> list[PublishedClash]:
    """The delegate's published meetings that start before their arrival or end after their
    departure (as stored now)."""
    if participant.arrives_at is None and participant.departs_at is None:
        return []
    return _published_clashes(
        event=participant.event,
        participants=[participant],
        clashes=lambda who, slot: (
            starts_before_arrival(who, slot) or ends_after_departure(who, slot)
        ),
    )


def meetings_during(
    *, event: Event, participants: Iterable[Participant], start: dt.datetime, end: dt.datetime
) -> list[PublishedClash]:
    """``participants``' published meetings whose slot overlaps ``start``–``end`` (a session
    they speak at that blocks meetings)."""
    return _published_clashes(
        event=event,
        participants=participants,
        clashes=lambda _, slot: slot.start < end and start < slot.end,
    )


# Why a published meeting is ruled out, as the API names it.
UNAVAILABLE, BEFORE_ARRIVAL, AFTER_DEPARTURE = "unavailable", "before_arrival", "after_departure"


@dataclass(frozen=True)
class RuledOut:
    """A published meeting of the delegate at a time they have since ruled out, and why."""

    clash: PublishedClash
    reason: str  # UNAVAILABLE, BEFORE_ARRIVAL or AFTER_DEPARTURE


def meetings_ruled_out(*, participant: Participant) -> list[RuledOut]:
    """The delegate's published meetings in a slot they marked unavailable, then those
    outside their stay; each meeting once, under the first reason that applies."""
    unavailable = set(participant.unavailable_slots.values_list("pk", flat=True))
    found: dict[int, RuledOut] = {}
    for clash in meetings_in_slots(participant=participant, slot_ids=unavailable):
        found[clash.entry.pk] = RuledOut(clash, UNAVAILABLE)
    for clash in meetings_outside_stay(participant=participant):
        early = starts_before_arrival(participant, clash.entry.slot)
        found.setdefault(
            clash.entry.pk, RuledOut(clash, BEFORE_ARRIVAL if early else AFTER_DEPARTURE)
        )
    return list(found.values())
