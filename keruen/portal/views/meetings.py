"""Meeting requests, meetings and other delegates' pages."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
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
        # Oneself, a colleague, a member of one's delegation, requests closed, a delegate who
        # declined or was asked too often: no form to fill in for nothing.
        meeting_services.meeting_request_pair_check(
            event=event, requester=participant, target=target
        )
        meeting_services.meeting_requests_check_open(event=event)
        meeting_services.meeting_request_repeat_check(
            event=event, requester=participant, target=target
        )
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("portal-delegate", event.slug, target.pk)
    # A request already waiting, either way, is said before a message is written, not
    # refused after.
    pending, received = selectors.pending_requests_between(participant=participant, other=target)
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
            # A request between the two sent since the page was opened: the service refused
            # a second one (the pair's lock and the pending-request constraint); its words
            # do not say whose it is, so the page shows that request instead. Read here, not
            # taken from PendingRequestExists: the service may refuse for another reason
            # first, such as the quota that her own request sent meanwhile used up.
            pending, received = selectors.pending_requests_between(
                participant=participant, other=target
            )
            if pending is not None or received is not None:
                return _render_sent_meanwhile(request, event, target, form, pending, received)
            forms.apply_error(form, error)
        else:
            messages.success(request, _("Your request is sent."))
            return redirect("portal-request-list", event.slug)
    # Withdrawn requests count too: the delegate is told before using up the last one.
    sent_before = selectors.requests_sent_to_count(participant=participant, other=target)
    return _render(
        request,
        "request_form.html",
        event,
        form=form,
        target=target,
        last_request=sent_before == meeting_services.REQUESTS_PER_PAIR - 1,
    )


def _render_sent_meanwhile(
    request: HttpRequest,
    event: Event,
    target: Participant,
    form: forms.MeetingRequestForm,
    pending: int | None,
    received: int | None,
) -> HttpResponse:
    """The form was refused because a request between the two was sent after the page was
    opened (by the other side, or by the delegate in another window): the page says so and
    shows that request, as it would have on opening, with the message that was not sent."""
    return _render(
        request,
        "request_form.html",
        event,
        target=target,
        pending=pending,
        received=received,
        sent_meanwhile=True,
        unsent_message=form.cleaned_data["message"].strip(),
    )


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
        # The agenda lists scheduled meetings only: until the organisers' next release the
        # meeting is under "Meetings", with no time yet.
        messages.success(
            request,
            _(
                "Accepted: the meeting is listed under Meetings; it gets its time and table "
                "when the organisers publish the schedule."
            ),
        )
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


@participant_required
def request_cancel(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    """Withdraw a sent request, once confirmed: a withdrawn request still counts towards the
    requests one may send to that delegate, so the page says how many remain."""
    meeting_request = selectors.my_request_get(participant=participant, pk=pk)
    if request.method != "POST":
        waiting = (
            meeting_services.meeting_request_status(request=meeting_request)
            == MeetingRequest.Status.PENDING
        )
        if meeting_request.requester_id != participant.pk or not waiting:
            return redirect("portal-request-list", event.slug)  # the list shows what became of it
        sent = selectors.requests_sent_to_count(
            participant=participant, other=meeting_request.target
        )
        return _render(
            request,
            "request_cancel.html",
            event,
            meeting_request=meeting_request,
            requests_left=max(meeting_services.REQUESTS_PER_PAIR - sent, 0),
        )
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
    pending, received = selectors.pending_requests_between(participant=participant, other=other)
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
        request_refused=_repeat_refusal(event, participant, other),
    )


def _repeat_refusal(event: Event, participant: Participant, other: Participant) -> str:
    """Why ``participant`` may send ``other`` no more requests (they declined, or the
    per-delegate limit is used up), or "": the page says so instead of offering a button
    that would be refused."""
    if other.pk == participant.pk:
        return ""
    try:
        meeting_services.meeting_request_repeat_check(
            event=event, requester=participant, target=other
        )
    except KeruenError as error:
        return error.message
    return ""
