"""The delegate's profile, their organisation's profile, offers and requests."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.marketplace import services as marketplace_services
from keruen.marketplace.models import Opportunity
from keruen.meetings import clashes
from keruen.people import profiles as people_profiles
from keruen.people import services as people_services
from keruen.people.models import Participant
from keruen.portal import forms, selectors
from keruen.portal.views.common import render_page as _render

# --- Profile -----------------------------------------------------------------------------


@participant_required
def profile_edit(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    # Datetimes typed into the form are on the event's clock.
    with timezone.override(event.tz):
        initial = forms.ParticipantProfileForm.initial_for(participant)
        form = forms.ParticipantProfileForm(
            request.POST or None, participant=participant, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            try:
                people_profiles.participant_update_profile(
                    participant=participant,
                    unavailable_slot_ids=form.cleaned_data["unavailable_slots"],
                    base=form.posted_base(),
                    **form.service_fields(),
                )
            except KeruenError as error:
                participant.refresh_from_db()
                forms.apply_error(form, error)
            else:
                messages.success(request, _("Your profile is saved."))
                _warn_of_meetings_ruled_out(request, participant)
                return redirect("portal-profile", event.slug)
        return _render(request, "profile.html", event, form=form, participant=participant)


# The organisers learn of it as of any change of a profile: from their activity log (the
# change is audited) and from the schedule page's checker, which lists each draft meeting at
# a time the delegate cannot meet; the delegate is asked to write to them.
def _warn_of_meetings_ruled_out(request: HttpRequest, participant: Participant) -> None:
    """A published meeting of the delegate in a slot they now mark unavailable, before their
    arrival or after their departure: the meeting stays (the partner counts on it) until the
    organisers move it; say so, once for each meeting."""
    event = participant.event
    for ruled_out in clashes.meetings_ruled_out(participant=participant):
        clash = ruled_out.clash
        if ruled_out.reason == clashes.UNAVAILABLE:
            warning = _(
                "You are now unavailable at %(time)s, where your meeting with %(name)s is in "
                "the published schedule: it stays there until the organisers move it. Write "
                "to them so that they do."
            ) % {"time": clash.time(event), "name": clash.other.name_with_latin}
        else:
            warning = _stay_warning(participant, ruled_out)
        messages.warning(request, warning)


def _stay_warning(participant: Participant, ruled_out: clashes.RuledOut) -> str:
    event = participant.event
    clash = ruled_out.clash
    words = {"time": clash.time(event), "name": clash.other.name_with_latin}
    if ruled_out.reason == clashes.BEFORE_ARRIVAL:
        assert participant.arrives_at is not None  # it starts before it
        words["arrival"] = _local_time(participant.arrives_at, event)
        return (
            _(
                "Your meeting with %(name)s at %(time)s in the published schedule starts before "
                "your arrival (%(arrival)s): it stays there until the organisers move it. Write "
                "to them so that they do."
            )
            % words
        )
    assert participant.departs_at is not None  # it ends after it
    words["departure"] = _local_time(participant.departs_at, event)
    return (
        _(
            "Your meeting with %(name)s at %(time)s in the published schedule ends after your "
            "departure (%(departure)s): it stays there until the organisers move it. Write to "
            "them so that they do."
        )
        % words
    )


def _local_time(moment: dt.datetime, event: Event) -> str:
    return date_format(moment.astimezone(event.tz), "SHORT_DATETIME_FORMAT")


@participant_required
def organisation_edit(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    organisation = participant.organisation
    form = forms.OrganisationForm(
        request.POST or None, initial=forms.OrganisationForm.initial_for(organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            people_services.organisation_update(
                organisation=organisation, base=form.posted_base(), **form.service_fields()
            )
        except KeruenError as error:
            organisation.refresh_from_db()
            forms.apply_error(form, error)
        else:
            messages.success(request, _("The organisation profile is saved."))
            return redirect("portal-organisation", event.slug)
    return _render(request, "organisation.html", event, form=form, organisation=organisation)


# --- Offers and requests -----------------------------------------------------------------


@participant_required
def offer_list(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    opportunities = selectors.my_opportunities(participant=participant)
    return _render(request, "offer_list.html", event, opportunities=opportunities)


@participant_required
def offer_create(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    form = forms.OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            marketplace_services.opportunity_create(
                organisation=participant.organisation, author=participant, **form.service_fields()
            )
        except KeruenError as error:
            forms.apply_error(form, error)
        else:
            messages.success(request, _("Saved as a draft. Submit it for review when it is ready."))
            return redirect("portal-offer-list", event.slug)
    return _render(request, "offer_form.html", event, form=form, opportunity=None)


@participant_required
def offer_edit(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    opportunity = selectors.my_opportunity_get(participant=participant, pk=pk)
    form = forms.OpportunityForm(
        request.POST or None, initial=forms.OpportunityForm.initial_for(opportunity)
    )
    if request.method == "POST" and form.is_valid():
        was_published = opportunity.status == Opportunity.Status.PUBLISHED
        try:
            marketplace_services.opportunity_update(
                opportunity=opportunity, base=form.posted_base(), **form.service_fields()
            )
        except KeruenError as error:
            opportunity.refresh_from_db()
            forms.apply_error(form, error)
        else:
            _say_saved(request, opportunity, was_published=was_published)
            return redirect("portal-offer-list", event.slug)
    return _render(request, "offer_form.html", event, form=form, opportunity=opportunity)


def _say_saved(
    request: HttpRequest, opportunity: Opportunity, *, was_published: bool = False
) -> None:
    # An unchanged save keeps a reviewed offer as it was: "saved as a draft" would be untrue.
    if opportunity.status == Opportunity.Status.DRAFT and was_published:
        # The change has to be reviewed: until then the offer is out of sight.
        messages.warning(
            request,
            _(
                "Saved as a draft: “%(title)s” is no longer in the catalogue or in the "
                "suggestions. Submit it for review to have it published again."
            )
            % {"title": opportunity.title},
        )
    elif opportunity.status == Opportunity.Status.DRAFT:
        messages.success(request, _("Saved as a draft. Submit it for review when it is ready."))
    else:
        status = opportunity.get_status_display()
        messages.info(request, _("Nothing changed: it stays “%(status)s”.") % {"status": status})


@require_POST
@participant_required
def offer_submit(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    opportunity = selectors.my_opportunity_get(participant=participant, pk=pk)
    try:
        marketplace_services.opportunity_submit(opportunity=opportunity)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Sent to the organisers for review."))
    return redirect("portal-offer-list", event.slug)
