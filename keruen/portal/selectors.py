"""Reads for the delegate portal: always from the delegate's own point of view.

Every selector takes the delegate (``participant``) and reaches rows only through them or
their event, so an id typed into a URL never reveals another delegate's data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from keruen.agreements.models import Agreement
from keruen.common.errors import NotFound
from keruen.common.listing import StampSource, change_stamp
from keruen.events.models import Booth, Event, Hall, MeetingTable, ProgrammeSession, SlotGrid
from keruen.events.selectors import programme_sessions_sequenced
from keruen.marketplace.models import Opportunity
from keruen.meetings import agenda as ics
from keruen.meetings.models import Meeting, MeetingRequest, Schedule
from keruen.meetings.selectors import (
    AgendaRow,
    agenda_rows,
    chosen_sessions,
    meeting_sequences,
    participant_agenda,
)
from keruen.meetings.services import requests_waiting
from keruen.people.models import Invitation, Organisation, Participant
from keruen.people.selectors import participant_profile_items

# Meetings that reveal contact details to both sides (after a no-show too: the two may
# still want to meet).
CONTACT_MEETING_STATUSES = (Meeting.Status.ACCEPTED, Meeting.Status.HELD, Meeting.Status.NO_SHOW)


def participation_get(*, event: Event, user: Any) -> Participant | None:
    """The user's registration at the event, whatever its status (None if not registered)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(event=event, user=user)
        .select_related("organisation", "event")
        .first()
    )


def delegate_get(*, event: Event, pk: Any) -> Participant:
    """Another approved delegate of the same event, or NotFound."""
    try:
        return Participant.objects.select_related("organisation").get(
            event=event, pk=pk, status=Participant.Status.APPROVED
        )
    except (Participant.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(gettext("No such delegate in this event.")) from error


def contact_visible(*, viewer: Participant, other: Participant) -> bool:
    """Whether ``viewer`` may see ``other``'s contact details: only after an accepted meeting."""
    if viewer.pk == other.pk:
        return True
    if viewer.event_id != other.event_id:
        return False
    pair = Q(participant_a=viewer, participant_b=other) | Q(
        participant_a=other, participant_b=viewer
    )
    return Meeting.objects.filter(
        pair, event_id=viewer.event_id, status__in=CONTACT_MEETING_STATUSES
    ).exists()


def contact_partners(*, participant: Participant) -> set[int]:
    """Everyone whose contact details ``participant`` may see (``contact_visible`` for many
    people at once, in one query)."""
    pairs = Meeting.objects.filter(
        Q(participant_a=participant) | Q(participant_b=participant),
        event_id=participant.event_id,
        status__in=CONTACT_MEETING_STATUSES,
    ).values_list("participant_a_id", "participant_b_id")
    return {pid for pair in pairs for pid in pair} - {participant.pk}


def invitation_get_usable(*, event: Event, token: str) -> Invitation:
    invitation = (
        Invitation.objects.filter(event=event, token=token).select_related("organisation").first()
    )
    if invitation is None or not invitation.is_usable():
        raise NotFound(gettext("This invitation does not exist, has expired or was used already."))
    return invitation


# --- Completeness ------------------------------------------------------------------------


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str] = field(default_factory=list)


def profile_completeness(*, participant: Participant) -> Completeness:
    """How complete the delegate's and their organisation's profiles are, and what is missing.

    Each item weighs the same; they are what matchmaking and other delegates rely on.
    """
    has_opportunity = Opportunity.objects.filter(organisation=participant.organisation).exists()
    checks = participant_profile_items(participant, has_opportunity=has_opportunity)
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)),
        missing=[str(label) for ok, label in checks if not ok],
    )


# --- Offers and requests -----------------------------------------------------------------


def my_opportunities(*, participant: Participant) -> QuerySet[Opportunity]:
    return Opportunity.objects.filter(
        event_id=participant.event_id, organisation_id=participant.organisation_id
    ).order_by("-created_at", "id")


def my_opportunity_get(*, participant: Participant, pk: Any) -> Opportunity:
    try:
        return my_opportunities(participant=participant).get(pk=pk)
    except (Opportunity.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(gettext("No such offer or request of your organisation.")) from error


# --- Meeting requests and meetings -------------------------------------------------------


def _requests(participant: Participant) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(event_id=participant.event_id).select_related(
        "requester__organisation", "target__organisation", "opportunity"
    )


def requests_received(*, participant: Participant) -> QuerySet[MeetingRequest]:
    return _requests(participant).filter(target=participant).order_by("-created_at", "id")


def requests_sent(*, participant: Participant) -> QuerySet[MeetingRequest]:
    return _requests(participant).filter(requester=participant).order_by("-created_at", "id")


def my_request_get(*, participant: Participant, pk: Any) -> MeetingRequest:
    """A request the delegate sent or received; any other id is simply not found."""
    try:
        return _requests(participant).get(Q(requester=participant) | Q(target=participant), pk=pk)
    except (MeetingRequest.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(gettext("No such meeting request of yours.")) from error


def pending_requests_between(
    *, participant: Participant, other: Participant, now: dt.datetime | None = None
) -> tuple[int | None, int | None]:
    """Ids of the request ``participant`` sent to ``other`` and of the one ``other`` sent to
    them that are waiting for an answer at ``now`` (None where there is none)."""
    rows = MeetingRequest.objects.filter(
        Q(requester=participant, target=other) | Q(requester=other, target=participant),
        requests_waiting(now or timezone.now()),
        event_id=participant.event_id,
    ).values_list("pk", "requester_id")
    sent = received = None
    for pk, requester_id in rows:
        if requester_id == participant.pk:
            sent = pk
        else:
            received = pk
    return sent, received


def requests_sent_to_count(*, participant: Participant, other: Participant) -> int:
    """How many requests ``participant`` has sent to ``other`` at this event, whatever became
    of them: each counts towards ``REQUESTS_PER_PAIR``, a withdrawn one too."""
    return MeetingRequest.objects.filter(
        event_id=participant.event_id, requester=participant, target=other
    ).count()


def pending_request_counts(
    *, participant: Participant, now: dt.datetime | None = None
) -> dict[str, int]:
    """Requests the delegate received and sent that are waiting for an answer at ``now``
    (one past its deadline has expired, whether or not anything has marked it so)."""
    pending = MeetingRequest.objects.filter(
        requests_waiting(now or timezone.now()), event_id=participant.event_id
    )
    return {
        "received": pending.filter(target=participant).count(),
        "sent": pending.filter(requester=participant).count(),
    }


def my_meetings(*, participant: Participant, now: dt.datetime | None = None) -> list[Meeting]:
    """The delegate's accepted, held or missed meetings; ``other`` is set to the other side,
    ``entry`` to the meeting's place in the current published schedule (or None),
    ``started`` to whether that time has come (what happened can be recorded then) and
    ``ended`` to whether it is over (a no-show can be recorded then); ``agreement_count``
    is how many agreements came out of it (such a meeting cannot be a no-show)."""
    meetings = list(
        Meeting.objects.filter(
            Q(participant_a=participant) | Q(participant_b=participant),
            event_id=participant.event_id,
            status__in=CONTACT_MEETING_STATUSES,
        )
        .select_related("participant_a__organisation", "participant_b__organisation")
        .annotate(agreement_count=Count("agreements", distinct=True))
        .order_by("created_at", "id")
    )
    entries = {entry.meeting_id: entry for entry in participant_agenda(participant=participant)}
    now = now or timezone.now()
    for meeting in meetings:
        meeting.other = meeting.partner_of(participant.pk)
        meeting.entry = entries.get(meeting.pk)
        meeting.started = meeting.entry is not None and meeting.entry.slot.start <= now
        meeting.ended = meeting.entry is not None and meeting.entry.slot.end <= now
    meetings.sort(key=lambda m: (m.entry is None, m.entry.slot.start if m.entry else now, m.pk))
    return meetings


def my_agreements(*, participant: Participant) -> QuerySet[Agreement]:
    """Agreements of the delegate's organisation at this event, newest first."""
    return (
        Agreement.objects.filter(event_id=participant.event_id, parties=participant.organisation_id)
        .prefetch_related("parties")
        .order_by("-created_at", "-id")
    )


def my_meeting_get(*, participant: Participant, pk: Any) -> Meeting:
    try:
        return Meeting.objects.get(
            Q(participant_a=participant) | Q(participant_b=participant),
            event_id=participant.event_id,
            pk=pk,
        )
    except (Meeting.DoesNotExist, ValueError, TypeError) as error:
        raise NotFound(gettext("No such meeting of yours.")) from error


# --- Agenda ------------------------------------------------------------------------------


def agenda_stamp(*, participant: Participant) -> str:
    """Changes whenever anything the delegate's agenda shows changes, in one query.

    Releases are frozen, so a new one is a new ``Schedule`` row; their meetings' state, the
    other sides' names, places, slot grid, sessions and halls are stamped by event; chosen
    sessions touch the delegate's row (``participant_choose_session``).
    """
    event_id, me = participant.event_id, participant.pk
    by_event = "t.event_id = %s"
    tables = (Schedule, Participant, Organisation, MeetingTable, Booth, SlotGrid, Hall)
    sources = [StampSource(model._meta.db_table, by_event, (event_id,)) for model in tables]
    sources += [
        StampSource(ProgrammeSession._meta.db_table, by_event, (event_id,)),
        StampSource(
            Meeting._meta.db_table,
            "t.event_id = %s AND (t.participant_a_id = %s OR t.participant_b_id = %s)",
            (event_id, me, me),
        ),
        StampSource(Event._meta.db_table, "t.id = %s", (event_id,)),
    ]
    return change_stamp(*sources)


def agenda_entries_away(*, participant: Participant, rows: Iterable[AgendaRow]) -> frozenset[int]:
    """Of the agenda's ``rows``, the published meetings (``ScheduledMeeting`` ids) at a time
    the delegate has since ruled out: a slot marked unavailable, before their arrival or
    after their departure (judged as ``keruen.meetings.clashes`` judges them). The meeting
    stays until the organisers move it; the agenda says so beside it. One query."""
    from keruen.meetings import clashes

    unavailable = set(participant.unavailable_slots.values_list("pk", flat=True))
    return frozenset(
        row.entry.pk
        for row in rows
        if row.entry is not None
        and row.entry.meeting.status == Meeting.Status.ACCEPTED  # not held or missed
        and (
            row.entry.slot_id in unavailable
            or clashes.starts_before_arrival(participant, row.entry.slot)
            or clashes.ends_after_departure(participant, row.entry.slot)
        )
    )


def agenda_by_day(*, participant: Participant) -> list[tuple[dt.date, list[AgendaRow]]]:
    """The agenda grouped by date on the event's clock."""
    zone = participant.event.tz
    days: dict[dt.date, list[AgendaRow]] = defaultdict(list)
    for row in agenda_rows(participant=participant):
        days[row.start.astimezone(zone).date()].append(row)
    return sorted(days.items())


def participant_by_feed_token(*, event: Event, token: str) -> Participant:
    """The registration whose private calendar link this is, whatever its status (see
    ``agenda_ics``); a wrong token is simply not found."""
    if not token or len(token) < 16:
        raise NotFound(gettext("No such calendar."))
    participant = (
        Participant.objects.filter(event=event, feed_token=token)
        .select_related("event", "organisation", "user")
        .first()
    )
    if participant is None:
        raise NotFound(gettext("No such calendar."))
    return participant


# Calendars remind the delegate this long before each meeting or session: time to cross an
# exhibition centre's halls to the table. A missed slot cannot be made up at an expo.
REMINDER_MINUTES = 10


def agenda_ics_items(*, participant: Participant) -> list[ics.AgendaItem]:
    """The feed's events in time order, as ``agenda_rows`` lists them; texts in the
    delegate's interface language (active at call time).

    Each entry's SEQUENCE grows whenever what it shows that calendars must update changes:
    for a meeting see ``meeting_sequences``; for a session its start, end, room or hall, or
    the hall's name (``events.selectors.programme_sessions_sequenced``). A session's
    LOCATION names its room and hall as a meeting's names its place and hall
    (``ProgrammeSession.place``, ``ScheduledMeeting.place``). The sessions are read here
    rather than through ``agenda_rows``, whose query would read them without their count.
    """
    from keruen.common.i18n import localize

    event = participant.event
    entries = participant_agenda(participant=participant)
    sessions = programme_sessions_sequenced(sessions=chosen_sessions(participant=participant))
    sequences = meeting_sequences(event=event, meeting_ids=[entry.meeting_id for entry in entries])
    timed: list[tuple[dt.datetime, str, ics.AgendaItem]] = []
    for entry in entries:
        meeting = entry.meeting
        other = meeting.partner_of(participant.pk)
        organisation = localize(other.organisation.name)
        item = ics.AgendaItem(
            uid=f"meeting-{entry.meeting_id}@{event.slug}.keruen",
            start=entry.slot.start,
            end=entry.slot.end,
            # With the Latin form, as the pages name them: a calendar read in Chinese gets
            # "Мұрат Ахметов (Murat Akhmetov)", not a name it cannot read.
            summary=str(_("Meeting: %(name)s, %(organisation)s"))
            % {"name": other.name_with_latin, "organisation": organisation},
            location=entry.place,
            description=_meeting_description(meeting, other),
            sequence=sequences.get(entry.meeting_id, 0),
            reminder_minutes=REMINDER_MINUTES,
        )
        timed.append((item.start, "meeting", item))
    for session, sequence in sessions:
        item = ics.AgendaItem(
            uid=f"session-{session.pk}@{event.slug}.keruen",
            start=session.start,
            end=session.end,
            summary=localize(session.title),
            location=session.place,
            description=localize(session.description),
            sequence=sequence,
            reminder_minutes=REMINDER_MINUTES,
        )
        timed.append((item.start, "session", item))
    return [item for _start, _kind, item in sorted(timed, key=lambda row: row[:2])]


def _meeting_description(meeting: Meeting, other: Participant) -> str:
    """Who the partner is and the meeting's language, for the calendar entry's notes (no
    contact details: calendars are shared and synced beyond the delegate's control)."""
    from keruen import reference
    from keruen.common.i18n import localize, ui_language

    title = localize(other.title)
    who = f"{title}, " if title else ""
    organisation = other.organisation
    lines = [f"{who}{localize(organisation.name)}{organisation.country_after_name}"]
    if meeting.language:
        language = reference.language_name(meeting.language, ui_language())
        lines.append(str(_("Meeting language: %(language)s")) % {"language": language})
    else:
        lines.append(str(_("No language in common: an interpreter is needed.")))
    return "\n".join(lines)


def agenda_ics(*, participant: Participant) -> str:
    """The delegate's calendar feed. A registration that is no longer approved (withdrawn,
    rejected) gets a valid calendar with no events rather than a 404: a calendar app keeps
    the last events it read from a feed that fails, but drops those a feed no longer lists,
    as it does for a meeting cancelled on an approved delegate's feed."""
    from keruen.common.i18n import localize

    event = participant.event
    approved = participant.status == Participant.Status.APPROVED
    release = (
        Schedule.objects.filter(event=event, published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return ics.calendar_build(
        name=f"{localize(event.name)} · {participant.display_name}",
        time_zone=event.time_zone,
        items=agenda_ics_items(participant=participant) if approved else [],
        stamp=release or timezone.now(),
    )
