"""The registration desk's scanner: check a delegate in by the code on their badge.

For organisers only (a token of an organiser of the event, or of staff). Scanning twice is
harmless: the answer says the delegate had already arrived, and when. A scanner may send the
code as printed or the whole address its QR code holds (``read_badge_code``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.schema import Field

from keruen.api.auth import acting_as, organiser_event, token_auth
from keruen.api.renderers import organisation_ref
from keruen.api.routes import with_errors
from keruen.api.schemas import OrganisationRefOut, Text
from keruen.people.arrivals import participant_by_badge_code, participant_check_in
from keruen.people.badge_codes import SCANNED_MAX

router = Router(tags=["check-in"], auth=token_auth)


class CheckInIn(Schema):
    badge_code: Text = Field(
        min_length=1,
        max_length=SCANNED_MAX,
        description="As printed (K7Q2-M9XD, any case, with or without the dash) or as the QR "
        "code holds it (https://<host>/<event>/b/<code>/, which must name this event).",
    )


class CheckInOut(Schema):
    participant_id: int
    name: str
    name_latin: str
    organisation: OrganisationRefOut
    checked_in_at: dt.datetime
    already: bool = Field(description="True if the delegate had already checked in.")


@router.post(
    "/events/{slug}/check-in", response=with_errors({200: CheckInOut}, 401, 403, 404, 409, 422)
)
def check_in(request: HttpRequest, slug: str, payload: CheckInIn) -> dict[str, Any]:
    """Check in the approved delegate wearing this badge (organisers only)."""
    event = organiser_event(request, slug)
    participant = participant_by_badge_code(event=event, code=payload.badge_code)
    with acting_as(request):
        first = participant_check_in(participant=participant)
    return {
        "participant_id": participant.pk,
        "name": participant.display_name,
        "name_latin": participant.name_latin,
        "organisation": organisation_ref(participant.organisation),
        "checked_in_at": participant.checked_in_at,
        "already": not first,
    }
