"""The delegations at the event: their figures side by side, and each one's full page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from keruen.analytics.delegations import delegation_overview, delegation_report
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console.views.common import console_render
from keruen.events.models import Event
from keruen.people.models import Delegation


@organiser_required
def delegations(request: HttpRequest, event: Event) -> HttpResponse:
    """Members, arrivals, meetings and signed agreements of every delegation."""
    return console_render(
        request, "console/delegations.html", event=event, rows=delegation_overview(event=event)
    )


@organiser_required
def delegation_detail(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """The page the delegation's head sees, for the organisers (any delegation)."""
    delegation = get_for_event(Delegation, event=event, pk=pk)
    return console_render(
        request,
        "console/delegation.html",
        event=event,
        report=delegation_report(delegation=delegation),
        printed_at=timezone.now(),
    )
