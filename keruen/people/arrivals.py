"""Arrivals: the registration desk scans a badge and checks the delegate in.

Two volunteers may scan the same badge at once, so checking in (and taking it back) is one
conditional UPDATE: the first wins, the second is told when the delegate arrived. Each write
is audited once, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from keruen.common.audit import record_action
from keruen.common.errors import Conflict, NotFound
from keruen.common.params import id_param, text_param
from keruen.events.models import Event
from keruen.people.badge_codes import ReadCode, badge_code_display, read_badge_code
from keruen.people.models import Participant, search_fold

SEARCH_LIMIT = 20
SLUG_SHOWN = 60  # of another event's slug in a refusal: a scanned text can be anything


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
        .select_related("organisation", "delegation", "booth")
    )
    if filters.delegation is not None:
        found = found.filter(delegation_id=filters.delegation)
    if filters.role:
        found = found.filter(role=filters.role)
    if filters.not_arrived:
        found = found.filter(checked_in_at__isnull=True)
    if filters.query:
        found = found.filter(_code_or_name(event=event, query=filters.query))
    return found.order_by(
        "delegation__code", "organisation__code", "family_name", "given_name", "pk"
    )


def _code_or_name(*, event: Event, query: str) -> Q:
    """A badge code or words of a name; a scanned badge address is its code only."""
    read = read_badge_code(query)
    by_code = Q(badge_code=_code_of_this_event(event=event, read=read))
    return by_code if read.event_slug else by_code | name_matches(query)


def _code_of_this_event(*, event: Event, read: ReadCode) -> str:
    """The code read, unless it came in an address of another event: refused by name, or
    the desk would say "no such badge" about a badge in the volunteer's hand."""
    if read.event_slug and read.event_slug.casefold() != event.slug.casefold():
        raise NotFound(
            gettext("This badge is for another event (%(event)s), not this one.")
            % {"event": read.event_slug[:SLUG_SHOWN]},
            field="badge_code",
        )
    return read.code


def name_matches(query: str) -> Q:
    """Every word of the query in a name (any script, any case) or the organisation's code
    or names."""
    matches = Q()
    for word in query.split():
        matches &= (
            Q(search_text__contains=search_fold(word))  # the names, stored folded
            | Q(organisation__code__icontains=word)
            | Q(organisation__search_text__contains=word.lower())  # stored lower-case
        )
    return matches


def participant_by_badge_code(*, event: Event, code: str) -> Participant:
    """The event's participant wearing this badge, or NotFound. ``code`` as typed or as a
    scanner sends it: see ``read_badge_code``."""
    wanted = _code_of_this_event(event=event, read=read_badge_code(code))
    if not wanted:
        raise NotFound(gettext("There is no badge code in this text."), field="badge_code")
    found = (
        Participant.objects.for_event(event)
        .select_related("organisation", "delegation", "booth")
        .filter(badge_code=wanted)
        .first()
    )
    if found is None:
        raise NotFound(
            gettext("No badge %(code)s at this event.") % {"code": badge_code_display(wanted)},
            field="badge_code",
        )
    return found


def check_in_refusal(participant: Participant) -> str:
    """Why a registration that is not approved cannot be checked in, and what would let it."""
    name = participant.display_name
    if participant.status == Participant.Status.WITHDRAWN:
        return gettext(
            "%(name)s has withdrawn from the event: re-admit them on their registration page "
            "before checking them in."
        ) % {"name": name}
    if participant.status == Participant.Status.REJECTED:
        return gettext(
            "%(name)s's registration was rejected: a rejected registration cannot be checked in."
        ) % {"name": name}
    return gettext("%(name)s is not approved (%(status)s): approve the registration first.") % {
        "name": name,
        "status": participant.get_status_display(),
    }


def participant_check_in(*, participant: Participant, at: dt.datetime | None = None) -> bool:
    """Record the delegate's arrival. True if this call did; False if they had already
    arrived (``participant.checked_in_at`` then says when). Only approved delegates get in,
    as the row says at the moment of the UPDATE (an organiser may withdraw them meanwhile)."""
    if participant.status != Participant.Status.APPROVED:
        raise Conflict(check_in_refusal(participant))
    moment = at or timezone.now()
    with transaction.atomic():
        first = Participant.objects.filter(
            pk=participant.pk, status=Participant.Status.APPROVED, checked_in_at__isnull=True
        ).update(checked_in_at=moment, updated_at=moment)
        if first:
            record_action(participant, "check_in")  # when: the row's checked_in_at
    participant.refresh_from_db(fields=["status", "checked_in_at", "updated_at"])
    if not first and participant.status != Participant.Status.APPROVED:
        raise Conflict(check_in_refusal(participant))
    return bool(first)


def participant_check_in_undo(*, participant: Participant) -> bool:
    """Take back a check-in made by mistake (the wrong badge scanned). True if this call did;
    False if there was none to take back (another desk took it back first)."""
    with transaction.atomic():
        arrived = Participant.objects.select_for_update().filter(
            pk=participant.pk, checked_in_at__isnull=False
        )
        previous = arrived.values_list("checked_in_at", flat=True).first()
        taken_back = arrived.update(checked_in_at=None, updated_at=timezone.now())
        if taken_back and previous is not None:
            record_action(participant, "check_in_undo", previous=previous.isoformat())
    participant.refresh_from_db(fields=["checked_in_at", "updated_at"])
    return bool(taken_back)


def _expected(event: Event) -> QuerySet[Participant]:
    """The delegates the desk expects: approved, less the organisers (the secretariat's own
    staff may be checked in, but are not counted, as in the dashboard's figures)."""
    return (
        Participant.objects.for_event(event)
        .filter(status=Participant.Status.APPROVED)
        .exclude(role=Participant.Role.ORGANISER)
    )


def arrivals_count(*, event: Event) -> Arrivals:
    approved = _expected(event)
    return Arrivals(
        arrived=approved.filter(checked_in_at__isnull=False).count(), expected=approved.count()
    )


def arrivals_search(*, event: Event, query: str) -> QuerySet[Participant]:
    """The desk's search: a badge code (typed, or its address as a scanner types it), or part
    of a name (any script) or organisation code. NotFound for another event's address."""
    found = Participant.objects.for_event(event).select_related(
        "organisation", "delegation", "booth"
    )
    if not query.split():
        return found.none()
    matching = _code_or_name(event=event, query=query)
    return found.filter(matching).order_by("family_name", "given_name")[:SEARCH_LIMIT]


def arrivals_latest(*, event: Event, limit: int = 10) -> QuerySet[Participant]:
    """The last arrivals of approved delegates: those ``arrivals_count`` counts."""
    return (
        _expected(event)
        .filter(checked_in_at__isnull=False)
        .select_related("organisation")
        .order_by("-checked_in_at")[:limit]
    )
