"""Public reads: the catalogue of organisations (never contact details)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import opportunity_out, organisation_out, person_out
from keruen.api.routes import with_errors
from keruen.api.schemas import Id, OrganisationDetailOut, OrganisationOut, OrganisationQuery
from keruen.events.selectors import event_get_public
from keruen.people.selectors import (
    OrganisationFilters,
    organisation_get_public,
    organisation_list_public,
    organisation_opportunities_public,
)

router = Router(tags=["organisations"])

OrganisationPage = page_schema(OrganisationOut, "OrganisationPage")


@router.get(
    "/events/{slug}/organisations",
    response=with_errors({200: OrganisationPage}, 404, 422),
    auth=None,
)
def organisation_list(
    request: HttpRequest, slug: str, filters: Query[OrganisationQuery], page: Query[PageParams]
) -> dict[str, Any]:
    """Organisations of the event, by name.

    Filter by country, sector, HS code, type, spoken language, delegation or a search text.
    """
    event = event_get_public(slug=slug)
    organisations = organisation_list_public(
        event=event,
        filters=OrganisationFilters(
            q=(filters.q or "").strip(),
            country=filters.country or "",
            sector=filters.sector or "",
            type=filters.type or "",
            exhibitors_only=filters.exhibitors,
            hs=filters.hs or "",
            language=filters.language or "",
            delegation=filters.delegation,
        ),
    )
    return paginate(organisations, page, organisation_out)


@router.get(
    "/events/{slug}/organisations/{organisation_id}",
    response=with_errors({200: OrganisationDetailOut}, 404, 422),
    auth=None,
)
def organisation_detail(request: HttpRequest, slug: str, organisation_id: Id) -> dict[str, Any]:
    """One organisation: its publicly listed delegates, booths and published opportunities."""
    event = event_get_public(slug=slug)
    organisation = organisation_get_public(event=event, pk=organisation_id)
    opportunities = list(organisation_opportunities_public(organisation=organisation))
    for opportunity in opportunities:
        opportunity.organisation = organisation  # already loaded: no query per row
    opportunities_out = [opportunity_out(opportunity) for opportunity in opportunities]
    for person in organisation.public_participants:  # type: ignore[attr-defined]
        person.organisation = organisation
    return {
        **organisation_out(organisation),
        "published_opportunities": len(opportunities_out),
        "participants": [person_out(p) for p in organisation.public_participants],  # type: ignore[attr-defined]
        "booths": [
            {"code": booth.code, "hall": booth.hall.code} for booth in organisation.booths.all()
        ],
        "opportunities": opportunities_out,
    }
