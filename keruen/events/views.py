"""Public event pages: the event's home, its programme and the exhibitor directory."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from keruen import reference
from keruen.common.i18n import ui_language
from keruen.events import selectors
from keruen.events.directory import DirectoryFilters, directory_halls, exhibitor_directory
from keruen.people.selectors import organisation_countries


def home(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list_public()
    if len(events) == 1:
        return redirect("event-home", event_slug=events[0].slug)
    return render(
        request, "events/home.html", {"events": events, "phases": selectors.events_by_phase(events)}
    )


def event_home(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = selectors.event_get_public(slug=event_slug)
    return render(
        request,
        "events/event_home.html",
        {"event": event, "figures": selectors.event_figures(event=event)},
    )


def programme(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = selectors.event_get_public(slug=event_slug)
    days = selectors.programme_by_day(event=event)
    return render(request, "events/programme.html", {"event": event, "days": days})


def exhibitors(request: HttpRequest, event_slug: str) -> HttpResponse:
    """Who exhibits at which booth, hall by hall, with search and filters; prints as a list."""
    event = selectors.event_get_public(slug=event_slug)
    filters = DirectoryFilters.from_query(request.GET)
    halls = exhibitor_directory(event=event, filters=filters)
    language = ui_language()
    return render(
        request,
        "events/exhibitors.html",
        {
            "event": event,
            "filters": filters,
            "halls": halls,
            "count": sum(len(listing.booths) for listing in halls),
            "hall_choices": directory_halls(event=event),
            "countries": organisation_countries(event=event, language=language),
            "sectors": reference.sector_choices(language),
        },
    )
