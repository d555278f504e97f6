"""Delegations' reports: who came, who they meet and when, what was signed.

A minister's office plans the delegation's days from its head's page and prints it; the
organisers see the same page for every delegation and an overview of all of them. It shows
the members' meetings with their partners' names and organisations, never contact details:
only the two people of a meeting see those.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext

from keruen.agreements.models import Agreement
from keruen.common.errors import PermissionDenied
from keruen.events.models import Event
from keruen.meetings.models import Meeting, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release, schedule_entries
from keruen.people.models import Delegation, Participant

LIVE_MEETINGS = (Meeting.Status.ACCEPTED, Meeting.Status.HELD, Meeting.Status.NO_SHOW)


@dataclass(frozen=True)
class Member:
    participant: Participant
    meetings: int  # accepted, held or missed
    held: int


@dataclass(frozen=True)
class DelegationMeeting:
    start: dt.datetime
    end: dt.datetime
    entry: ScheduledMeeting
    member: Participant
    partner: Participant
    also_member: bool  # both sides belong to the delegation


@dataclass(frozen=True)
class DelegationFigures:
    members: int
    arrived: int
    meetings: int
    held: int
    agreements_signed: int


def delegation_of_head(*, participant: Participant) -> Delegation | None:
    """The delegation this delegate heads, if any."""
    return (
        Delegation.objects.filter(event_id=participant.event_id, head=participant)
        .order_by("pk")
        .first()
    )


def delegation_headed_by(*, participant: Participant) -> Delegation:
    """The delegation this delegate heads, or PermissionDenied."""
    delegation = delegation_of_head(participant=participant)
    if delegation is None:
        raise PermissionDenied(gettext("Only the head of a delegation sees its page."))
    return delegation


# A member who withdrew stays on the page, marked: the meetings they held and the agreements
# their organisation signed are still the delegation's.
LISTED_MEMBERS = (Participant.Status.APPROVED, Participant.Status.WITHDRAWN)


def delegation_members(*, delegation: Delegation) -> list[Member]:
    """The members in protocol order: the head, the government officials, the others (each
    group by name), and those who withdrew last."""
    people = sorted(
        Participant.objects.filter(delegation=delegation, status__in=LISTED_MEMBERS).select_related(
            "organisation"
        ),
        key=lambda p: (
            p.status == Participant.Status.WITHDRAWN,
            p.pk != delegation.head_id,
            p.role != Participant.Role.GOVERNMENT,
        ),
    )
    meetings: Counter[int] = Counter()
    held: Counter[int] = Counter()
    rows = _members_meetings(delegation).values_list(
        "participant_a_id", "participant_b_id", "status"
    )
    for a, b, status in rows:
        for pid in (a, b):
            meetings[pid] += 1
            held[pid] += status == Meeting.Status.HELD
    return [Member(p, meetings[p.pk], held[p.pk]) for p in people]


def delegation_schedule(*, delegation: Delegation) -> list[tuple[dt.date, list[DelegationMeeting]]]:
    """The members' meetings in the current published schedule, by day on the event's clock.
    A meeting between two members is listed once."""
    release = schedule_current_release(event=delegation.event)
    if release is None:
        return []
    entries = (
        schedule_entries(schedule=release)
        .filter(
            Q(meeting__participant_a__delegation=delegation)
            | Q(meeting__participant_b__delegation=delegation)
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
    )  # cancelled since the release
    zone = delegation.event.tz
    days: dict[dt.date, list[DelegationMeeting]] = defaultdict(list)
    for entry in entries:
        a, b = entry.meeting.participant_a, entry.meeting.participant_b
        member, partner = (a, b) if a.delegation_id == delegation.pk else (b, a)
        row = DelegationMeeting(
            start=entry.slot.start,
            end=entry.slot.end,
            entry=entry,
            member=member,
            partner=partner,
            also_member=partner.delegation_id == delegation.pk,
        )
        days[row.start.astimezone(zone).date()].append(row)
    return [
        (day, sorted(rows, key=lambda r: (r.start, r.member.family_name, r.member.given_name)))
        for day, rows in sorted(days.items())
    ]


def delegation_agreements(*, delegation: Delegation) -> QuerySet[Agreement]:
    """Agreements one of the members' organisations is a party to, newest first."""
    organisations = Participant.objects.filter(
        delegation=delegation, status__in=LISTED_MEMBERS
    ).values("organisation_id")
    return (
        Agreement.objects.filter(event_id=delegation.event_id, parties__in=organisations)
        .distinct()
        .prefetch_related("parties")
        .order_by(F("signed_on").desc(nulls_last=True), "-created_at", "-id")
    )


def delegation_figures(
    *, delegation: Delegation, members: list[Member], agreements: Sequence[Agreement]
) -> DelegationFigures:
    statuses = Counter(
        _members_meetings(delegation).values_list("status", flat=True)  # each meeting once
    )
    coming = [m for m in members if m.participant.status == Participant.Status.APPROVED]
    return DelegationFigures(
        members=len(coming),
        arrived=sum(m.participant.checked_in_at is not None for m in coming),
        meetings=sum(statuses.values()),
        held=statuses[Meeting.Status.HELD],
        agreements_signed=sum(a.status == Agreement.Status.SIGNED for a in agreements),
    )


def _members_meetings(delegation: Delegation) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        Q(participant_a__delegation=delegation) | Q(participant_b__delegation=delegation),
        status__in=LIVE_MEETINGS,
    )


@dataclass(frozen=True)
class DelegationRow:
    delegation: Delegation
    figures: DelegationFigures


def delegation_overview(*, event: Event) -> list[DelegationRow]:
    """Every delegation of the event with its figures, in a fixed number of queries."""
    delegations = list(
        Delegation.objects.filter(event=event).select_related("head").order_by("code")
    )
    members: Counter[int] = Counter()
    arrived: Counter[int] = Counter()
    delegation_of_organisation: defaultdict[int, set[int]] = defaultdict(set)
    people = Participant.objects.filter(
        event=event, status__in=LISTED_MEMBERS, delegation__isnull=False
    ).values_list("delegation_id", "organisation_id", "checked_in_at", "status")
    for delegation_id, organisation_id, checked_in_at, status in people:
        # As on a delegation's page: those coming are counted, a withdrawn member's
        # organisation still signs for the delegation.
        if status == Participant.Status.APPROVED:
            members[delegation_id] += 1
            arrived[delegation_id] += checked_in_at is not None
        delegation_of_organisation[organisation_id].add(delegation_id)
    meetings, held = _meetings_per_delegation(event)
    signed = _signed_per_delegation(event, delegation_of_organisation)
    return [
        DelegationRow(
            delegation=d,
            figures=DelegationFigures(
                members=members[d.pk],
                arrived=arrived[d.pk],
                meetings=meetings[d.pk],
                held=held[d.pk],
                agreements_signed=signed[d.pk],
            ),
        )
        for d in delegations
    ]


def _meetings_per_delegation(event: Event) -> tuple[Counter[int], Counter[int]]:
    """Live meetings per delegation; a meeting between two members counts once."""
    meetings: Counter[int] = Counter()
    held: Counter[int] = Counter()
    rows = Meeting.objects.filter(event=event, status__in=LIVE_MEETINGS).values_list(
        "participant_a__delegation_id", "participant_b__delegation_id", "status"
    )
    for a, b, status in rows:
        for delegation_id in {a, b} - {None}:
            meetings[delegation_id] += 1
            held[delegation_id] += status == Meeting.Status.HELD
    return meetings, held


def _signed_per_delegation(
    event: Event, delegation_of_organisation: dict[int, set[int]]
) -> Counter[int]:
    signed: Counter[int] = Counter()
    parties: defaultdict[int, set[int]] = defaultdict(set)
    rows = Agreement.parties.through.objects.filter(
        agreement__event=event, agreement__status=Agreement.Status.SIGNED
    ).values_list("agreement_id", "organisation_id")
    for agreement_id, organisation_id in rows:
        parties[agreement_id] |= delegation_of_organisation.get(organisation_id, set())
    for delegations in parties.values():
        signed.update(delegations)
    return signed


@dataclass(frozen=True)
class DelegationReport:
    delegation: Delegation
    members: list[Member]
    days: list[tuple[dt.date, list[DelegationMeeting]]]
    agreements: list[Agreement]
    figures: DelegationFigures


def delegation_report(*, delegation: Delegation) -> DelegationReport:
    """Everything the delegation's page shows (the head's and the organisers' alike)."""
    members = delegation_members(delegation=delegation)
    agreements = list(delegation_agreements(delegation=delegation))
    return DelegationReport(
        delegation=delegation,
        members=members,
        days=delegation_schedule(delegation=delegation),
        agreements=agreements,
        figures=delegation_figures(delegation=delegation, members=members, agreements=agreements),
    )
