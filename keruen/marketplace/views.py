"""The public list of published offers and requests."""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from keruen import reference
from keruen.common.i18n import ui_language
from keruen.common.listing import lazy_page, listing_key
from keruen.events.selectors import event_get_public
from keruen.marketplace import selectors
from keruen.marketplace.models import Opportunity
from keruen.people.models import Organisation, Participant
from keruen.people.selectors import organisation_countries


def opportunity_list(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = event_get_public(slug=event_slug)
    filters = selectors.OpportunityFilters.from_query(request.GET)
    opportunities = selectors.opportunity_list_public(event=event, filters=filters)
    searched_with: list[Any] = []  # what a text search's result also depends on
    if filters.q:
        from keruen.matchmaking.search import search_stamp_sources

        searched_with = search_stamp_sources(event=event)
    language = ui_language()
    return render(
        request,
        "marketplace/opportunity_list.html",
        {
            "event": event,
            # Cached under the rows' stamp: no query runs on a hit (see common.listing).
            "page": lazy_page(opportunities, 25, request.GET.get("page")),
            "listing_key": listing_key(
                request,
                Opportunity.objects.filter(event=event),
                Organisation.objects.filter(event=event),
                # Who is public depends on the registrations' statuses (a withdrawal).
                Participant.objects.filter(event=event),
                *searched_with,
            ),
            "filters": filters,
            "sectors": functools.partial(reference.sector_choices, language),
            "hs_chapters": functools.partial(reference.hs_chapter_choices, language),
            "countries": functools.partial(organisation_countries, event=event, language=language),
            "kinds": Opportunity.Kind.choices,
        },
    )
