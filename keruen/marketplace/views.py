"""The public list of published offers and requests."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from keruen import reference
from keruen.common.i18n import ui_language
from keruen.events.selectors import event_get_public
from keruen.marketplace import selectors


def opportunity_list(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = event_get_public(slug=event_slug)
    filters = selectors.OpportunityFilters.from_query(request.GET)
    opportunities = selectors.opportunity_list_public(event=event, filters=filters)
    language = ui_language()
    return render(
        request,
        "marketplace/opportunity_list.html",
        {
            "event": event,
            "page": Paginator(opportunities, 25).get_page(request.GET.get("page")),
            "filters": filters,
            "sectors": reference.sector_choices(language),
        },
    )
