"""Arrivals: the registration desk scans a badge and checks the delegate in.

Two volunteers may scan the same badge at once, so checking in is one conditional UPDATE:
the first wins, the second is told when the delegate arrived. Both writes are audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, NotFound
from keruen.common.params import id_param, text_param
from keruen.events.models import Event
from keruen.people.badge_codes import normalise_badge_code
from keruen.people.models import Participant

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Arrivals:
    arrived: int
    expected: int  # approved delegates

    @property
    def percent(self) -> int:
        return round(100 * self.arrived / self.expected) if self.expected else 0


@dataclass(frozen=True)
class BadgeFilters:
    delegation: int | None = None
    role: str = ""
    query: str = ""
    not_arrived: bool = False

    @classmethod
    def from_query(cls, params: Any) -> BadgeFilters:
        """From a page's GET parameters; anything malformed is simply not a filter."""
        delegation = params.get("delegation", "")
        role = params.get("role", "")
        return cls(
            delegation=id_param(delegation),
            role=role if role in Participant.Role.values else "",
            query=text_param(params.get("q")),
            not_arrived=params.get("not_arrived") == "1",
        )


def badge_participants(*, event: Event, filters: BadgeFilters) -> QuerySet[Participant]:
    """Approved participants to print badges for, by delegation, organisation, then name:
    the order in which a delegation's badges are handed over in one envelope."""
    found = (
        Participant.objects.for_event(event)
        .filter(status=Participant.Status.APPROVED)
        .select_related("organisation", "delegation")
    )
    if filters.delegation is not None:
        found = found.filter(delegation_id=filters.delegation)
    if filters.role:
        found = found.filter(role=filters.role)
    if filters.not_arrived:
        found = found.filter(checked_in_at__isnull=True)
    if filters.query:
        found = found.filter(_code_or_name(filters.query))
    return found.order_by(
        "delegation__code", "organisation__code", "family_name", "given_name", "pk"
    )


def _code_or_name(query: str) -> Q:
    return Q(badge_code=normalise_badge_code(query)) | name_matches(query)


def name_matches(query: str) -> Q:
    """Every word of the query in a name (any script) or the organisation's code or names."""
    matches = Q()
    for word in query.split():
        matches &= (
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(name_latin__icontains=word)
            | Q(organisation__code__icontains=word)
            | Q(organisation__search_text__contains=word.lower())  # stored lower-case
        )
    return matches


def participant_by_badge_code(*, event: Event, code: str) -> Participant:
    """The event's participant wearing this badge (typed or scanned), or NotFound."""
    found = (
        Participant.objects.for_event(event)
        .select_related("organisation", "delegation")
        .filter(badge_code=normalise_badge_code(code))
        .first()
    )
    if found is None:
        raise NotFound(
            gettext("No badge %(code)s at this event.") % {"code": code.strip()},
            field="badge_code",
        )
    return found


def participant_check_in(*, participant: Participant, at: dt.datetime | None = None) -> bool:
    """Record the delegate's arrival. True if this call did; False if they had already
    arrived (``participant.checked_in_at`` then says when). Only approved delegates get in."""
    if participant.status != Participant.Status.APPROVED:
        raise Conflict(
            gettext("%(name)s is not approved (%(status)s): approve the registration first.")
            % {"name": participant.display_name, "status": participant.get_status_display()}
        )
    moment = at or timezone.now()
    first = Participant.objects.filter(pk=participant.pk, checked_in_at__isnull=True).update(
        checked_in_at=moment, updated_at=moment
    )
    participant.refresh_from_db(fields=["checked_in_at", "updated_at"])
    if first:
        record_action(participant, "check_in")  # when: the row's checked_in_at
    return bool(first)


def participant_check_in_undo(*, participant: Participant) -> None:
    """Take back a check-in made by mistake (the wrong badge scanned)."""
    if participant.checked_in_at is None:
        return
    participant.checked_in_at = None
    participant.save(update_fields=["checked_in_at", "updated_at"])
    record_action(participant, "check_in_undo")


def arrivals_count(*, event: Event) -> Arrivals:
    approved = Participant.objects.for_event(event).filter(status=Participant.Status.APPROVED)
    return Arrivals(
        arrived=approved.filter(checked_in_at__isnull=False).count(), expected=approved.count()
    )


def arrivals_search(*, event: Event, query: str) -> QuerySet[Participant]:
    """The desk's search: a badge code, or part of a name (any script) or organisation code."""
    found = Participant.objects.for_event(event).select_related("organisation", "delegation")
    if not query.split():
        return found.none()
    return found.filter(_code_or_name(query)).order_by("family_name", "given_name")[:SEARCH_LIMIT]


def arrivals_latest(*, event: Event, limit: int = 10) -> QuerySet[Participant]:
    return (
        Participant.objects.for_event(event)
        .filter(checked_in_at__isnull=False)
        .select_related("organisation")
        .order_by("-checked_in_at")[:limit]
    )
