"""Who may do what at an event: organisers, approved delegates, visitors."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from keruen.common.errors import PermissionDenied
from keruen.events.models import Event
from keruen.events.selectors import event_get_public


def is_organiser(user: Any, event: Event) -> bool:
    """Staff, or a participant of this event with the organiser role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    known: dict[int, bool] = getattr(user, ORGANISES_MEMO, {})
    if event.pk in known:
        return known[event.pk]
    from keruen.people.models import Participant

    found = Participant.objects.filter(
        event=event, user=user, role=Participant.Role.ORGANISER, status="approved"
    ).exists()
    _remember_organiser(user, event, found)
    return found


# What a request already learnt about its user (the page header asks again), kept on the
# user object, which the authentication middleware creates for each request.
ORGANISES_MEMO = "_keruen_organises"


def _remember_organiser(user: Any, event: Event, organises: bool) -> None:
    known: dict[int, bool] = getattr(user, ORGANISES_MEMO, {})
    setattr(user, ORGANISES_MEMO, {**known, event.pk: organises})


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

        # One query on the way in; the event alone is read only to tell 404 from 403.
        participant = (
            Participant.objects.filter(
                event__slug=event_slug,
                event__is_public=True,
                user=request.user,
                status="approved",
            )
            .select_related("organisation", "event__venue")
            .first()
        )
        if participant is None:
            here = event_get_public(slug=event_slug)  # raises NotFound for an unknown event
            own = _own_edition_elsewhere(request.user, here)
            if own is not None:
                return _not_at_this_edition(request, here, own)
            raise PermissionDenied(gettext("You are not an approved delegate of this event."))
        event = participant.event
        _remember_organiser(request.user, event, participant.role == Participant.Role.ORGANISER)
        return view(request, event=event, participant=participant, **kwargs)

    return wrapper


def _own_edition_elsewhere(user: Any, event: Event) -> Event | None:
    """The latest public edition the user is an approved delegate of, if they never
    registered at ``event``: a delegate of 2027 opening 2026's link (an old e-mail, a
    bookmark) is shown the way to their own portal. Anyone registered here, whatever the
    status, is told about this registration instead."""
    from keruen.people.models import Participant

    if Participant.objects.filter(event=event, user=user).exists():
        return None
    elsewhere = (
        Participant.objects.filter(user=user, status="approved", event__is_public=True)
        .exclude(event=event)
        .select_related("event")
        .order_by("-event__start_date", "-event_id")
        .first()
    )
    return elsewhere.event if elsewhere is not None else None


def _not_at_this_edition(request: HttpRequest, event: Event, own: Event) -> HttpResponse:
    """The refusal, as the domain errors are shown (error.html), with a link on."""
    from keruen.common.i18n import localize

    message = format_html(
        '{} <a href="{}">{}</a>',
        gettext("You did not take part in %(event)s as a delegate.")
        % {"event": localize(event.name)},
        reverse("portal-home", args=[own.slug]),
        gettext("Go to your portal at %(event)s") % {"event": localize(own.name)},
    )
    status = PermissionDenied.http_status
    return render(request, "error.html", {"message": message, "status": status}, status=status)


def organiser_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """View decorator: only organisers of the URL's event. Calls ``view(request, event=...)``."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, event_slug: str, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from keruen.events.selectors import event_get

        event = event_get(slug=event_slug)
        if not is_organiser(request.user, event):
            raise PermissionDenied(gettext("Only the organisers of this event can open this page."))
        return view(request, event=event, **kwargs)

    return wrapper
