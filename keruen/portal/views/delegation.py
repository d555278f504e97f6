"""The head of a delegation's page: members, their meetings by day, agreements; printable."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.people.models import Participant
from keruen.portal.delegation import (
    delegation_agreements,
    delegation_figures,
    delegation_headed_by,
    delegation_members,
    delegation_schedule,
)
from keruen.portal.views.common import render_page


@participant_required
def delegation_page(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    delegation = delegation_headed_by(participant=participant)
    members = delegation_members(delegation=delegation)
    agreements = list(delegation_agreements(delegation=delegation))
    return render_page(
        request,
        "delegation.html",
        event,
        delegation=delegation,
        members=members,
        days=delegation_schedule(delegation=delegation),
        agreements=agreements,
        figures=delegation_figures(delegation=delegation, members=members, agreements=agreements),
        printed_at=timezone.now(),
    )
