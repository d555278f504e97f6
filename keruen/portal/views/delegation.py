"""The head of a delegation's page: members, their meetings by day, agreements; printable."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from keruen.analytics.delegations import delegation_headed_by, delegation_report
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.people.models import Participant
from keruen.portal.views.common import render_page


@participant_required
def delegation_page(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    delegation = delegation_headed_by(participant=participant)
    return render_page(
        request,
        "delegation.html",
        event,
        delegation=delegation,
        report=delegation_report(delegation=delegation),
        printed_at=timezone.now(),
    )
