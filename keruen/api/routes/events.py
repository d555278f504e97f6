"""Public reads: events."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import event_out
from keruen.api.routes import with_errors
from keruen.api.schemas import EventDetailOut, EventOut
from keruen.events.models import Event
from keruen.events.selectors import event_figures, event_get_public

router = Router(tags=["events"])

EventPage = page_schema(EventOut, "EventPage")


@router.get("/events", response=with_errors({200: EventPage}, 422), auth=None)
def event_list(request: HttpRequest, page: Query[PageParams]) -> dict[str, Any]:
    """Public events, the latest first."""
    events = (
        Event.objects.filter(is_public=True).select_related("venue").order_by("-start_date", "id")
    )
    return paginate(events, page, event_out)


@router.get("/events/{slug}", response=with_errors({200: EventDetailOut}, 404), auth=None)
def event_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One public event with its key figures."""
    from keruen.common.i18n import localize

    event = event_get_public(slug=slug)
    figures = event_figures(event=event)
    return {
        **event_out(event),
        "description": localize(event.description),
        "request_deadline": event.request_deadline,
        "figures": figures.__dict__,
    }
