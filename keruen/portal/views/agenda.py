"""The agenda: day view, printable page, ICS feed, chosen programme sessions, the e-badge."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from keruen.common.i18n import localize, ui_language
from keruen.common.permissions import participant_required
from keruen.common.tenancy import get_for_event
from keruen.events.models import Event, ProgrammeSession
from keruen.events.selectors import event_get_public, programme_by_day
from keruen.meetings.selectors import AgendaRow, agenda_rows
from keruen.people import services as people_services
from keruen.people.badges import badge_event_line, badge_of
from keruen.people.models import Participant
from keruen.portal import selectors
from keruen.portal.views.common import render_page as _render

# --- Agenda ------------------------------------------------------------------------------


@participant_required
def agenda(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    chosen_day = request.GET.get("day", "")[:10]
    # The day list and rows are cached under the agenda's stamp: read only on a miss.
    days = SimpleLazyObject(lambda: selectors.agenda_by_day(participant=participant))
    shown = SimpleLazyObject(
        lambda: [(d, rows) for d, rows in days if not chosen_day or d.isoformat() == chosen_day]
    )
    key = (selectors.agenda_stamp(participant=participant), participant.pk, chosen_day)
    feed = request.build_absolute_uri(
        reverse("portal-agenda-ics", args=[event.slug]) + f"?token={participant.feed_token}"
    )
    return _render(
        request,
        "agenda.html",
        event,
        participant=participant,
        days=days,
        shown=shown,
        chosen_day=chosen_day,
        away=SimpleLazyObject(
            lambda: selectors.agenda_entries_away(
                participant=participant, rows=(row for _day, rows in days for row in rows)
            )
        ),
        feed_url=feed,
        agenda_key=hashlib.sha256(repr(key).encode()).hexdigest(),
    )


@participant_required
def agenda_print(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    days = selectors.agenda_by_day(participant=participant)
    return _render(
        request,
        "agenda_print.html",
        event,
        participant=participant,
        days=days,
        away=selectors.agenda_entries_away(
            participant=participant, rows=(row for _day, rows in days for row in rows)
        ),
        printed_at=timezone.now(),
    )


@participant_required
def badge(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    """The delegate's e-badge: shown at the registration desk, its QR code is scanned there."""
    scan_url = request.build_absolute_uri(
        reverse("badge-scan", args=[event.slug, participant.badge_code])
    )
    return _render(
        request,
        "badge.html",
        event,
        participant=participant,
        badge=badge_of(participant, language=ui_language(), scan_url=scan_url),
        event_name=localize(event.name),
        event_line=badge_event_line(event, language=ui_language()),
    )


def agenda_ics(request: HttpRequest, event_slug: str) -> HttpResponse:
    """The private calendar feed: the token in the link is the only credential."""
    from django.utils import translation

    event = event_get_public(slug=event_slug)
    participant = selectors.participant_by_feed_token(
        event=event, token=request.GET.get("token", "")
    )
    # Calendar apps send no language; speak the delegate's own.
    with translation.override(ui_language(participant.user.language)):
        body = selectors.agenda_ics(participant=participant)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-agenda.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@participant_required
def session_list(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    chosen = set(participant.chosen_sessions.values_list("pk", flat=True))
    return _render(
        request,
        "session_list.html",
        event,
        days=_sessions_by_day(event, participant),
        chosen=chosen,
    )


@dataclass(frozen=True)
class SessionLine:
    """A programme session, with the delegate's published meetings held at the same time."""

    session: ProgrammeSession
    clashes: list[AgendaRow]


# Meetings are held during these: a meeting in one is no clash to warn about.
_MEETINGS_HELD_DURING = (ProgrammeSession.Kind.EXHIBITION, ProgrammeSession.Kind.MATCHMAKING)


def _sessions_by_day(
    event: Event, participant: Participant
) -> list[tuple[dt.date, list[SessionLine]]]:
    """The programme by day on the event's clock; each session with the delegate's meetings
    that overlap it, so that choosing a forum does not mean missing a meeting unawares."""
    meetings = [row for row in agenda_rows(participant=participant) if row.kind == "meeting"]
    return [
        (day, [SessionLine(session, _clashes(session, meetings)) for session in sessions])
        for day, sessions in programme_by_day(event=event)
    ]


def _clashes(session: ProgrammeSession, meetings: list[AgendaRow]) -> list[AgendaRow]:
    if session.kind in _MEETINGS_HELD_DURING:
        return []
    return [m for m in meetings if m.start < session.end and session.start < m.end]


@require_POST
@participant_required
def session_choose(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    session = get_for_event(ProgrammeSession, event=event, pk=pk)
    chosen = request.POST.get("chosen") == "1"
    people_services.participant_choose_session(
        participant=participant, session=session, chosen=chosen
    )
    # Back to the page the button was on (the programme or the portal), never off-site.
    target = request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if not (safe and target.startswith(f"/{event.slug}/")):
        target = reverse("portal-session-list", args=[event.slug])
    return redirect(target)
