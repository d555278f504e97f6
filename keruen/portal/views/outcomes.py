"""What became of a delegate's meetings: held or no-show, and the agreements they led to."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from keruen.agreements.forms import AgreementForm
from keruen.agreements.rules import check_meeting_has_taken_place
from keruen.agreements.services import agreement_record_for_meeting
from keruen.common.errors import KeruenError
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.meetings.models import Meeting
from keruen.meetings.outcomes import meeting_outcome_record
from keruen.people.models import Participant
from keruen.portal import forms, selectors
from keruen.portal.views.common import render_page as _render

OUTCOME_MESSAGES = {
    Meeting.Status.HELD: gettext_lazy("Recorded: the meeting was held."),
    Meeting.Status.NO_SHOW: gettext_lazy("Recorded: the other side did not come."),
}


@require_POST
@participant_required
def meeting_outcome(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    meeting = selectors.my_meeting_get(participant=participant, pk=pk)
    outcome = request.POST.get("outcome", "")
    try:
        meeting_outcome_record(meeting=meeting, outcome=outcome, by=participant)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(OUTCOME_MESSAGES[Meeting.Status(outcome)]))
    return redirect("portal-meeting-list", event.slug)


@participant_required
def agreement_create(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    meeting = selectors.my_meeting_get(participant=participant, pk=pk)
    try:
        # A meeting still to come (or cancelled, or missed) is refused before the form is
        # filled in for nothing; the service checks again, under the meeting's lock.
        check_meeting_has_taken_place(
            meeting, status=meeting.status, now=timezone.now(), field="meeting"
        )
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("portal-meeting-list", event.slug)
    other = meeting.partner_of(participant.pk)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_record_for_meeting(
                meeting=meeting,
                by=participant,
                **form.agreement_fields(),
            )
        except KeruenError as error:
            forms.apply_error(form, error)
        else:
            messages.success(request, _("The agreement is recorded."))
            return redirect("portal-meeting-list", event.slug)
    return _render(request, "agreement_form.html", event, form=form, meeting=meeting, other=other)
