"""Withdrawing a delegate who cannot come, for organisers' systems (a CRM, a visa desk).

The same service as the console's button: the delegate's accepted meetings whose time has
not come and their pending requests are cancelled in one transaction, and the partners of
those meetings are e-mailed once it commits. After the event only the status changes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.schema import Field

from keruen.api.auth import acting_as, organiser_event, token_auth
from keruen.api.routes import with_errors
from keruen.api.schemas import Id, Text
from keruen.common.tenancy import get_for_event
from keruen.meetings.notifications import withdrawal_links
from keruen.meetings.withdrawal import REASON_MAX, participant_withdraw_and_notify
from keruen.people.models import Participant

router = Router(tags=["participants"], auth=token_auth)


class WithdrawIn(Schema):
    reason: Text = Field(
        default="",
        max_length=REASON_MAX,
        description="For the organisers only; never shown to partners.",
    )


class WithdrawOut(Schema):
    participant_id: int
    status: str
    meetings_cancelled: list[int] = Field(
        description="Ids of the accepted meetings cancelled: those whose time had not come."
    )
    requests_cancelled: int = Field(description="Pending requests cancelled, sent and received.")
    emails_failed: bool = Field(
        description="The mail server refused the e-mails to the partners: the withdrawal "
        "stands, tell them another way."
    )


@router.post(
    "/events/{slug}/participants/{participant_id}/withdraw",
    response=with_errors({200: WithdrawOut}, 401, 403, 404, 409, 422),
)
def withdraw(
    request: HttpRequest, slug: str, participant_id: Id, payload: WithdrawIn | None = None
) -> dict[str, Any]:
    """Withdraw an approved delegate (organisers only); 409 if they are not approved.

    Meetings whose published time has come are kept (for their outcome); after the event,
    nothing is cancelled and nobody is e-mailed."""
    event = organiser_event(request, slug)
    participant = get_for_event(Participant, event=event, pk=participant_id)
    with acting_as(request):
        done = participant_withdraw_and_notify(
            participant=participant,
            reason=payload.reason if payload else "",
            links=withdrawal_links(request, event),
        )
    return {
        "participant_id": participant.pk,
        "status": participant.status,
        "meetings_cancelled": [m.pk for m in done.meetings],
        "requests_cancelled": done.requests,
        "emails_failed": done.mail.failed,
    }
