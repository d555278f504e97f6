"""Public event pages: the event's home and its programme."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from keruen.events import selectors


def home(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list_public()
    if len(events) == 1:
        return redirect("event-home", event_slug=events[0].slug)
    return render(request, "events/home.html", {"events": events})


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
