"""What happened at a past demo edition: arrivals, meetings held or missed, agreements signed
at the expo, contacts met at the booths.

The demo's main edition lies ahead, so its results pages are empty; a past edition built
with these results shows the organisers' side after an expo (the dashboard's funnel to the
end, the delegations' arrivals and meetings held, agreements and their value). Written in
bulk, like the rest of the demo, so the activity log holds only the organiser's scheduling
steps (moved, with the release, to a fortnight before the expo).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db.models import F

from keruen.agreements.models import Agreement
from keruen.common.models import AuditLogEntry
from keruen.events.models import Event
from keruen.meetings.models import Meeting, MeetingRequest, Schedule, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Lead, Participant

ARRIVED_SHARE = 0.95  # of the approved delegates, checked in at the desk
HELD_SHARE = 0.95  # of the published meetings whose two delegates came
UNRECORDED_SHARE = 0.03  # nobody said what became of the meeting
SIGNED_AT_EXPO_SHARE = 0.6  # of the agreements still under negotiation before the expo
LEADS_PER_EXHIBITOR = (2, 8)
PUBLISHED_BEFORE = dt.timedelta(days=14)  # the schedule's release, before the expo


@dataclass(frozen=True)
class Results:
    arrived: int
    held: int
    missed: int
    signed: int
    leads: int


def build_results(event: Event, rng: random.Random) -> Results:
    _backdate_preparations(event)
    _close_waiting(event)
    arrived = _arrivals(event, rng)
    held, missed = _outcomes(event, rng, arrived)
    return Results(
        arrived=len(arrived),
        held=held,
        missed=missed,
        signed=_signatures(event, rng),
        leads=_leads(event, rng, arrived),
    )


def _backdate_preparations(event: Event) -> None:
    """The schedule was computed and published a fortnight before the expo, not on the day
    the demo is built: the releases and the activity log say so."""
    published = _local(event, event.start_date - PUBLISHED_BEFORE, 120)  # 10:00 local
    entries = AuditLogEntry.objects.filter(event=event)
    first = entries.order_by("timestamp").values_list("timestamp", flat=True).first()
    if first is not None:
        entries.update(timestamp=F("timestamp") + (published - first))
    releases = Schedule.objects.filter(event=event, published_at__isnull=False)
    releases.update(published_at=published)


def _close_waiting(event: Event) -> None:
    """Nothing still waits once an edition is over: the secretariat declined the registrations
    it had not approved, and the requests nobody answered expired at the deadline."""
    Participant.objects.filter(event=event, status=Participant.Status.PENDING).update(
        status=Participant.Status.REJECTED
    )
    MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.PENDING).update(
        status=MeetingRequest.Status.EXPIRED
    )


def _local(event: Event, day: dt.date, minutes_after_eight: int) -> dt.datetime:
    start = dt.datetime.combine(day, dt.time(8, 0), tzinfo=event.tz)
    return start + dt.timedelta(minutes=minutes_after_eight)


def _arrivals(event: Event, rng: random.Random) -> set[int]:
    """Most delegates collect their badge on the first two mornings."""
    approved = list(
        Participant.objects.filter(event=event, status=Participant.Status.APPROVED).order_by("pk")
    )
    came = [p for p in approved if rng.random() < ARRIVED_SHARE]
    for person in came:
        day = event.start_date + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        person.checked_in_at = _local(event, day, rng.randint(30, 240))
    Participant.objects.bulk_update(came, ["checked_in_at"])
    return {p.pk for p in came}


def _outcomes(event: Event, rng: random.Random, arrived: set[int]) -> tuple[int, int]:
    """Meetings of the published schedule: held, or missed when a side did not come."""
    release = schedule_current_release(event=event)
    if release is None:
        return 0, 0
    meetings = [
        entry.meeting
        for entry in ScheduledMeeting.objects.filter(schedule=release)
        .select_related("meeting")
        .order_by("pk")
    ]
    changed = []
    for meeting in meetings:
        both_came = {meeting.participant_a_id, meeting.participant_b_id} <= arrived
        if rng.random() < UNRECORDED_SHARE:
            continue
        held = both_came and rng.random() < HELD_SHARE
        meeting.status = Meeting.Status.HELD if held else Meeting.Status.NO_SHOW
        changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["status"])
    held_count = sum(m.status == Meeting.Status.HELD for m in changed)
    return held_count, len(changed) - held_count


def _signatures(event: Event, rng: random.Random) -> int:
    """Agreements negotiated before the expo and signed there, at the meeting's day or the
    closing ceremony; those signed at pre-expo roadshows keep their date. Only a meeting
    held can have led to an agreement."""
    pending = Agreement.objects.filter(
        event=event, status=Agreement.Status.NEGOTIATING, meeting__status=Meeting.Status.HELD
    ).order_by("pk")
    signed = [a for a in pending if rng.random() < SIGNED_AT_EXPO_SHARE]
    last_day = event.end_date
    for agreement in signed:
        agreement.status = Agreement.Status.SIGNED
        agreement.signed_on = last_day - dt.timedelta(days=rng.randint(0, 2))
    Agreement.objects.bulk_update(signed, ["status", "signed_on"])
    # A negotiation whose meeting did not take place (a side did not come, or nobody said)
    # goes on, but it did not come from a meeting.
    Agreement.objects.filter(event=event, status=Agreement.Status.NEGOTIATING).exclude(
        meeting__status=Meeting.Status.HELD
    ).update(meeting=None)
    return Agreement.objects.filter(event=event, status=Agreement.Status.SIGNED).count()


def _leads(event: Event, rng: random.Random, arrived: set[int]) -> int:
    """Exhibitors scanned the badges of visitors to their booth."""
    hosts = list(
        Participant.objects.filter(event=event, booth__isnull=False, pk__in=arrived).order_by("pk")
    )
    visitors = sorted(arrived)
    leads = []
    for host in hosts:
        others = [pk for pk in visitors if pk != host.pk]
        for person in rng.sample(others, k=min(len(others), rng.randint(*LEADS_PER_EXHIBITOR))):
            leads.append(Lead(event=event, owner=host, person_id=person))
    Lead.objects.bulk_create(leads)
    return len(leads)
