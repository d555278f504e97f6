"""E-mails to delegates about their meeting requests, each in the recipient's language.

Sent once the database change is committed, so a rolled-back answer never mails anyone.
The portal's pages and the API send the same ones: the links in them are built from the
HTTP request that made the change, a page's or an API call's alike (the site serves both).
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from keruen.common.emails import send_localized
from keruen.meetings.models import MeetingRequest
from keruen.meetings.notifications import MAIL_ERRORS
from keruen.people.models import Invitation


def _absolute(request: Any, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


logger = logging.getLogger(__name__)


def _send_on_commit(*, recipient: Any, name: str, context: dict[str, Any]) -> None:
    def send() -> None:
        # The change is committed: a mail server that is down or refuses must not answer
        # the delegate (or an API client, who would send again) with an error for it.
        try:
            send_localized(recipients=[recipient], name=name, context=context)
        except MAIL_ERRORS:
            user = getattr(recipient, "pk", None)
            logger.exception("The %s e-mail to user %s was not sent.", name, user)

    transaction.on_commit(send)


def notify_request_received(*, meeting_request: MeetingRequest, http_request: HttpRequest) -> None:
    """Tell the invited delegate that a request arrived."""
    event = meeting_request.event
    link = _absolute(http_request, reverse("portal-request-list", args=[event.slug]))
    _send_on_commit(
        recipient=meeting_request.target.user,
        name="request_received",
        context={"meeting_request": meeting_request, "event": event, "link": link},
    )


def notify_request_answered(*, meeting_request: MeetingRequest, http_request: HttpRequest) -> None:
    """Tell the sender that their request was accepted or declined."""
    event = meeting_request.event
    name = (
        "request_accepted"
        if meeting_request.status == MeetingRequest.Status.ACCEPTED
        else "request_declined"
    )
    link = _absolute(http_request, reverse("portal-request-list", args=[event.slug]))
    _send_on_commit(
        recipient=meeting_request.requester.user,
        name=name,
        context={"meeting_request": meeting_request, "event": event, "link": link},
    )


def notify_invitation(*, invitation: Invitation, language: str, http_request: Any = None) -> None:
    """E-mail an invitation link (for the console). The invitee has no account yet, so the
    organiser picks the language of the message."""
    event = invitation.event
    link = _absolute(
        http_request, reverse("portal-invitation", args=[event.slug, invitation.token])
    )
    _send_on_commit(
        recipient=SimpleNamespace(email=invitation.email, language=language),
        name="invitation",
        context={"invitation": invitation, "event": event, "link": link},
    )
