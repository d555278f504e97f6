"""Reads about events: public listing, figures, programme, what blocks a deletion, when
meeting places, slots and programme sessions changed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.validators import slug_re
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from keruen.common.errors import NotFound
from keruen.events.models import (
    Booth,
    Event,
    Hall,
    MeetingTable,
    PlaceChange,
    ProgrammeSession,
    ProgrammeSessionChange,
    Slot,
    SlotChange,
)


def event_list_public() -> list[Event]:
    return list(Event.objects.filter(is_public=True).select_related("venue"))


def events_by_phase(events: list[Event], *, now: dt.datetime | None = None) -> EventPhases:
    """Coming and running events, soonest first; then those held, latest first. An event is
    held once its last day has ended on its own clock."""
    now = now or timezone.now()
    held = [e for e in events if e.is_over(now=now)]
    ahead = [e for e in events if e not in held]
    return EventPhases(
        ahead=sorted(ahead, key=lambda e: (e.start_date, e.pk)),
        held=sorted(held, key=lambda e: (e.start_date, e.pk), reverse=True),
    )


@dataclass(frozen=True)
class EventPhases:
    ahead: list[Event]
    held: list[Event]


# One message for an unknown slug and a private event: a caller must not learn which
# private events exist by trying slugs.
NO_SUCH_EVENT = gettext_lazy("No such event.")


def _event_query(slug: str) -> QuerySet[Event]:
    """Events with this slug; none at all for a text that cannot be a slug.

    URLs of the pages only match slugs, but an API path takes any text: a NUL byte, which
    PostgreSQL refuses in a query (a 500), or a word in another script.
    """
    slug_field = Event._meta.get_field("slug")
    if len(slug) > (slug_field.max_length or 0) or not slug_re.match(slug):
        return Event.objects.none()
    return Event.objects.filter(slug=slug)


def event_get_public(*, slug: str) -> Event:
    """A public event by its slug, or NotFound."""
    event = _event_query(slug).filter(is_public=True).select_related("venue").first()
    if event is None:
        raise NotFound(str(NO_SUCH_EVENT))
    return event


def event_get(*, slug: str) -> Event:
    """An event by its slug, public or not (for its organisers), or NotFound: the same as
    for a private event, so that the answer tells nothing about private slugs."""
    event = _event_query(slug).select_related("venue").first()
    if event is None:
        raise NotFound(str(NO_SUCH_EVENT))
    return event


@dataclass(frozen=True)
class EventFigures:
    organisations: int
    countries: int
    participants: int
    exhibitors: int
    offers: int
    requests: int
    meetings: int
    agreements_signed: int
    sessions: int
    held: bool = False  # the event is over: ``meetings`` counts those that took place


def event_figures(*, event: Event) -> EventFigures:
    from keruen.agreements.models import Agreement
    from keruen.marketplace.models import Opportunity
    from keruen.meetings.models import Meeting
    from keruen.people.models import Participant
    from keruen.people.selectors import public_organisations

    organisations = public_organisations(event=event)
    held = event.is_over()
    # As the public list shows them: none of an organisation the catalogue hides.
    published = Opportunity.objects.filter(
        event=event, status=Opportunity.Status.PUBLISHED, organisation__in=organisations
    )
    by_direction = dict(published.values_list("direction").annotate(n=Count("id")))
    return EventFigures(
        organisations=organisations.count(),
        countries=organisations.values("country").distinct().count(),
        # The secretariat's staff register as organisers: they are not delegates.
        participants=Participant.objects.filter(event=event, status=Participant.Status.APPROVED)
        .exclude(role=Participant.Role.ORGANISER)
        .count(),
        exhibitors=organisations.filter(is_exhibitor=True).count(),
        offers=by_direction.get(Opportunity.Direction.OFFER, 0),
        requests=by_direction.get(Opportunity.Direction.REQUEST, 0),
        meetings=(
            Meeting.objects.filter(event=event, status=Meeting.Status.HELD)
            if held
            else Meeting.objects.filter(event=event).exclude(status=Meeting.Status.CANCELLED)
        ).count(),
        agreements_signed=Agreement.objects.filter(
            event=event, status=Agreement.Status.SIGNED
        ).count(),
        sessions=ProgrammeSession.objects.filter(event=event).count(),
        held=held,
    )


def programme_sessions(*, event: Event) -> QuerySet[ProgrammeSession]:
    """The programme as delegates and the public read it: a speaker who withdrew (or whose
    registration was rejected) is not announced."""
    from keruen.people.models import Participant

    speakers = Participant.objects.filter(status=Participant.Status.APPROVED).select_related(
        "organisation"
    )
    return (
        ProgrammeSession.objects.filter(event=event)
        .select_related("hall")
        .prefetch_related(Prefetch("speakers", queryset=speakers))
        .order_by("start", "id")
    )


def programme_by_day(*, event: Event) -> list[tuple[dt.date, list[ProgrammeSession]]]:
    """Sessions grouped by their date on the event's clock."""
    grouped: dict[dt.date, list[ProgrammeSession]] = defaultdict(list)
    for session in programme_sessions(event=event):
        grouped[session.start.astimezone(event.tz).date()].append(session)
    return sorted(grouped.items())


def slot_list(*, event: Event) -> QuerySet[Slot]:
    return Slot.objects.filter(event=event).order_by("number")


def _meeting_list(entries: list[Any], limit: int = 5) -> str:
    """'#12 A & B (draft, v1); #15 C & D (v1) and 3 more' for the entries' meetings."""
    versions: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for entry in entries:
        meeting = entry.meeting
        names[meeting.pk] = f"#{meeting.pk} {meeting.participant_a} & {meeting.participant_b}"
        label = entry.schedule.version or gettext("draft")
        if label not in versions[meeting.pk]:
            versions[meeting.pk].append(label)
    shown = [f"{names[pk]} ({', '.join(versions[pk])})" for pk in list(names)[:limit]]
    text = "; ".join(shown)
    if len(names) > limit:
        text += " " + gettext("and %(n)d more") % {"n": len(names) - limit}
    return text


def scheduled_meetings_at(*, event: Event | int, **where: Any) -> list[Any]:
    """Placements in the draft or any release of ``event`` matching ``where`` (booth=…)."""
    from keruen.meetings.models import ScheduledMeeting

    return list(
        ScheduledMeeting.objects.filter(schedule__event=event, **where)
        .select_related("schedule", "meeting__participant_a", "meeting__participant_b")
        # The draft (never published) first on every database: PostgreSQL sorts NULLs last.
        .order_by("meeting_id", F("schedule__published_at").asc(nulls_first=True), "schedule_id")
    )


def hall_delete_blocker(*, hall: Hall) -> str | None:
    """Why the hall cannot be deleted (its booths, scheduled meetings at its tables), or None."""
    booths = Booth.objects.filter(event=hall.event_id, hall=hall).values_list("code", flat=True)
    if booths:
        return gettext(
            "Hall %(hall)s still has the booths %(booths)s: delete them or move them to "
            "another hall first."
        ) % {"hall": hall.code, "booths": ", ".join(list(booths))}
    entries = scheduled_meetings_at(event=hall.event_id, table__hall=hall)
    if entries:
        return gettext(
            "Meetings of the schedule take place at tables of hall %(hall)s: %(meetings)s. "
            "Move them to other tables first."
        ) % {"hall": hall.code, "meetings": _meeting_list(entries)}
    return None


def booth_delete_blocker(*, booth: Booth) -> str | None:
    """Why the booth cannot be deleted (meetings scheduled at it), or None."""
    entries = scheduled_meetings_at(event=booth.event_id, booth=booth)
    if entries:
        return gettext(
            "Meetings of the schedule take place at booth %(booth)s: %(meetings)s. Move them first."
        ) % {"booth": booth.code, "meetings": _meeting_list(entries)}
    return None


def table_delete_blocker(*, table: MeetingTable) -> str | None:
    """Why the table cannot be deleted (meetings scheduled at it), or None."""
    entries = scheduled_meetings_at(event=table.event_id, table=table)
    if entries:
        return gettext(
            "Meetings of the schedule take place at table %(table)s: %(meetings)s. Move them "
            "first, or make the table inactive so that new schedules leave it out."
        ) % {"table": table, "meetings": _meeting_list(entries)}
    return None


def shown_change_times(
    *,
    event: Event,
    tables: Iterable[int],
    booths: Iterable[int],
    slots: Iterable[int],
    since: dt.datetime,
) -> dict[tuple[str, int], list[dt.datetime]]:
    """When what calendar entries show of each table, booth and slot changed since ``since``,
    oldest first, keyed ``("table", id)`` / ``("booth", id)`` / ``("slot", id)``
    (``PlaceChange``, ``SlotChange``). One query: the two histories as one ``UNION ALL``."""
    none = Value(None, output_field=BigIntegerField())
    places = (
        PlaceChange.objects.filter(event=event, changed_at__gte=since)
        .filter(Q(table_id__in=list(tables)) | Q(booth_id__in=list(booths)))
        .order_by()  # no ORDER BY inside a UNION
        .values_list("table_id", "booth_id", none, "changed_at")
    )
    retimed = (
        SlotChange.objects.filter(event=event, changed_at__gte=since, slot_id__in=list(slots))
        .order_by()
        .values_list(none, none, "slot_id", "changed_at")
    )
    times: dict[tuple[str, int], list[dt.datetime]] = defaultdict(list)
    for table_id, booth_id, slot_id, changed_at in places.union(retimed, all=True):
        if table_id is not None:
            key = ("table", table_id)
        else:
            key = ("booth", booth_id) if booth_id is not None else ("slot", slot_id)
        times[key].append(changed_at)
    for instants in times.values():
        instants.sort()
    return dict(times)


def programme_sessions_sequenced(
    *, sessions: QuerySet[ProgrammeSession]
) -> list[tuple[ProgrammeSession, int]]:
    """Each of ``sessions`` with the SEQUENCE of its calendar entry: how many times what the
    entry shows changed, its start, end, room or hall, or its hall's name
    (``ProgrammeSessionChange``, written by ``ProgrammeSession.save`` and, for the hall's
    renaming or deletion, by ``keruen.events.place_history``). One per change, back to an
    earlier time or place too, never down. Counted inside the query that reads the sessions,
    so a feed spends no query on it whatever the number of sessions."""
    changes = (
        ProgrammeSessionChange.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    counted = sessions.annotate(calendar_sequence=Coalesce(Subquery(changes), 0))
    return [(session, session.calendar_sequence) for session in counted]
