"""Log-in pages and the public catalogue of organisations."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.i18n import ui_language
from keruen.common.listing import lazy_page, listing_key
from keruen.events.selectors import event_get_public
from keruen.marketplace.models import Opportunity
from keruen.people import selectors
from keruen.people.auth import login_is_throttled
from keruen.people.models import Delegation, Organisation, Participant


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autofocus": True})
    )

    def clean(self) -> dict[str, object]:
        # Checked before the password, so a throttled attacker learns nothing from it.
        if login_is_throttled(self.request, self.cleaned_data.get("username") or ""):
            raise forms.ValidationError(
                _("Too many failed log-in attempts. Try again in a few minutes."),
                code="throttled",
            )
        return super().clean()


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "people/login.html"


class LogoutView(auth_views.LogoutView):
    pass


def organisation_list(request: HttpRequest, event_slug: str) -> HttpResponse:
    event = event_get_public(slug=event_slug)
    filters = selectors.OrganisationFilters.from_query(request.GET)
    organisations = selectors.organisation_list_public(
        event=event, filters=dataclasses.replace(filters, q="")
    )
    searched_with: list[Any] = []  # what a text search's result also depends on
    if filters.q:
        # Names and cities first (any language or script), then organisations whose offers
        # and requests are close in meaning, across languages.
        from keruen.matchmaking.search import organisation_queryset_search, search_stamp_sources

        organisations = organisation_queryset_search(organisations, event=event, query=filters.q)
        searched_with = search_stamp_sources(event=event)
    # The list section is cached under its rows' stamp, so the queryset (lazy) and the
    # paginator only run when the catalogue changed or this query was not seen yet.
    organisations = organisations.defer("description", "search_text")
    page = lazy_page(organisations, 30, request.GET.get("page"))
    language = ui_language()
    return render(
        request,
        "people/organisation_list.html",
        {
            "event": event,
            "page": page,
            "listing_key": listing_key(
                request,
                Organisation.objects.filter(event=event),
                Opportunity.objects.filter(event=event),
                # the language and delegation menus
                Participant.objects.filter(event=event),
                Delegation.objects.filter(event=event),
                *searched_with,
            ),
            "filters": filters,
            # Callables: evaluated only when the cached filter fragment is rendered anew.
            "countries": functools.partial(
                selectors.organisation_countries, event=event, language=language
            ),
            "sectors": functools.partial(reference.sector_choices, language),
            "hs_chapters": functools.partial(reference.hs_chapter_choices, language),
            "spoken_languages": functools.partial(
                selectors.organisation_languages, event=event, language=language
            ),
            "delegations": functools.partial(
                selectors.delegation_choices, event=event, language=language
            ),
            "types": selectors.organisation_type_choices(),
        },
    )


def organisation_detail(request: HttpRequest, event_slug: str, pk: int) -> HttpResponse:
    event = event_get_public(slug=event_slug)
    organisation = selectors.organisation_get_public(event=event, pk=pk)
    return render(
        request,
        "people/organisation_detail.html",
        {
            "event": event,
            "organisation": organisation,
            "opportunities": selectors.organisation_opportunities_public(organisation=organisation),
        },
    )
