"""Meeting requests, meetings and other delegates' pages."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.meetings import services as meeting_services
from keruen.meetings.models import MeetingRequest
from keruen.people.models import Participant
from keruen.portal import forms, selectors
from keruen.portal.notifications import notify_request_answered, notify_request_received
from keruen.portal.views.common import render_page as _render

# --- Meeting requests and meetings -------------------------------------------------------


@participant_required
def request_list(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    # Requests past the deadline are marked expired before they are shown.
    meeting_services.meeting_requests_expire(event=event)
    return _render(
        request,
        "request_list.html",
        event,
        participant=participant,
        received=selectors.requests_received(participant=participant),
        sent=selectors.requests_sent(participant=participant),
        decline_form=forms.DeclineForm(),
    )


@participant_required
def request_create(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    target = selectors.delegate_get(event=event, pk=request.GET.get("to"))
    try:
        # Oneself, a colleague, a member of one's delegation, requests closed: no form to fill
        # in for nothing.
        meeting_services.meeting_request_pair_check(
            event=event, requester=participant, target=target
        )
        meeting_services.meeting_requests_check_open(event=event)
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("portal-delegate", event.slug, target.pk)
    # A request already waiting, either way, is said before a message is written, not
    # refused after.
    pending, received = _pending_requests_between(event, participant, target)
    if (pending is not None or received is not None) and request.method != "POST":
        return _render(
            request, "request_form.html", event, target=target, pending=pending, received=received
        )
    form = forms.MeetingRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                meeting_request = meeting_services.meeting_request_create(
                    event=event,
                    requester=participant,
                    target=target,
                    message=form.cleaned_data["message"],
                )
                notify_request_received(meeting_request=meeting_request, http_request=request)
        except KeruenError as error:
            forms.apply_error(form, error)
        else:
            messages.success(request, _("Your request is sent."))
            return redirect("portal-request-list", event.slug)
    return _render(request, "request_form.html", event, form=form, target=target)


def _pending_requests_between(
    event: Event, participant: Participant, other: Participant
) -> tuple[int | None, int | None]:
    """Ids of the pending request ``participant`` sent to ``other`` and of the one
    ``other`` sent to them (None where there is none)."""
    rows = MeetingRequest.objects.filter(
        Q(requester=participant, target=other) | Q(requester=other, target=participant),
        event=event,
        status=MeetingRequest.Status.PENDING,
    ).values_list("pk", "requester_id")
    sent = received = None
    for pk, requester_id in rows:
        if requester_id == participant.pk:
            sent = pk
        else:
            received = pk
    return sent, received


@require_POST
@participant_required
def request_accept(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    meeting_request = selectors.my_request_get(participant=participant, pk=pk)
    try:
        with transaction.atomic():
            meeting_services.meeting_request_accept(request=meeting_request, by=participant)
            notify_request_answered(meeting_request=meeting_request, http_request=request)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Accepted: the meeting will appear in your agenda."))
    return redirect("portal-request-list", event.slug)


@participant_required
def request_decline(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    meeting_request = selectors.my_request_get(participant=participant, pk=pk)
    form = forms.DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                meeting_services.meeting_request_decline(
                    request=meeting_request, by=participant, reason=form.cleaned_data["reason"]
                )
                notify_request_answered(meeting_request=meeting_request, http_request=request)
        except KeruenError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Declined."))
        return redirect("portal-request-list", event.slug)
    return _render(
        request, "request_decline.html", event, form=form, meeting_request=meeting_request
    )


@require_POST
@participant_required
def request_cancel(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    meeting_request = selectors.my_request_get(participant=participant, pk=pk)
    try:
        meeting_services.meeting_request_cancel(request=meeting_request, by=participant)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("portal-request-list", event.slug)


@participant_required
def meeting_list(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    return _render(
        request,
        "meeting_list.html",
        event,
        meetings=selectors.my_meetings(participant=participant),
        agreements=selectors.my_agreements(participant=participant),
    )


@participant_required
def delegate_detail(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    """Another delegate as a delegate sees them: contact details only after an accepted meeting."""
    other = selectors.delegate_get(event=event, pk=pk)
    pending, received = _pending_requests_between(event, participant, other)
    return _render(
        request,
        "delegate.html",
        event,
        participant=participant,
        other=other,
        show_contact=selectors.contact_visible(viewer=participant, other=other),
        pending=pending,
        received=received,
        requests_closed=meeting_services.meeting_requests_closed_reason(event=event),
    )
