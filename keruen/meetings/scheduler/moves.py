"""Manual moves in the draft, checked by the scheduler's checker and refused in words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Problem, ValidationFailed
from keruen.events.models import Booth, Event, MeetingTable, Slot
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.meetings.scheduler.build import EventInstance, schedule_instance_build
from keruen.meetings.scheduler.review import draft_assignments, manual_move_record
from keruen.meetings.scheduler.words import delegate_describe, meeting_describe, slot_describe
from keruen.meetings.services import (
    schedule_draft_get,
    schedule_entry_place,
)
from keruen.people.models import Participant


def schedule_entry_move_checked(
    *, event: Event, meeting: Meeting, slot: Slot, table: MeetingTable | None, booth: Booth | None
) -> ScheduledMeeting:
    """Move (or place) one meeting of the draft, checked by the scheduler's checker first.

    The whole draft with the move applied is re-verified; a move that breaks a rule the draft
    did not break before is refused with every broken rule named, and nothing changes. The
    database constraints stay the final guard against double booking. A move is logged in
    the draft's ``stats``, for the review (``ManualChanges``).
    """
    from keruen.scheduling.check import check
    from keruen.scheduling.result import Assignment

    draft = schedule_draft_get(event=event)
    built = schedule_instance_build(event=event)
    meeting_id = str(meeting.pk)
    if meeting_id not in built.meetings:
        raise ValidationFailed(
            gettext("Only an accepted meeting can be scheduled."), field="meeting"
        )
    if slot.number not in built.slots or slot.event_id != event.pk:
        raise ValidationFailed(gettext("Choose a slot of this event."), field="slot")
    if meeting.pk in built.frozen:
        began = built.slots[built.frozen[meeting.pk]]
        raise ValidationFailed(
            gettext("%(meeting)s began at %(time)s: it stays where it took place.")
            % {
                "meeting": meeting_describe(meeting=meeting),
                "time": slot_describe(slot=began, event=event),
            },
            field="meeting",
        )
    if slot.number in built.started:
        raise ValidationFailed(
            gettext("%(time)s has already begun: no meeting can be moved there.")
            % {"time": slot_describe(slot=slot, event=event)},
            field="slot",
        )
    if table is not None and table not in built.tables:
        raise ValidationFailed(gettext("Choose an active table of this event."), field="table")
    place: int | str = booth.code if booth is not None else built.tables.index(table) + 1  # type: ignore[arg-type]
    before = [row for row in draft_assignments(built, draft) if row.meeting in built.meetings]
    moved = Assignment(meeting_id, slot.number, place)
    after = [row for row in before if row.meeting != meeting_id] + [moved]
    known_before = {(v.rule, v.message) for v in check(built.instance, before)}
    new = [v for v in check(built.instance, after) if (v.rule, v.message) not in known_before]
    if new:
        raise ValidationFailed(
            gettext("The move breaks a scheduling rule; nothing was changed."),
            field="slot",
            problems=_RefusedMove(built, event, moved, after).problems(new),
        )
    with transaction.atomic():
        # The draft row first, then the meeting's (schedule_entry_place): the order a solver
        # run storing its result takes them in, so the two never wait for each other.
        list(Schedule.objects.select_for_update().filter(pk=draft.pk).values_list("pk"))
        previous = (
            ScheduledMeeting.objects.filter(schedule=draft, meeting=meeting)
            .values_list("slot_id", "table_id", "booth_id")
            .first()
        )
        entry = schedule_entry_place(
            schedule=draft, meeting=meeting, slot=slot, table=table, booth=booth
        )
        if previous != (entry.slot_id, entry.table_id, entry.booth_id):
            manual_move_record(draft=draft, meeting=meeting, before=previous)
            record_action(
                meeting,
                "move",
                before=_place_words(event, *previous) if previous else "",
                after=_place_words(event, entry.slot_id, entry.table_id, entry.booth_id),
            )
    return entry


# Rules a draft may break and still be published: meetings left out are listed for the
# organisers anyway, and a cancellation can widen the spread of breaks after the solver's run.
PUBLISHABLE_DESPITE = frozenset({"unscheduled", "fairness"})


def schedule_draft_publish_problems(*, event: Event) -> list[Problem]:
    """What in the draft no delegate should be sent to, in the organiser's words: a table
    deactivated since the run, a delegate now unavailable at their meeting's time, two
    meetings at one table. Empty when it can be published."""
    from keruen.scheduling.check import check

    draft = schedule_draft_get(event=event)
    built = schedule_instance_build(event=event)
    rows = [row for row in draft_assignments(built, draft) if row.meeting in built.meetings]
    return draft_problems_described(
        built, event, rows, check(built.instance, rows), skip=PUBLISHABLE_DESPITE
    )


def draft_problems_described(
    built: EventInstance,
    event: Event,
    rows: list[Any],
    violations: list[Any],
    *,
    skip: frozenset[str] = frozenset({"unscheduled"}),
) -> list[Problem]:
    """The checker's violations of the draft said with the delegates, the local time and the
    place (its own messages carry ids and slot numbers), each once."""
    at = {row.meeting: row for row in rows}
    problems: list[Problem] = []
    for violation in violations:
        if violation.rule in skip:
            continue
        if violation.meeting in at:
            said = _RefusedMove(built, event, at[violation.meeting], rows).problems([violation])
        elif violation.rule == "fairness":
            message = gettext(
                "The breaks are spread more unevenly than the event's fairness rule allows "
                "(%(detail)s)."
            )
            said = [Problem(message % {"detail": violation.message})]
        else:
            said = [Problem(violation.message)]
        problems.extend(p for p in said if p.message not in {q.message for q in problems})
    return problems


def _place_words(event: Event, slot_id: int, table_id: int | None, booth_id: int | None) -> str:
    """ "2027-06-26 09:30, T4": a place as the activity log keeps it, on the event's clock and
    in no language (the log is read by organisers of every language)."""
    start = Slot.objects.get(pk=slot_id).start.astimezone(event.tz)
    time = f"{start:%Y-%m-%d %H:%M}"
    if booth_id is not None:
        return f"{time}, {Booth.objects.get(pk=booth_id).code}"
    table = MeetingTable.objects.get(pk=table_id) if table_id is not None else ""
    return f"{time}, {table}"


@dataclass(frozen=True)
class _RefusedMove:
    """Why the checker refuses a move, in the organiser's words and language.

    The checker's messages are for developers (ids, slot numbers, English): each rule that
    one move can break is said again with the delegates, the local time and the place.
    """

    built: EventInstance
    event: Event
    moved: Any  # keruen.scheduling.result.Assignment of the move
    after: list[Any]  # the draft's assignments, the move applied

    def problems(self, broken: list[Any]) -> list[Problem]:
        explain = {
            "table-clash": self._place_taken,
            "double-booking": self._delegate_busy,
            "forbidden": self._delegate_away,
            "session": self._wrong_session,
            "booth": self._not_at_the_booth,
            "table": self._no_booth_here,
        }
        out: list[Problem] = []
        for violation in broken:
            said = explain[violation.rule](violation) if violation.rule in explain else None
            # A rule no single move of the console can break (fixed slots, precedences,
            # fairness): the checker's own words, at least.
            field_name, message = said or (
                "slot",
                gettext("The move breaks a scheduling rule: %(detail)s")
                % {"detail": violation.message},
            )
            if all(problem.message != message for problem in out):
                out.append(Problem(message, field=field_name))
        return out

    @property
    def meeting(self) -> Meeting:
        return self.built.meetings[self.moved.meeting]

    def _words(self, **more: object) -> dict[str, object]:
        slot = self.built.slots[self.moved.slot]
        when = slot_describe(slot=slot, event=self.event)
        return {"meeting": meeting_describe(meeting=self.meeting), "time": when, **more}

    def _other_in_the_slot(self, same: Callable[[Any], bool]) -> Meeting | None:
        """The draft's other meeting in the move's slot for which ``same(assignment)``."""
        moved = self.moved
        for row in self.after:
            if row.slot == moved.slot and row.meeting != moved.meeting and same(row):
                return self.built.meetings[row.meeting]
        return None

    def _place_taken(self, violation: Any) -> tuple[str, str] | None:
        place = self.moved.table
        if place == 0:  # tables taken out of use all read as 0: not a clash but that
            return self._table_out_of_use()
        other = self._other_in_the_slot(lambda row: row.table == place)
        if other is None:
            return None
        words = self._words(other=meeting_describe(meeting=other))
        if isinstance(place, str):
            message = gettext("Booth %(place)s is taken at %(time)s by %(other)s.")
            return "booth", message % (words | {"place": place})
        message = gettext("Table %(place)s is taken at %(time)s by %(other)s.")
        return "table", message % (words | {"place": self.built.tables[place - 1]})

    def _delegate_busy(self, violation: Any) -> tuple[str, str] | None:
        pid = violation.participant
        core = self.built.instance.meeting_by_id
        other = self._other_in_the_slot(lambda row: pid in core[row.meeting].participants)
        if other is None:
            return None
        person, partner = _sides(other, pid)
        words = self._words(
            delegate=delegate_describe(participant=person),
            other=delegate_describe(participant=partner),
        )
        return "slot", gettext("At %(time)s, %(delegate)s already meets %(other)s.") % words

    def _delegate_away(self, violation: Any) -> tuple[str, str]:
        person, _partner = _sides(self.meeting, violation.participant)
        words = self._words(delegate=delegate_describe(participant=person))
        return "slot", gettext("At %(time)s, %(delegate)s is not available.") % words

    def _wrong_session(self, violation: Any) -> tuple[str, str]:
        words = self._words(session=Slot.Session(self.meeting.session).label)
        message = gettext(
            "%(meeting)s can only be held in the %(session)s session; %(time)s is not in it."
        )
        return "slot", message % words

    def _not_at_the_booth(self, violation: Any) -> tuple[str, str]:
        instance = self.built.instance
        booth = instance.booth_of(instance.meeting_by_id[self.moved.meeting])
        message = gettext("%(meeting)s is held at the exhibitor's own booth, %(booth)s.")
        return "booth", message % self._words(booth=booth)

    def _no_booth_here(self, violation: Any) -> tuple[str, str] | None:
        if not isinstance(self.moved.table, str):  # not from the form
            return self._table_out_of_use()
        message = gettext(
            "%(meeting)s cannot be held at booth %(booth)s: neither delegate exhibits there. "
            "Choose a table."
        )
        return "booth", message % self._words(booth=self.moved.table)

    def _table_out_of_use(self) -> tuple[str, str]:
        """The draft's table was taken out of use since the run: the core numbers only the
        tables in use, and ``draft_assignments`` gives such a meeting table 0."""
        message = gettext(
            "%(meeting)s at %(time)s is at a table taken out of use since: move it to "
            "another table, or re-schedule."
        )
        return "table", message % self._words()


def _sides(meeting: Meeting, participant_id: str | None) -> tuple[Participant, Participant]:
    """(the given delegate, the other one) of a meeting; ``participant_id`` as the core has it."""
    if str(meeting.participant_b_id) == participant_id:
        return meeting.participant_b, meeting.participant_a
    return meeting.participant_a, meeting.participant_b
