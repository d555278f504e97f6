"""Bearer-token authentication and the "who is asking, at which event" helpers of routes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from keruen.api.errors import NOT_A_DELEGATE, NOT_AN_ORGANISER, NOT_REGISTERED
from keruen.api.selectors import api_token_for_key
from keruen.api.services import api_token_touch
from keruen.common.addresses import client_ip
from keruen.common.audit import audit_context
from keruen.common.errors import NotFound, PermissionDenied
from keruen.common.permissions import is_organiser
from keruen.events.models import Event
from keruen.events.selectors import NO_SUCH_EVENT, event_get, event_get_public
from keruen.people.models import Participant, User


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a key made by `api_token_create`."""

    openapi_description = "An API token key made by `manage.py api_token_create`."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = api_token_for_key(key=token)
        if api_token is None:
            return None  # ninja answers 401 through our AuthenticationError handler
        api_token_touch(token=api_token)
        request.user = api_token.user
        return api_token.user


token_auth = ApiTokenAuth()


def _participation(request: HttpRequest, slug: str) -> tuple[Event, Participant | None]:
    event = event_get_public(slug=slug)
    participant = (
        Participant.objects.filter(event=event, user=getattr(request, "auth", None))
        .select_related("event", "organisation", "delegation")
        .first()
    )
    return event, participant


def registered_participant(request: HttpRequest, slug: str) -> Participant:
    """The caller's own registration at the event, whatever its status (for /me)."""
    _, participant = _participation(request, slug)
    if participant is None:
        raise PermissionDenied(str(NOT_REGISTERED))
    return participant


def approved_delegate(request: HttpRequest, slug: str) -> Participant:
    """The caller's approved registration at the event, or 403."""
    _, participant = _participation(request, slug)
    if participant is None or participant.status != Participant.Status.APPROVED:
        raise PermissionDenied(str(NOT_A_DELEGATE))
    return participant


def organiser_event(request: HttpRequest, slug: str) -> Event:
    """The event, if the caller organises it (or is staff), or 403."""
    event = event_get(slug=slug)
    if not is_organiser(getattr(request, "auth", None), event):
        if not event.is_public:
            # The answer to an unknown slug: a private event is not shown to others.
            raise NotFound(str(NO_SUCH_EVENT))
        raise PermissionDenied(str(NOT_AN_ORGANISER))
    return event


@contextlib.contextmanager
def acting_as(request: HttpRequest) -> Iterator[None]:
    """Record the writes of a token-authenticated call as done by the token's user.

    The audit middleware runs before authentication and so only knows an anonymous caller.
    """
    actor: Any = getattr(request, "auth", None)
    with audit_context(actor, source="api", ip_address=client_ip(request)):
        yield
