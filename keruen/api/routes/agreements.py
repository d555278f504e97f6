"""Agreements of the caller's organisation, and recording one that came out of a meeting.

As for meetings, every lookup starts from the caller's own registration: another delegate's
meeting, or another event's, is not found (404).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.schema import Field

from keruen.agreements.models import Agreement
from keruen.agreements.services import agreement_record_for_meeting
from keruen.api.auth import acting_as, approved_delegate, token_auth
from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import organisation_ref
from keruen.api.routes import with_errors
from keruen.api.schemas import Id, OrganisationRefOut, Text
from keruen.portal.selectors import my_agreements, my_meeting_get

router = Router(tags=["agreements"], auth=token_auth)

PRIVATE_ERRORS = (401, 403, 404, 422)
Kind = Literal["mou", "contract", "investment", "other"]


class AgreementOut(Schema):
    id: int
    kind: Kind
    title: dict[str, str]
    parties: list[OrganisationRefOut]
    sector: str
    value: Decimal | None
    currency: str
    status: Literal["negotiating", "signed", "cancelled"]
    signed_on: dt.date | None
    meeting_id: int | None


class AgreementIn(Schema):
    kind: Kind
    title: Text = Field(min_length=1, max_length=300, description="In any language.")
    sector: str = Field("", max_length=30, description="An expo sector key, e.g. energy.")
    value: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2)
    currency: str = Field("", max_length=3, description="ISO 4217, e.g. USD.")
    signed_on: dt.date | None = Field(None, description="Set when it is signed.")


AgreementPage = page_schema(AgreementOut, "AgreementPage")


def _agreement_out(agreement: Agreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "kind": agreement.kind,
        "title": agreement.title,
        "parties": [organisation_ref(party) for party in agreement.parties.all()],
        "sector": agreement.sector,
        "value": agreement.value,
        "currency": agreement.currency,
        "status": agreement.status,
        "signed_on": agreement.signed_on,
        "meeting_id": agreement.meeting_id,
    }


@router.get(
    "/events/{slug}/agreements", response=with_errors({200: AgreementPage}, *PRIVATE_ERRORS)
)
def agreement_list(request: HttpRequest, slug: str, page: Query[PageParams]) -> dict[str, Any]:
    """Agreements your organisation is a party to at this event, newest first."""
    me = approved_delegate(request, slug)
    return paginate(my_agreements(participant=me), page, _agreement_out)


@router.post(
    "/events/{slug}/meetings/{meeting_id}/agreements",
    response=with_errors({201: AgreementOut}, *PRIVATE_ERRORS, 409),
)
def agreement_create(
    request: HttpRequest, slug: str, meeting_id: Id, payload: AgreementIn
) -> Status[dict[str, Any]]:
    """Record an agreement that came out of one of your accepted or held meetings.

    The parties are the two delegates' organisations; the title is stored under the language
    it is written in. With `signed_on` it is signed, else under negotiation. A signed one
    needs the meeting in the published schedule (or recorded as held) and a date on its day
    or later (422 on `signed_on`). The same agreement (kind and title) recorded again for the
    meeting is a 409, unless it was under negotiation and `signed_on` is given now: it is
    then signed, and the answer carries its id.
    """
    me = approved_delegate(request, slug)
    meeting = my_meeting_get(participant=me, pk=meeting_id)
    with acting_as(request):
        agreement = agreement_record_for_meeting(
            meeting=meeting,
            by=me,
            kind=payload.kind,
            title=payload.title,
            value=payload.value,
            currency=payload.currency,
            signed_on=payload.signed_on,
            sector=payload.sector,
        )
    return Status(201, _agreement_out(agreement))
