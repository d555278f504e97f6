"""Reads about events: public listing, figures, programme."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from keruen.common.errors import NotFound
from keruen.events.models import Event, ProgrammeSession, Slot


def event_list_public() -> list[Event]:
    return list(Event.objects.filter(is_public=True).select_related("venue"))


def event_get_public(*, slug: str) -> Event:
    event = Event.objects.filter(slug=slug, is_public=True).select_related("venue").first()
    if event is None:
        raise NotFound("No such event.")
    return event


def event_get(*, slug: str) -> Event:
    event = Event.objects.filter(slug=slug).select_related("venue").first()
    if event is None:
        raise NotFound(f"No event with the slug {slug!r}.")
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


def event_figures(*, event: Event) -> EventFigures:
    from keruen.agreements.models import Agreement
    from keruen.marketplace.models import Opportunity
    from keruen.meetings.models import Meeting
    from keruen.people.models import Organisation, Participant

    organisations = Organisation.objects.filter(event=event)
    published = Opportunity.objects.filter(event=event, status=Opportunity.Status.PUBLISHED)
    by_direction = dict(published.values_list("direction").annotate(n=Count("id")))
    return EventFigures(
        organisations=organisations.count(),
        countries=organisations.values("country").distinct().count(),
        participants=Participant.objects.filter(
            event=event, status=Participant.Status.APPROVED
        ).count(),
        exhibitors=organisations.filter(is_exhibitor=True).count(),
        offers=by_direction.get(Opportunity.Direction.OFFER, 0),
        requests=by_direction.get(Opportunity.Direction.REQUEST, 0),
        meetings=Meeting.objects.filter(event=event).exclude(status="cancelled").count(),
        agreements_signed=Agreement.objects.filter(
            event=event, status=Agreement.Status.SIGNED
        ).count(),
        sessions=ProgrammeSession.objects.filter(event=event).count(),
    )


def programme_sessions(*, event: Event) -> QuerySet[ProgrammeSession]:
    return (
        ProgrammeSession.objects.filter(event=event)
        .select_related("hall")
        .prefetch_related("speakers__organisation")
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
