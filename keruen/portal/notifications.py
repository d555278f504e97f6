"""E-mails to delegates about their meeting requests, each in the recipient's language.

Sent once the database change is committed, so a rolled-back answer never mails anyone.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.urls import reverse

from keruen.common.emails import send_localized
from keruen.meetings.models import MeetingRequest
from keruen.people.models import Invitation


def _absolute(request: Any, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def _send_on_commit(*, recipient: Any, name: str, context: dict[str, Any]) -> None:
    transaction.on_commit(
        lambda: send_localized(recipients=[recipient], name=name, context=context)
    )


def notify_request_received(*, meeting_request: MeetingRequest, http_request: Any = None) -> None:
    """Tell the invited delegate that a request arrived."""
    event = meeting_request.event
    link = _absolute(http_request, reverse("portal-request-list", args=[event.slug]))
    _send_on_commit(
        recipient=meeting_request.target.user,
        name="request_received",
        context={"meeting_request": meeting_request, "event": event, "link": link},
    )


def notify_request_answered(*, meeting_request: MeetingRequest, http_request: Any = None) -> None:
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
