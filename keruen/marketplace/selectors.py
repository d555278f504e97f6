"""Reads about offers and requests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from keruen import reference
from keruen.common.params import text_param
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.people.selectors import (
    hs_code_filter,
    hs_filter_code,
    public_organisations,
    sector_filter,
)


@dataclass(frozen=True)
class OpportunityFilters:
    q: str = ""
    direction: str = ""
    kind: str = ""
    sector: str = ""
    language: str = ""
    hs: str = ""  # an HS chapter or heading
    country: str = ""  # of the organisation

    @classmethod
    def from_query(cls, query: Any) -> OpportunityFilters:
        direction = query.get("direction") or ""
        kind = query.get("kind") or ""
        sector = query.get("sector") or ""
        language = query.get("language") or ""
        country = (query.get("country") or "").upper()
        return cls(
            q=text_param(query.get("q")),
            direction=direction if direction in Opportunity.Direction.values else "",
            kind=kind if kind in Opportunity.Kind.values else "",
            sector=sector if reference.is_sector(sector) else "",
            language=language if language in {"en", "zh", "ru", "kk"} else "",
            hs=hs_filter_code(query.get("hs")),
            country=country if reference.is_country(country) else "",
        )


def opportunity_list_public(
    *, event: Event, filters: OpportunityFilters | None = None
) -> QuerySet[Opportunity]:
    filters = filters or OpportunityFilters()
    # Only organisations the public catalogue shows: one whose every delegate withdrew or
    # was turned down no longer offers anything here.
    opportunities = Opportunity.objects.filter(
        event=event,
        status=Opportunity.Status.PUBLISHED,
        organisation__in=public_organisations(event=event),
    )
    if filters.direction:
        opportunities = opportunities.filter(direction=filters.direction)
    if filters.kind:
        opportunities = opportunities.filter(kind=filters.kind)
    if filters.sector:
        opportunities = opportunities.filter(sector_filter("sectors", filters.sector))
    if filters.language:
        opportunities = opportunities.filter(language=filters.language)
    if filters.hs:
        opportunities = opportunities.filter(hs_code_filter("hs_codes", filters.hs))
    if filters.country:
        opportunities = opportunities.filter(organisation__country=filters.country)
    opportunities = opportunities.select_related("organisation")
    if filters.q:
        # Cross-lingual semantic search, with the substring match as fallback.
        from keruen.matchmaking.search import opportunity_queryset_search

        return opportunity_queryset_search(opportunities, event=event, query=filters.q)
    return opportunities.order_by("-created_at", "id")
