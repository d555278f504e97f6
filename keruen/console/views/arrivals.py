"""Badges and the registration desk: print the badges, scan one, check the delegate in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from keruen.common.errors import KeruenError
from keruen.common.i18n import UI_LANGUAGES, language_own_name, localize, ui_language
from keruen.common.params import text_param
from keruen.common.permissions import organiser_required
from keruen.console.views.common import console_render
from keruen.events.models import Event
from keruen.meetings.selectors import agenda_rows
from keruen.people.arrivals import (
    BadgeFilters,
    arrivals_count,
    arrivals_latest,
    arrivals_search,
    badge_participants,
    check_in_refusal,
    participant_by_badge_code,
    participant_check_in,
    participant_check_in_undo,
)
from keruen.people.badge_codes import SCANNED_MAX
from keruen.people.badges import badge_event_line, badge_of, badges_of
from keruen.people.models import Participant
from keruen.people.selectors import delegation_choices

BADGES_PER_SHEET = 4  # A6 on A4
BADGES_PER_PAGE = 100  # 25 sheets: a print job a desk printer takes in one go
NEXT_MEETINGS = 5


def _scan_url(request: HttpRequest, event: Event, code: str) -> str:
    """What a badge's QR code holds: check-in for organisers, contacts for delegates."""
    return request.build_absolute_uri(reverse("badge-scan", args=[event.slug, code]))


def _language_names() -> list[tuple[str, str]]:
    """Each badge language in its own name, as the site's language menu shows them."""
    return [(code, language_own_name(code)) for code in UI_LANGUAGES]


@organiser_required
def badges(request: HttpRequest, event: Event) -> HttpResponse:
    """Printable A6 badges, four to an A4 sheet, filtered by delegation, role or name."""
    filters = BadgeFilters.from_query(request.GET)
    language = ui_language(request.GET.get("language") or None)
    page = Paginator(badge_participants(event=event, filters=filters), BADGES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    printed = badges_of(
        page.object_list,
        language=language,
        scan_url=lambda code: _scan_url(request, event, code),
    )
    return console_render(
        request,
        "console/badges.html",
        event=event,
        page=page,
        sheets=[
            printed[i : i + BADGES_PER_SHEET] for i in range(0, len(printed), BADGES_PER_SHEET)
        ],
        event_name=localize(event.name, language),
        event_line=badge_event_line(event, language=language),
        filters=filters,
        language=language,
        badge_languages=_language_names(),
        roles=Participant.Role.choices,
        delegations=delegation_choices(event=event, language=ui_language()),
    )


@organiser_required
def check_in_desk(request: HttpRequest, event: Event) -> HttpResponse:
    """The desk: type a badge code or a name, or scan a badge into the box (a scanner types
    the whole address of its QR code); who arrived last; how many have arrived."""
    query = text_param(request.GET.get("q"), limit=SCANNED_MAX)
    found, refusal = None, ""
    if query:
        try:
            found = _with_moments(arrivals_search(event=event, query=query), event)
        except KeruenError as error:  # another event's badge
            refusal = error.message
    return console_render(
        request,
        "console/check_in_desk.html",
        event=event,
        query=query,
        found=found,
        refusal=refusal,
        arrivals=arrivals_count(event=event),
        latest=_with_moments(arrivals_latest(event=event), event),
    )


def _with_moments(people: Iterable[Participant], event: Event) -> list[tuple[Participant, str]]:
    """Each person with their arrival on the event's clock (a multi-day expo: with the day
    when it was not today)."""
    return [(person, _moment(person.checked_in_at, event)) for person in people]


@organiser_required
def check_in_badge(request: HttpRequest, event: Event, code: str) -> HttpResponse:
    """What a scanned badge opens: who it is, their next meetings, and the check-in button."""
    participant = participant_by_badge_code(event=event, code=code)
    if request.method == "POST":
        return _check_in_post(request, event, participant)
    now = timezone.now()
    upcoming = [
        row
        for row in agenda_rows(participant=participant)
        if row.kind == "meeting" and row.end >= now
    ]
    return console_render(
        request,
        "console/check_in_badge.html",
        event=event,
        participant=participant,
        badge=badge_of(
            participant,
            language=ui_language(),
            scan_url=_scan_url(request, event, participant.badge_code),
        ),
        event_name=localize(event.name),
        event_line=badge_event_line(event, language=ui_language()),
        checked_in_at=_moment(participant.checked_in_at, event),
        refusal=""
        if participant.status == Participant.Status.APPROVED
        else check_in_refusal(participant),
        upcoming=upcoming[:NEXT_MEETINGS],
        arrivals=arrivals_count(event=event),
    )


def _moment(value: dt.datetime | None, event: Event) -> str:
    """A time on the event's clock; with the day when it was not today."""
    if value is None:
        return ""
    local = timezone.localtime(value, event.tz)
    today = timezone.localtime(timezone.now(), event.tz).date()
    return date_format(local, "H:i" if local.date() == today else "j M, H:i")


def _check_in_post(request: HttpRequest, event: Event, participant: Participant) -> HttpResponse:
    name = participant.display_name
    try:
        if request.POST.get("action") == "undo":
            if participant_check_in_undo(participant=participant):
                taken_back = _("%(name)s: the check-in is taken back.")
                messages.success(request, taken_back % {"name": name})
            else:  # another desk took it back first, or a stale page
                nothing = _("%(name)s had not been checked in: there was nothing to take back.")
                messages.info(request, nothing % {"name": name})
        elif participant_check_in(participant=participant):
            messages.success(request, _("%(name)s is checked in.") % {"name": name})
        else:
            at = _moment(participant.checked_in_at, event)
            messages.info(
                request,
                _("%(name)s had already arrived, at %(time)s.") % {"name": name, "time": at},
            )
    except KeruenError as error:
        messages.error(request, error.message)
    if request.POST.get("next") == "desk":
        return redirect("console-check-in", event.slug)
    return redirect("console-check-in-badge", event.slug, participant.badge_code)
