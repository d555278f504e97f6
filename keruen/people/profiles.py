"""A delegate's own profile: what it may hold (the stay window, a dialable phone) and the
edit that writes it, keeping what organisers and colleagues saved meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.edits import edit_base, merge_edits
from keruen.common.errors import Conflict, Problem, ProblemList, ValidationFailed
from keruen.common.services import changed_values, validated
from keruen.events.models import Event
from keruen.people.models import Participant
from keruen.people.validators import validate_phone

PARTICIPANT_PROFILE_FIELDS = frozenset(
    {
        "given_name",
        "family_name",
        "name_latin",
        "title",
        "languages",
        "public_listing",
        "contact_email",
        "phone",
        "messenger",
        "arrives_at",
        "departs_at",
        "target_countries",
    }
)


# Delegates may come a week early (visits, visas) and stay a week after the event; an arrival
# or departure outside that window is a typing mistake (1999, 2040).
STAY_MARGIN = dt.timedelta(days=7)


def participant_stay_window(
    *, event: Event
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """The days (on the event's clock) a delegate may arrive on, and those they may leave on.

    Arrival: from a week before the first day to the last day; departure: from the first
    day to a week after the last day.
    """
    return (
        (event.start_date - STAY_MARGIN, event.end_date),
        (event.start_date, event.end_date + STAY_MARGIN),
    )


def _local_day(moment: dt.datetime, event: Event) -> dt.date:
    """The day of ``moment`` on the event's clock; a moment so far off that it has none there
    (year 1 east of UTC, year 9999 west of it) is taken as the earliest day, outside any stay."""
    try:
        return moment.astimezone(event.tz).date()
    except OverflowError:
        return dt.date.min


def participant_stay_problems(
    *, event: Event, arrives_at: dt.datetime | None, departs_at: dt.datetime | None
) -> list[Problem]:
    """What is wrong with an arrival and a departure (``None``: not given, not checked)."""
    arrival_days, departure_days = participant_stay_window(event=event)
    stay = (
        (
            "arrives_at",
            arrives_at,
            arrival_days,
            gettext("Arrival must be between %(first)s and %(last)s."),
        ),
        (
            "departs_at",
            departs_at,
            departure_days,
            gettext("Departure must be between %(first)s and %(last)s."),
        ),
    )
    problems = [
        Problem(message % {"first": _day(first), "last": _day(last)}, field=name)
        for name, value, (first, last), message in stay
        if value is not None and not first <= _local_day(value, event) <= last
    ]
    if arrives_at and departs_at and departs_at <= arrives_at and not problems:
        problems.append(Problem(gettext("Departure must be after arrival."), field="departs_at"))
    return problems


def _check_profile(participant: Participant, *, changed: set[str]) -> None:
    """The rules of a profile beyond each field's type: a dialable phone, a sensible stay.

    Only the fields being changed are checked against the window (an old value does not
    block another edit); departure after arrival always holds (a database constraint).
    """
    problems = ProblemList()
    if "phone" in changed and participant.phone:
        try:
            validate_phone(participant.phone)
        except DjangoValidationError as error:
            problems.add(error.messages[0], field="phone")
    arrives, departs = participant.arrives_at, participant.departs_at
    problems.problems += participant_stay_problems(
        event=participant.event,
        arrives_at=arrives if "arrives_at" in changed else None,
        departs_at=departs if "departs_at" in changed else None,
    )
    if arrives and departs and departs <= arrives and not problems:
        problems.problems.append(_stay_order_problem(participant, changed))
    problems.raise_if_any("; ".join(str(problem) for problem in problems.problems))


def _stay_order_problem(participant: Participant, changed: set[str]) -> Problem:
    """Departure before arrival, said on the field the delegate changed: moving only the
    arrival past the stored departure is an arrival problem, not a departure one."""
    if "arrives_at" in changed and "departs_at" not in changed:
        assert participant.departs_at is not None  # compared above
        departure = date_format(
            timezone.localtime(participant.departs_at, participant.event.tz),
            "SHORT_DATETIME_FORMAT",
        )
        message = gettext("Arrival must be before your departure (%(departure)s).")
        return Problem(message % {"departure": departure}, field="arrives_at")
    return Problem(gettext("Departure must be after arrival."), field="departs_at")


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


# Lists whose order means nothing: a multiple select posts them in its own order.
PARTICIPANT_UNORDERED = ("languages", "target_countries")


# The unavailable slots are merged like the other lists: a second tab of the profile, or
# the organisers, may have marked a slot meanwhile.
SLOTS = "unavailable_slots"


class _ProfileView:
    """The delegate as the merge reads it: its fields, and its unavailable slots as the
    sorted ids that the form posts (a many-to-many has no value of its own)."""

    def __init__(self, participant: Participant) -> None:
        self._participant = participant
        self.unavailable_slots = sorted(participant.unavailable_slots.values_list("pk", flat=True))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._participant, name)


def participant_edit_base(participant: Participant) -> dict[str, str]:
    """The base a profile form carries (see ``keruen.common.edits``)."""
    return edit_base(
        _ProfileView(participant),  # type: ignore[arg-type]  # read like a model
        [*sorted(PARTICIPANT_PROFILE_FIELDS), SLOTS],
        unordered=[*PARTICIPANT_UNORDERED, SLOTS],
    )


@transaction.atomic
def participant_update_profile(
    *,
    participant: Participant,
    unavailable_slot_ids: list[int] | None = None,
    base: Mapping[str, str] | None = None,
    **fields: Any,
) -> Participant:
    """Edit the delegate's own profile and availability; all checked before anything is saved.

    The row is re-read and locked first, and only the fields that differ are written: a
    withdrawal, a check-in or a delegation the organisers recorded meanwhile stays as they
    left it. With the form's ``base`` only what its user edited is written (``merge_edits``).
    A registration that is no longer approved has no profile to edit (Conflict).
    """
    unknown = set(fields) - PARTICIPANT_PROFILE_FIELDS
    if unknown:
        raise ValidationFailed(f"Cannot edit {', '.join(sorted(unknown))}.", field=min(unknown))
    _lock_approved(participant)
    wanted = _profile_values(participant.event, fields)
    if unavailable_slot_ids is not None:
        wanted[SLOTS] = sorted(set(unavailable_slot_ids))
    edits = merge_edits(
        _ProfileView(participant),  # type: ignore[arg-type]  # read like a model
        wanted,
        base,
        unordered=[*PARTICIPANT_UNORDERED, SLOTS],
    )
    slot_ids = edits.pop(SLOTS, None)  # absent: not edited (or not on the form)
    changed = changed_values(participant, edits, unordered=PARTICIPANT_UNORDERED)
    for name, value in changed.items():
        setattr(participant, name, value)
    _check_profile(participant, changed=set(changed))
    validated(participant, exclude=["event", "user", "organisation", "delegation", "booth"])
    slots = _event_slots(participant, slot_ids)
    before = list(participant.unavailable_slots.all()) if slots is not None else []
    slots_changed = slots is not None and set(slots) != set(before)
    if changed or slots_changed:
        participant.save(update_fields=[*changed, "updated_at"])
    if slots is not None and slots_changed:
        participant.unavailable_slots.set(slots)
        # A many-to-many change sends no save signal: the log learns of it here.
        record_action(
            participant,
            "unavailable_slots",
            before=_slots_text(participant.event, before),
            after=_slots_text(participant.event, slots),
        )
    return participant


def _lock_approved(participant: Participant) -> None:
    """Re-read the delegate's row, locked until the edit is saved; refuse a closed one."""
    participant.refresh_from_db(
        from_queryset=Participant.objects.select_for_update(of=("self",)).select_related(
            "event", "organisation"
        )
    )
    if participant.status != Participant.Status.APPROVED:
        raise Conflict(
            gettext("Your registration is “%(status)s” now: the profile can no longer be changed.")
            % {"status": participant.get_status_display()}
        )


def _profile_values(event: Event, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as stored: texts without spaces around, times on the event's clock."""
    values = {}
    for name, value in fields.items():
        if isinstance(value, dt.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, event.tz)
        # Spaces around a text are never meant; a name of spaces only is no name.
        values[name] = value.strip() if isinstance(value, str) else value
    return values


def _event_slots(participant: Participant, slot_ids: list[int] | None) -> list[Any] | None:
    """The slots of ``slot_ids``, all of the participant's event (or None: not edited)."""
    if slot_ids is None:
        return None
    from keruen.events.models import Slot

    wanted = set(slot_ids)
    slots = list(Slot.objects.filter(event_id=participant.event_id, pk__in=wanted))
    if len(slots) != len(wanted):
        raise ValidationFailed(gettext("Choose slots of this event."), field="unavailable_slots")
    return slots


def _slots_text(event: Event, slots: list[Any]) -> str:
    """Slots as the organisers read them in the log: starts on the event's clock."""
    starts = sorted(slot.start.astimezone(event.tz) for slot in slots)
    return ", ".join(f"{start:%Y-%m-%d %H:%M}" for start in starts)
