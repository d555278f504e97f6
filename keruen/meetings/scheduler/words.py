"""Meetings, delegates, slots and places in the words the console uses."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

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


def shortfalls_describe(
    *, shortfalls: list[dict[str, Any]], meetings: dict[str, Meeting], booths: dict[str, Booth]
) -> str:
    """Why no schedule exists, from the core's counting proofs (``keruen.scheduling.capacity``):
    the first two in full, then how many more. ``meetings`` and ``booths`` map the core's ids
    back to rows (``EventInstance``)."""
    people = {
        str(p.pk): p
        for p in Participant.objects.filter(
            pk__in=[s["subject"] for s in shortfalls if s["kind"] == "participant"]
        )
    }
    sentences = [_shortfall_sentence(s, meetings, booths, people) for s in shortfalls[:2]]
    text = " ".join([gettext("No valid schedule exists, whatever the time given:"), *sentences])
    more = len(shortfalls) - len(sentences)
    if more:
        text += " " + ngettext(
            "And %(count)d more such problem.", "And %(count)d more such problems.", more
        ) % {"count": more}
    return text


def _shortfall_sentence(
    shortfall: dict[str, Any],
    meetings: dict[str, Meeting],
    booths: dict[str, Booth],
    people: dict[str, Participant],
) -> str:
    needed, fit, subject = shortfall["needed"], shortfall["fit"], str(shortfall.get("subject"))
    if shortfall["kind"] == "no_slot":
        return gettext(
            "%(meeting)s: no slot is open to both delegates under the meeting's rules "
            "(their availability and stay, a morning or afternoon restriction, a fixed time)."
        ) % {"meeting": meeting_describe(meeting=meetings[subject])}
    if shortfall["kind"] == "tables":
        return ngettext(
            "Not enough tables: %(needed)d accepted meeting needs a shared table, but at most "
            "%(fit)d fit in the slots it can take (tables now: %(tables)d; needed: at least "
            "%(tables_needed)d).",
            "Not enough tables: %(needed)d accepted meetings need a shared table, but at most "
            "%(fit)d fit in the slots they can take (tables now: %(tables)d; needed: at least "
            "%(tables_needed)d).",
            needed,
        ) % {
            "needed": needed,
            "fit": fit,
            "tables": shortfall["tables"],
            "tables_needed": shortfall["tables_needed"],
        }
    if shortfall["kind"] == "booth":
        return ngettext(
            "Booth %(booth)s has %(needed)d accepted meeting, but its holders' free slots "
            "hold at most %(fit)d of them.",
            "Booth %(booth)s has %(needed)d accepted meetings, but its holders' free slots "
            "hold at most %(fit)d of them.",
            needed,
        ) % {"booth": booths[subject], "needed": needed, "fit": fit}
    return ngettext(
        "%(delegate)s has %(needed)d accepted meeting, but their free slots (availability, "
        "stay, sessions they speak at) hold at most %(fit)d of them.",
        "%(delegate)s has %(needed)d accepted meetings, but their free slots (availability, "
        "stay, sessions they speak at) hold at most %(fit)d of them.",
        needed,
    ) % {"delegate": delegate_describe(participant=people[subject]), "needed": needed, "fit": fit}
