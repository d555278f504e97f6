"""Approvals: pending registrations (in bulk) and pending offers and requests (published in
bulk, or published or rejected one at a time with a note to the author)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.permissions import organiser_required
from keruen.console.forms import (
    OpportunityBulkForm,
    OpportunityReviewForm,
    ParticipantBulkForm,
)
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.marketplace.services import opportunities_publish, opportunity_set_status
from keruen.people.models import Participant
from keruen.people.services import participant_set_status

LIST_LIMIT = 200  # the oldest first; the rest appear once these are handled


def _approvals_page(
    request: HttpRequest,
    event: Event,
    *,
    bulk_form: ParticipantBulkForm | None = None,
    review_form: OpportunityReviewForm | None = None,
    publish_form: OpportunityBulkForm | None = None,
    status: int = 200,
) -> HttpResponse:
    participants = (
        Participant.objects.filter(event=event, status=Participant.Status.PENDING)
        .select_related("user", "organisation", "delegation")
        .order_by("created_at", "id")
    )
    opportunities = (
        Opportunity.objects.filter(event=event, status=Opportunity.Status.PENDING)
        .select_related("organisation", "author")
        .order_by("created_at", "id")
    )
    return console_render(
        request,
        "console/approvals.html",
        event=event,
        status=status,
        participants=participants[:LIST_LIMIT],
        participants_total=participants.count(),
        opportunities=opportunities[:LIST_LIMIT],
        opportunities_total=opportunities.count(),
        bulk_form=bulk_form or ParticipantBulkForm(event=event),
        review_form=review_form,
        publish_form=publish_form,
        # Sent back with an error: what was ticked stays ticked (bar the ones reviewed since).
        ticked=publish_form.ticked() if publish_form is not None else set(),
    )


@organiser_required
def approvals(request: HttpRequest, event: Event) -> HttpResponse:
    return _approvals_page(request, event)


@require_POST
@organiser_required
def participants_bulk(request: HttpRequest, event: Event) -> HttpResponse:
    """Approve or reject the ticked registrations, all or none."""
    form = ParticipantBulkForm(request.POST, event=event)
    if not form.is_valid():
        return _approvals_page(request, event, bulk_form=form, status=422)
    status = (
        Participant.Status.APPROVED
        if form.cleaned_data["action"] == "approve"
        else Participant.Status.REJECTED
    )
    chosen = list(form.cleaned_data["participants"])
    try:
        with transaction.atomic():
            for participant in chosen:
                participant_set_status(participant=participant, status=status)
    except KeruenError as error:  # decided meanwhile by another organiser: none changed
        form_add_domain_error(form, error)
        return _approvals_page(request, event, bulk_form=form, status=409)
    messages.success(
        request,
        ngettext(
            "%(n)d registration set to %(status)s.",
            "%(n)d registrations set to %(status)s.",
            len(chosen),
        )
        % {"n": len(chosen), "status": Participant.Status(status).label},
    )
    return redirect("console-approvals", event.slug)


@require_POST
@organiser_required
def opportunity_review(request: HttpRequest, event: Event) -> HttpResponse:
    """Publish or reject one pending offer or request, with a note to its author."""
    form = OpportunityReviewForm(request.POST, event=event)
    if form.is_valid():
        opportunity = form.cleaned_data["opportunity"]
        status = (
            Opportunity.Status.PUBLISHED
            if form.cleaned_data["action"] == "publish"
            else Opportunity.Status.REJECTED
        )
        try:
            opportunity_set_status(
                opportunity=opportunity,
                status=status,
                note=form.cleaned_data["note"].strip(),
                expected=Opportunity.Status.PENDING,  # as the page showed it
                seen_at=form.cleaned_data["seen"],
            )
        except KeruenError as error:  # decided by someone else, or edited, meanwhile
            form.add_error(
                None,
                _("“%(title)s”: %(reason)s")
                % {"title": opportunity.title, "reason": error.message},
            )
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": opportunity.title, "status": Opportunity.Status(status).label},
            )
            return redirect("console-approvals", event.slug)
    return _approvals_page(request, event, review_form=form, status=422)


@require_POST
@organiser_required
def opportunities_publish_view(request: HttpRequest, event: Event) -> HttpResponse:
    """Publish the ticked offers and requests, all or none."""
    form = OpportunityBulkForm(request.POST, event=event)
    if not form.is_valid():
        return _approvals_page(request, event, publish_form=form, status=422)
    try:
        published = opportunities_publish(
            event=event, opportunities=form.cleaned_data["opportunities"]
        )
    except KeruenError as error:  # one reviewed or edited meanwhile: none published
        form_add_domain_error(form, error)
        if error.message not in form.non_field_errors():  # "nothing was published", first
            form.add_error(None, error.message)
        return _approvals_page(request, event, publish_form=form, status=409)
    messages.success(
        request,
        ngettext(
            "%(n)d offer or request published.",
            "%(n)d offers and requests published.",
            len(published),
        )
        % {"n": len(published)},
    )
    return redirect("console-approvals", event.slug)
