"""The organisers' list of participants: find anyone, in any status, with their meetings.

The registration desk finds approved delegates by badge or name; the organisers need every
registration (pending, approved, rejected, withdrawn), searched by name in any script, e-mail
or organisation, and a participant's whole picture on one page.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.i18n import ui_language
from keruen.common.params import id_param, text_param
from keruen.events.models import Event
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import SCHEDULED_STATUSES, requests_waiting
from keruen.people.arrivals import name_matches
from keruen.people.badge_codes import normalise_badge_code
from keruen.people.models import Delegation, Participant
from keruen.reference import country_name


@dataclass(frozen=True)
class RosterFilters:
    query: str = ""
    status: str = ""
    role: str = ""
    delegation: int | None = None
    country: str = ""

    @classmethod
    def from_query(cls, params: Any) -> RosterFilters:
        """From a page's GET parameters; anything malformed is simply not a filter."""
        status, role = params.get("status", ""), params.get("role", "")
        delegation = params.get("delegation", "")
        country = params.get("country", "").strip().upper()
        return cls(
            query=text_param(params.get("q")),
            status=status if status in Participant.Status.values else "",
            role=role if role in Participant.Role.values else "",
            delegation=id_param(delegation),
            country=country if len(country) == 2 and country.isalpha() else "",
        )


def roster_filters_description(*, event: Event, filters: RosterFilters) -> str:
    """The filters in words, in the active language, for the record of who was written to
    ("approved · government · Kazakhstan")."""
    parts = []
    if filters.status:
        parts.append(str(Participant.Status(filters.status).label))
    if filters.role:
        parts.append(str(Participant.Role(filters.role).label))
    if filters.country:
        try:
            parts.append(country_name(filters.country, ui_language()))
        except KeyError:  # a code no country has: the list is empty anyway
            parts.append(filters.country)
    if filters.delegation is not None:
        delegation = Delegation.objects.filter(event=event, pk=filters.delegation).first()
        parts.append(str(delegation) if delegation else "?")
    if filters.query:
        parts.append(f"“{filters.query}”")
    return " · ".join(parts) or gettext("all participants")


def _live_meetings(side: str) -> Coalesce:
    """How many accepted, held or missed meetings the row's participant has on one side."""
    rows = (
        Meeting.objects.filter(**{side: OuterRef("pk")}, status__in=SCHEDULED_STATUSES)
        .order_by()
        .values(side)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def participant_roster(*, event: Event, filters: RosterFilters) -> QuerySet[Participant]:
    """Registrations matching ``filters``, by family name, with ``meeting_count``."""
    found = (
        Participant.objects.for_event(event)
        .select_related("user", "organisation", "delegation")
        .annotate(meeting_count=_live_meetings("participant_a") + _live_meetings("participant_b"))
    )
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.role:
        found = found.filter(role=filters.role)
    if filters.delegation is not None:
        found = found.filter(delegation_id=filters.delegation)
    if filters.country:
        found = found.filter(organisation__country=filters.country)
    if filters.query:
        found = found.filter(_who(filters.query))
    return found.order_by("family_name", "given_name", "pk")


def _who(query: str) -> Q:
    """A name in any script, an organisation, an e-mail address or a badge code."""
    return (
        name_matches(query)
        | Q(user__email__iexact=query)
        | Q(contact_email__iexact=query)
        | Q(badge_code=normalise_badge_code(query))
    )


def roster_status_counts(*, event: Event) -> dict[str, int]:
    """How many registrations are in each status (every status, zeros included)."""
    counts = Counter(
        dict(
            Participant.objects.for_event(event)
            .order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
        )
    )
    return {status: counts[status] for status in Participant.Status.values}


def roster_countries(*, event: Event) -> list[str]:
    """The countries of the registered delegates' organisations (for the country filter)."""
    return list(
        Participant.objects.for_event(event)
        .order_by()
        .values_list("organisation__country", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class ParticipantMeeting:
    meeting: Meeting
    partner: Participant
    placed: ScheduledMeeting | None  # in the current published release


def participant_meetings(*, participant: Participant) -> list[ParticipantMeeting]:
    """Every meeting of ``participant``, any status, with its place in the published schedule:
    the scheduled ones in time order first, then the rest, newest first."""
    meetings = list(
        Meeting.objects.filter(Q(participant_a=participant) | Q(participant_b=participant))
        .select_related("participant_a__organisation", "participant_b__organisation")
        .order_by("-created_at", "-pk")
    )
    release = schedule_current_release(event=participant.event)
    placed: dict[int, ScheduledMeeting] = {}
    if release is not None:
        entries = ScheduledMeeting.objects.filter(
            schedule=release, meeting__in=meetings
        ).select_related("slot", "table__hall", "booth__hall")
        placed = {entry.meeting_id: entry for entry in entries}
    rows = [
        ParticipantMeeting(
            meeting=m,
            partner=m.partner_of(participant.pk),
            placed=placed.get(m.pk),
        )
        for m in meetings
    ]
    return sorted(rows, key=lambda r: (r.placed is None, r.placed.slot.start if r.placed else 0))


def pending_request_counts(
    *, participant: Participant, now: dt.datetime | None = None
) -> tuple[int, int]:
    """(sent, received) meeting requests still waiting for an answer (not past their deadline)."""
    pending = MeetingRequest.objects.filter(
        requests_waiting(now or timezone.now()), event_id=participant.event_id
    )
    return (
        pending.filter(requester=participant).count(),
        pending.filter(target=participant).count(),
    )
