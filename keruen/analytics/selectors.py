"""Reads for the organiser's dashboard: the event's funnel in numbers.

Every figure is one aggregate query (or one narrow ``values_list``), so the dashboard costs
the same whether the event has ten delegates or ten thousand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from keruen.agreements.models import Agreement
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, MeetingRequest, Schedule, ScheduledMeeting
from keruen.meetings.services import meeting_requests_by_status
from keruen.people.models import Participant
from keruen.people.selectors import PROFILE_ITEMS, participant_profile_items

REQUEST_STATUS_ORDER = ("pending", "accepted", "declined", "expired", "cancelled")
# Registrations that still stand: the country and role charts count these.
LIVE_STATUSES = (Participant.Status.PENDING, Participant.Status.APPROVED)


@dataclass(frozen=True)
class Completeness:
    """How many approved delegates have done how many of the items of a complete profile
    (``people.selectors.participant_profile_items``, the list delegates see)."""

    by_items: dict[int, int]  # items done (0..items) -> delegates
    items: int
    complete: int
    total: int

    @property
    def percent(self) -> int:
        """The delegates' mean completeness: what each sees on their own page, averaged.
        (The share with every item done is 0 % for most events: few give a website, dates
        and target countries, so it says little.)"""
        if not self.total or not self.items:
            return 0
        done = sum(items * count for items, count in self.by_items.items())
        return round(100 * done / (self.items * self.total))


@dataclass(frozen=True)
class Dashboard:
    registrations_by_country: list[tuple[str, int]]
    registrations_by_role: list[tuple[str, int]]
    registrations_by_status: list[tuple[str, int]]
    completeness: Completeness
    checked_in: int
    requests_by_status: list[tuple[str, int]]
    requests_sent: int
    meetings_accepted: int
    meetings_held: int
    meetings_missed: int
    meetings_without_outcome: int
    meetings_scheduled_draft: int
    meetings_scheduled_release: int
    release_version: str
    agreements_signed: int
    agreement_value_by_currency: list[tuple[str, Decimal]]


def _counts(rows: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _delegates(event: Event) -> QuerySet[Participant]:
    """The event's registrations, less the organisers: the secretariat's own staff are
    neither delegates nor part of the figures about them."""
    return Participant.objects.filter(event=event).exclude(role=Participant.Role.ORGANISER)


def registrations_by(
    *, event: Event, field: str, statuses: Iterable[str] = LIVE_STATUSES
) -> list[tuple[str, int]]:
    """(value of ``field``, delegates' registrations with one of ``statuses``) of the
    event, largest first. By default those that are pending or approved: a delegation
    whose members all withdrew no longer puts its country on the chart."""
    rows = (
        _delegates(event)
        .filter(status__in=list(statuses))
        .values_list(field)
        .annotate(n=Count("id"))
        .order_by()
    )
    return _counts([(value, n) for value, n in rows])


def profile_completeness_summary(*, event: Event) -> Completeness:
    """The delegates' own completeness checklist, counted over the approved delegates."""
    with_opportunity = set(
        Opportunity.objects.filter(event=event).values_list("organisation_id", flat=True)
    )
    approved = (
        _delegates(event).filter(status=Participant.Status.APPROVED).select_related("organisation")
    )
    items: Counter[int] = Counter()
    for participant in approved:
        checks = participant_profile_items(
            participant, has_opportunity=participant.organisation_id in with_opportunity
        )
        items[sum(1 for done, _label in checks if done)] += 1
    size = len(PROFILE_ITEMS)
    return Completeness(
        by_items={k: items.get(k, 0) for k in range(size + 1)},
        items=size,
        complete=items.get(size, 0),
        total=sum(items.values()),
    )


def requests_by_status(*, event: Event, now: dt.datetime | None = None) -> list[tuple[str, int]]:
    """Meeting requests per status, in funnel order (every status listed, zeros included).

    Read at ``now``: a pending request past its deadline counts as expired, as every other
    page and the API read it, whether or not anything has marked it expired yet."""
    rows = meeting_requests_by_status(MeetingRequest.objects.filter(event=event), now=now)
    return [(status, rows.get(status, 0)) for status in REQUEST_STATUS_ORDER]


def _scheduled(schedule: Schedule | None) -> int:
    if schedule is None:
        return 0
    # A published release is frozen: a meeting cancelled since (a delegate withdrew) keeps
    # its entry there, but is no longer a meeting of the schedule.
    return (
        ScheduledMeeting.objects.filter(schedule=schedule)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .count()
    )


def meetings_without_outcome(*, release: Schedule | None, now: dt.datetime) -> int:
    """Meetings of the current release whose slot is over, still neither held nor missed:
    nobody recorded what became of them."""
    if release is None:
        return 0
    return ScheduledMeeting.objects.filter(
        schedule=release, meeting__status=Meeting.Status.ACCEPTED, slot__end__lte=now
    ).count()


def agreement_values(*, event: Event) -> list[tuple[str, Decimal]]:
    """Total value of signed agreements per currency, largest first."""
    rows = (
        Agreement.objects.filter(event=event, status=Agreement.Status.SIGNED, value__isnull=False)
        .values_list("currency")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return sorted(((c, v) for c, v in rows), key=lambda row: (-row[1], row[0]))


def event_dashboard(*, event: Event) -> Dashboard:
    """All the dashboard's figures for one event."""
    from keruen.meetings.selectors import schedule_current_release

    draft = Schedule.objects.filter(event=event, published_at__isnull=True).first()
    release = schedule_current_release(event=event)
    by_request_status = requests_by_status(event=event)
    meetings = dict(
        Meeting.objects.filter(event=event)
        .order_by()  # the default ordering would split the groups
        .values("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return Dashboard(
        registrations_by_country=registrations_by(event=event, field="organisation__country"),
        registrations_by_role=registrations_by(event=event, field="role"),
        registrations_by_status=registrations_by(
            event=event, field="status", statuses=Participant.Status.values
        ),
        completeness=profile_completeness_summary(event=event),
        checked_in=_delegates(event)
        .filter(status=Participant.Status.APPROVED, checked_in_at__isnull=False)
        .count(),
        requests_by_status=by_request_status,
        requests_sent=sum(n for _, n in by_request_status),
        meetings_accepted=meetings.get(Meeting.Status.ACCEPTED, 0)
        + meetings.get(Meeting.Status.HELD, 0)
        + meetings.get(Meeting.Status.NO_SHOW, 0),
        meetings_held=meetings.get(Meeting.Status.HELD, 0),
        meetings_missed=meetings.get(Meeting.Status.NO_SHOW, 0),
        meetings_without_outcome=meetings_without_outcome(release=release, now=timezone.now()),
        meetings_scheduled_draft=_scheduled(draft),
        meetings_scheduled_release=_scheduled(release),
        release_version=release.version if release else "",
        agreements_signed=Agreement.objects.filter(
            event=event, status=Agreement.Status.SIGNED
        ).count(),
        agreement_value_by_currency=agreement_values(event=event),
    )
