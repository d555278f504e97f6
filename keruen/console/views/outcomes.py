"""Check-in at the tables: the organisers record which meetings were held."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.events.models import Event
from keruen.meetings.models import Meeting
from keruen.meetings.outcomes import meeting_outcome_record
from keruen.meetings.scheduler import meeting_describe


@require_POST
@organiser_required
def meeting_outcome(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Record held or no-show for a meeting of the event, then back to the table plans."""
    meeting = get_for_event(Meeting, event=event, pk=pk)
    try:
        meeting_outcome_record(meeting=meeting, outcome=request.POST.get("outcome", ""), by=None)
    except KeruenError as error:
        messages.error(request, error.message)
    else:
        held = meeting.status == Meeting.Status.HELD
        text = _("%(meeting)s: held.") if held else _("%(meeting)s: the other side did not come.")
        messages.success(request, text % {"meeting": meeting_describe(meeting=meeting)})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("console-table-plans", event.slug)
