"""Meetings, delegates, slots and places in the words the console uses."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import Meeting
from keruen.people.models import Participant


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


def solver_status_describe(status: str) -> str:
    """The solver's verdict on a schedule, in the organiser's words."""
    labels = {
        "OPTIMAL": gettext("optimal"),
        "FEASIBLE": gettext("valid, not proved optimal"),
        "INFEASIBLE": gettext("no valid schedule exists"),
        "UNKNOWN": gettext("no schedule found in the time limit"),
    }
    return labels.get(status, status)
