"""Who may do what at an event: organisers, approved delegates, visitors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from keruen.common.errors import PermissionDenied
from keruen.events.models import Event
from keruen.events.selectors import event_get_public


def is_organiser(user: Any, event: Event) -> bool:
    """Staff, or a participant of this event with the organiser role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    from keruen.people.models import Participant

    return Participant.objects.filter(
        event=event, user=user, role=Participant.Role.ORGANISER, status="approved"
    ).exists()


def participant_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: the logged-in user's approved participation at the URL's event.

    Calls ``view(request, event=..., participant=..., **kwargs)``. Anonymous visitors go to
    the log-in page; a user without an approved registration gets a 403.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, event_slug: str, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from keruen.people.models import Participant

        event = event_get_public(slug=event_slug)
        participant = (
            Participant.objects.filter(event=event, user=request.user, status="approved")
            .select_related("organisation", "event")
            .first()
        )
        if participant is None:
            raise PermissionDenied("You are not an approved delegate of this event.")
        return view(request, event=event, participant=participant, **kwargs)

    return wrapper


def organiser_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: only organisers of the URL's event. Calls ``view(request, event=...)``."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, event_slug: str, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from keruen.events.selectors import event_get

        event = event_get(slug=event_slug)
        if not is_organiser(request.user, event):
            raise PermissionDenied("Only the organisers of this event can open this page.")
        return view(request, event=event, **kwargs)

    return wrapper
