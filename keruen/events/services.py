"""Writes about events: an edition, its halls, booths, tables, slot grid, programme, rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.services import validated
from keruen.events import slot_grid
from keruen.events.models import (
    Booth,
    Event,
    GridBreak,
    Hall,
    MeetingTable,
    ProgrammeSession,
    RequestRule,
    Slot,
    SlotGrid,
    Venue,
)
from keruen.events.slot_grid import SlotGridSaved


def _event_moment(event: Event, day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` on the event's clock."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=event.tz)


def _on_event_clock(event: Event, value: dt.datetime) -> dt.datetime:
    """``value`` with the event's zone if it has none (typed on the event's clock)."""
    return value.replace(tzinfo=event.tz) if value.tzinfo is None else value


def event_last_meeting_day(*, event: Event) -> dt.date:
    """The last day of the slot grid; the event's last day while there is no grid."""
    grid = SlotGrid.objects.filter(event=event).first() if event.pk else None
    days = [dt.date.fromisoformat(day) for day in (grid.days if grid else [])]
    return max(days, default=event.end_date)


def _deadline_too_late(event: Event, deadline: dt.datetime, last_day: dt.date) -> bool:
    """Requests close before the last meeting day starts, so accepted meetings still fit."""
    return _on_event_clock(event, deadline) >= _event_moment(event, last_day)


def _check_request_deadline(event: Event, deadline: dt.datetime | None) -> None:
    if deadline is None:
        return
    last_day = event_last_meeting_day(event=event)
    if _deadline_too_late(event, deadline, last_day):
        raise ValidationFailed(
            gettext(
                "The deadline must be before the last meeting day (%(day)s): delegates need "
                "time to answer and the organisers to schedule the meetings."
            )
            % {"day": date_format(last_day, "DATE_FORMAT")},
            field="request_deadline",
        )


def programme_session_dates_check(event: Event, start: dt.datetime, end: dt.datetime) -> None:
    """A programme session starts on or after the first day and ends by the last day's end."""
    first = _event_moment(event, event.start_date)
    after_last = _event_moment(event, event.end_date + dt.timedelta(days=1))
    outside = [
        name
        for name, value in (("start", start), ("end", end))
        if not first <= _on_event_clock(event, value) <= after_last
    ]
    if outside:
        raise ValidationFailed(
            gettext("A session must take place during the event, %(first)s to %(last)s.")
            % {
                "first": date_format(event.start_date, "DATE_FORMAT"),
                "last": date_format(event.end_date, "DATE_FORMAT"),
            },
            field=outside[0],
        )


def event_create(
    *,
    slug: str,
    name: dict[str, str],
    start_date: dt.date,
    end_date: dt.date,
    time_zone: str = "Asia/Shanghai",
    venue: Venue | None = None,
    **fields: Any,
) -> Event:
    event = Event(
        slug=slug,
        name=name,
        start_date=start_date,
        end_date=end_date,
        time_zone=time_zone,
        venue=venue,
        **fields,
    )
    validated(event)
    _check_request_deadline(event, event.request_deadline)
    event.save()
    return event


def save_with_unique_code(row: Hall | Booth, taken: str) -> None:
    """Save a hall or booth whose code no other one of its event has.

    The check gives the usual answer; the database's unique constraint catches a save made
    at the same moment, and says the same (``taken``) instead of failing the request.
    """
    others = type(row).objects.filter(event=row.event_id, code=row.code).exclude(pk=row.pk)
    if others.exists():
        raise Conflict(taken, field="code")
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            row.save()
    except IntegrityError as error:
        raise Conflict(taken, field="code") from error


def hall_create(*, event: Event, code: str, name: dict[str, str], **fields: Any) -> Hall:
    hall = Hall(event=event, code=code, name=name, **fields)
    validated(hall)
    save_with_unique_code(hall, gettext("This hall code is taken."))
    return hall


def booth_create(*, event: Event, hall: Hall, code: str, **fields: Any) -> Booth:
    if hall.event_id != event.pk:
        raise ValidationFailed(gettext("The hall belongs to another event."), field="hall")
    booth = Booth(event=event, hall=hall, code=code, **fields)
    validated(booth)
    save_with_unique_code(booth, gettext("This booth code is taken."))
    return booth


@transaction.atomic
def tables_create(*, event: Event, count: int, hall: Hall | None = None) -> list[MeetingTable]:
    """Add ``count`` shared meeting tables numbered after the existing ones."""
    if count < 1:
        raise ValidationFailed(gettext("Create at least one table."), field="count")
    last = MeetingTable.objects.filter(event=event).order_by("-number").first()
    start = last.number + 1 if last else 1
    tables = MeetingTable.objects.bulk_create(
        MeetingTable(event=event, number=number, hall=hall, label=f"T{number}")
        for number in range(start, start + count)
    )
    # bulk_create sends no save signal: without this the log would not know the tables.
    record_action(
        event,
        "tables_added",
        tables=count,
        numbers=f"{start}-{start + count - 1}",
        hall=hall.code if hall else None,
    )
    return tables


def _check_grid_days(event: Event, days: Sequence[dt.date]) -> None:
    """Meeting days lie within the event's dates and after the request deadline."""
    if not days:
        raise ValidationFailed(gettext("Give at least one meeting day."), field="days")
    outside = [day for day in days if not event.start_date <= day <= event.end_date]
    if outside:
        raise ValidationFailed(
            gettext("%(day)s is outside the event's dates, %(first)s to %(last)s.")
            % {
                "day": date_format(outside[0], "DATE_FORMAT"),
                "first": date_format(event.start_date, "DATE_FORMAT"),
                "last": date_format(event.end_date, "DATE_FORMAT"),
            },
            field="days",
        )
    # Refused rather than cleared: clearing would silently reopen requests until the end.
    deadline, last_day = event.request_deadline, max(days)
    if deadline is not None and _deadline_too_late(event, deadline, last_day):
        raise ValidationFailed(
            gettext(
                "The deadline for meeting requests (%(deadline)s) would no longer be before "
                "the last meeting day (%(day)s): set an earlier deadline first, or keep a "
                "later meeting day."
            )
            % {
                "deadline": date_format(deadline.astimezone(event.tz), "SHORT_DATETIME_FORMAT"),
                "day": date_format(last_day, "DATE_FORMAT"),
            },
            field="days",
        )


@transaction.atomic
def slot_grid_set(
    *,
    event: Event,
    days: Sequence[dt.date],
    slot_minutes: int,
    am: tuple[dt.time, dt.time],
    pm: tuple[dt.time, dt.time],
    breaks: Sequence[tuple[dt.time, dt.time]] = (),
) -> SlotGridSaved:
    """Define the meeting slot grid and (re)generate the slots.

    Slots are numbered 1.. in time order; the lunch between the AM and PM sessions, the
    daily ``breaks`` and the breaks filed under one day hold no slots. ``breaks`` replace
    the daily breaks; one-day breaks stay. A delegate unavailable at some time stays
    unavailable in every new slot overlapping it. Refuses to regenerate once any schedule
    uses the slots.
    """
    from keruen.meetings.models import ScheduledMeeting

    _check_grid_days(event, days)
    if ScheduledMeeting.objects.filter(slot__event=event).exists():
        raise ValidationFailed(
            gettext("Slots are used by a schedule; change the grid before scheduling."),
            field="days",
        )
    grid = slot_grid.grid_saved(event, days=days, slot_minutes=slot_minutes, am=am, pm=pm)
    planned = slot_grid.slots_planned(
        event,
        days=days,
        minutes=slot_minutes,
        sessions={Slot.Session.AM: am, Slot.Session.PM: pm},
        breaks=breaks,
        day_breaks=slot_grid.one_day_breaks(event=event),
    )
    if not planned:
        raise ValidationFailed(
            gettext("No slot fits into the sessions given."), field="slot_minutes"
        )
    GridBreak.objects.filter(event=event, day__isnull=True).delete()
    GridBreak.objects.bulk_create(GridBreak(event=event, start=s, end=e) for s, e in breaks)
    declared = slot_grid.unavailability_declared(event=event)
    Slot.objects.filter(event=event).delete()
    slots = Slot.objects.bulk_create(
        Slot(
            event=event,
            number=number,
            day_index=p.day_index,
            session=p.session,
            start=p.start,
            end=p.end,
        )
        for number, p in enumerate(planned, start=1)
    )
    kept, dropped = slot_grid.unavailability_carry(event=event, declared=declared)
    # bulk_create sends no save signal: the log learns of the new slots from this entry.
    record_action(
        grid,
        "slot_grid_set",
        days=", ".join(grid.days),
        slots=len(slots),
        breaks=", ".join(f"{s:%H:%M}-{e:%H:%M}" for s, e in breaks),
        unavailable_kept=kept,
        unavailable_dropped=dropped,
    )
    return SlotGridSaved(slots, unavailability_kept=kept, unavailability_dropped=dropped)


def programme_session_create(
    *,
    event: Event,
    kind: str,
    title: dict[str, str],
    start: dt.datetime,
    end: dt.datetime,
    room: dict[str, str] | None = None,
    **fields: Any,
) -> ProgrammeSession:
    """Add a session; ``room`` is a text per language, like ``title`` (blank texts are dropped)."""
    session = ProgrammeSession(
        event=event,
        kind=kind,
        title=title,
        start=start,
        end=end,
        room=texts_merged({}, {} if room is None else room),
        **fields,
    )
    validated(session)
    if end <= start:
        raise ValidationFailed(gettext("A session must end after it starts."), field="end")
    programme_session_dates_check(event, start, end)
    session.save()
    return session


def booth_assign_exhibitor(*, booth: Booth, organisation: Any | None) -> Booth:
    """Give a booth to an exhibiting organisation of the same event (or free it with None)."""
    if organisation is not None and organisation.event_id != booth.event_id:
        raise ValidationFailed(
            gettext("The organisation belongs to another event."), field="exhibitor"
        )
    booth.exhibitor = organisation
    booth.save(update_fields=["exhibitor", "updated_at"])
    if organisation is not None and not organisation.is_exhibitor:
        organisation.is_exhibitor = True
        organisation.save(update_fields=["is_exhibitor", "updated_at"])
    return booth


def programme_session_set_speakers(*, session: ProgrammeSession, speakers: Sequence[Any]) -> None:
    """Replace a session's speakers; every speaker must be a participant of its event."""
    if any(speaker.event_id != session.event_id for speaker in speakers):
        raise ValidationFailed(
            gettext("Speakers must be registered at this event."), field="speakers"
        )
    session.speakers.set(speakers)


@transaction.atomic
def event_networking_set(
    *,
    event: Event,
    request_deadline: dt.datetime | None,
    request_quota: int | None,
    now: dt.datetime | None = None,
) -> Event:
    """Set the deadline for meeting requests and how many one delegate may have open.

    The pending requests move to the new deadline with it, in this transaction
    (``meeting_requests_deadline_move`` says what an earlier or a later one does to them).
    """
    from keruen.meetings.meeting_requests import meeting_requests_deadline_move

    if request_quota is not None and request_quota < 1:
        raise ValidationFailed(
            gettext("The quota must be at least 1 (or empty)."), field="request_quota"
        )
    _check_request_deadline(event, request_deadline)
    # The row held until the requests have moved: a request sent or answered meanwhile
    # waits, and then reads the new deadline (``meeting_requests_hold_deadline``).
    list(Event.objects.select_for_update().filter(pk=event.pk).values("pk"))
    event.request_deadline = request_deadline
    event.request_quota = request_quota
    event.save(update_fields=["request_deadline", "request_quota", "updated_at"])
    meeting_requests_deadline_move(event=event, now=now)
    return event


def request_rule_set(
    *, event: Event, requester_role: str, target_role: str, allowed: bool
) -> RequestRule:
    """Create or change the rule for one (requester role, target role) pair ("" = any)."""
    from keruen.people.models import Participant

    for field, role in (("requester_role", requester_role), ("target_role", target_role)):
        if role and role not in Participant.Role.values:
            raise ValidationFailed(gettext("Unknown role %(role)s.") % {"role": role}, field=field)
    rule, _ = RequestRule.objects.update_or_create(
        event=event,
        requester_role=requester_role,
        target_role=target_role,
        defaults={"allowed": allowed},
    )
    return rule


def request_rule_allows(*, event: Event, requester_role: str, target_role: str) -> bool:
    """Whether the event's networking rules let ``requester_role`` request ``target_role``.

    The most specific matching rule decides; with no matching rule, requests are allowed.
    """
    return request_rules(event=event)(requester_role, target_role)


def request_rules(*, event: Event) -> Callable[[str, str], bool]:
    """The event's networking rules read once, as ``allows(requester_role, target_role)``
    (for deciding many pairs, such as a delegate's suggestions)."""
    rows = list(
        RequestRule.objects.filter(event=event).values_list(
            "requester_role", "target_role", "allowed"
        )
    )

    def allows(requester_role: str, target_role: str) -> bool:
        matching = [
            (bool(sender), bool(recipient), allowed)
            for sender, recipient, allowed in rows
            if sender in (requester_role, "") and recipient in (target_role, "")
        ]
        # The most specific matching rule: both roles named, then one, then none.
        best = max(matching, key=lambda row: (row[0], row[1]), default=None)
        return True if best is None else best[2]

    return allows


def texts_merged(old: dict[str, str], new: Any) -> Any:
    """:func:`translations_merge`, leaving anything but texts per language to the validators."""
    if not isinstance(new, dict) or not all(isinstance(text, str) for text in new.values()):
        return new
    return translations_merge(old, new)


def translations_merge(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """``old`` with the languages of ``new`` replaced; a blank text removes its language."""
    merged = dict(old or {})
    for language, text in new.items():
        if text.strip():
            merged[language] = text.strip()
        else:
            merged.pop(language, None)
    return merged
