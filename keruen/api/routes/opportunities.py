"""Offers and requests: the public list, and a delegate's own (create, submit for review)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext
from ninja import Query, Router, Status

from keruen.api.auth import acting_as, approved_delegate, token_auth
from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import opportunity_out
from keruen.api.routes import with_errors
from keruen.api.schemas import Id, OpportunityIn, OpportunityOut, OpportunityQuery
from keruen.common.errors import NotFound
from keruen.events.selectors import event_get_public
from keruen.marketplace.selectors import OpportunityFilters, opportunity_list_public
from keruen.marketplace.services import opportunity_create, opportunity_submit
from keruen.portal.selectors import my_opportunities, my_opportunity_get

router = Router(tags=["opportunities"])

OpportunityPage = page_schema(OpportunityOut, "OpportunityPage")
PRIVATE_ERRORS = (401, 403, 404, 422)


@router.get(
    "/events/{slug}/opportunities",
    response=with_errors({200: OpportunityPage}, 404, 422),
    auth=None,
)
def opportunity_list(
    request: HttpRequest, slug: str, filters: Query[OpportunityQuery], page: Query[PageParams]
) -> dict[str, Any]:
    """Published offers and requests, the newest first."""
    event = event_get_public(slug=slug)
    opportunities = opportunity_list_public(
        event=event,
        filters=OpportunityFilters(
            q=(filters.q or "").strip(),
            direction=filters.direction or "",
            kind=filters.kind or "",
            sector=filters.sector or "",
            language=filters.language or "",
            hs=filters.hs or "",
            country=filters.country or "",
        ),
    )
    return paginate(opportunities, page, opportunity_out)


@router.get(
    "/events/{slug}/opportunities/mine",
    response=with_errors({200: OpportunityPage}, *PRIVATE_ERRORS),
    auth=token_auth,
)
def opportunity_list_mine(
    request: HttpRequest, slug: str, page: Query[PageParams]
) -> dict[str, Any]:
    """Your organisation's offers and requests, whatever their status."""
    me = approved_delegate(request, slug)
    opportunities = my_opportunities(participant=me).select_related("organisation")
    return paginate(opportunities, page, opportunity_out)


@router.get(
    "/events/{slug}/opportunities/{opportunity_id}",
    response=with_errors({200: OpportunityOut}, 404, 422),
    auth=None,
)
def opportunity_detail(request: HttpRequest, slug: str, opportunity_id: Id) -> dict[str, Any]:
    """One published offer or request."""
    event = event_get_public(slug=slug)
    opportunity = opportunity_list_public(event=event).filter(pk=opportunity_id).first()
    if opportunity is None:
        raise NotFound(gettext("No such offer or request in this event."))
    return opportunity_out(opportunity)


@router.post(
    "/events/{slug}/opportunities",
    response=with_errors({201: OpportunityOut}, *PRIVATE_ERRORS),
    auth=token_auth,
)
def opportunity_create_route(
    request: HttpRequest, slug: str, payload: OpportunityIn
) -> Status[dict[str, Any]]:
    """Write an offer or request for your organisation; it starts as a draft."""
    me = approved_delegate(request, slug)
    with acting_as(request):
        opportunity = opportunity_create(organisation=me.organisation, author=me, **payload.dict())
    return Status(201, opportunity_out(opportunity))


@router.post(
    "/events/{slug}/opportunities/{opportunity_id}/submit",
    response=with_errors({200: OpportunityOut}, *PRIVATE_ERRORS),
    auth=token_auth,
)
def opportunity_submit_route(request: HttpRequest, slug: str, opportunity_id: Id) -> dict[str, Any]:
    """Send your organisation's draft (or rejected) offer or request to the organisers."""
    me = approved_delegate(request, slug)
    opportunity = my_opportunity_get(participant=me, pk=opportunity_id)
    with acting_as(request):
        opportunity = opportunity_submit(opportunity=opportunity)
    opportunity.organisation = me.organisation
    return opportunity_out(opportunity)
