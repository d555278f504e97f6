"""Changing and deleting what the set-up page added: halls, booths, tables, sessions, rules.

Each object has an edit page (GET shows the form, POST saves it) and a POST-only delete
action. The object is looked up through the URL's event, so an id from another event is a
404. A refusal (invalid input, a hall still in use) re-renders the edit page with the
reason and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from keruen.common.edits import EditClash, base_from_field, base_to_field
from keruen.common.errors import KeruenError
from keruen.common.i18n import localize
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console import edit_forms
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events import editing, selectors
from keruen.events.models import Booth, Event, Hall, MeetingTable, ProgrammeSession, RequestRule
from keruen.meetings import clashes
from keruen.people.models import Participant


@dataclass(frozen=True)
class Editable:
    """How the console edits and deletes one kind of set-up object."""

    model: type[models.Model]
    anchor: str  # the set-up page's section the "back" link returns to
    edit_url: str
    delete_url: str
    make_form: Callable[..., forms.Form]  # (data, event, obj) -> form
    save: Callable[[Any, dict[str, Any]], object]  # (obj, cleaned data)
    delete: Callable[[Any], None]
    title: Callable[[Any], str]
    saved: Callable[[Any], str]
    deleted: Callable[[Any], str]
    delete_notes: Callable[[Any], list[str]] = lambda obj: []
    blocker: Callable[[Any], str | None] = lambda obj: None
    # What the saved object now breaks that the organiser has to mend elsewhere.
    warnings: Callable[[Any], list[str]] = lambda obj: []


def _edit_page(
    request: HttpRequest,
    event: Event,
    kind: Editable,
    obj: Any,
    *,
    form: forms.Form | None = None,
    delete_error: str | None = None,
    status: int = 200,
) -> HttpResponse:
    return console_render(
        request,
        "console/setup_edit.html",
        event=event,
        status=status,
        form=form or kind.make_form(None, event, obj),
        heading=kind.title(obj),
        obj=obj,
        anchor=kind.anchor,
        edit_url=kind.edit_url,
        delete_url=kind.delete_url,
        delete_notes=kind.delete_notes(obj),
        blocker=None if delete_error else kind.blocker(obj),
        delete_error=delete_error,
    )


def _edit(request: HttpRequest, event: Event, kind: Editable, pk: int) -> HttpResponse:
    obj = get_for_event(kind.model, event=event, pk=pk)
    if request.method != "POST":
        return _edit_page(request, event, kind, obj)
    form = kind.make_form(request.POST, event, obj)
    status = 422
    if form.is_valid():
        try:
            with transaction.atomic():
                kind.save(obj, form.cleaned_data)
        except KeruenError as error:
            form_add_domain_error(form, error)
            if isinstance(error, EditClash):
                status = 409  # a colleague saved meanwhile: the form shows it
        else:
            messages.success(request, kind.saved(obj))
            for warning in kind.warnings(obj):
                messages.warning(request, warning)
            return _back(event)
    obj.refresh_from_db()  # the heading shows the stored object, not the rejected input
    return _edit_page(request, event, kind, obj, form=form, status=status)


def _delete(request: HttpRequest, event: Event, kind: Editable, pk: int) -> HttpResponse:
    obj = get_for_event(kind.model, event=event, pk=pk)
    message = kind.deleted(obj)
    try:
        with transaction.atomic():
            kind.delete(obj)
    except KeruenError as error:
        return _edit_page(request, event, kind, obj, delete_error=error.message, status=409)
    messages.success(request, message)
    return _back(event)


def _back(event: Event) -> HttpResponse:
    # To the top of the set-up page, where the message says what happened (as after adding).
    return redirect("console-setup", event.slug)


def _base(data: dict[str, Any]) -> dict[str, str] | None:
    """The base the form was opened with (None from a page older than bases)."""
    return base_from_field(data.get("base"))


# --- Halls ---------------------------------------------------------------------------------


def _hall_notes(hall: Hall) -> list[str]:
    tables = MeetingTable.objects.filter(event=hall.event_id, hall=hall).count()
    sessions = ProgrammeSession.objects.filter(event=hall.event_id, hall=hall).count()
    if not tables and not sessions:
        return []
    return [
        _(
            "Tables in this hall: %(tables)d; programme sessions: %(sessions)d. They stay, "
            "without a hall."
        )
        % {"tables": tables, "sessions": sessions}
    ]


HALL = Editable(
    model=Hall,
    anchor="halls",
    edit_url="console-hall-edit",
    delete_url="console-hall-delete",
    make_form=lambda data, event, hall: edit_forms.HallEditForm(data, event=event, hall=hall),
    save=lambda hall, data: editing.hall_update(
        hall=hall,
        code=data["code"],
        name=data["_translated"],
        base=_base(data),
    ),
    delete=lambda hall: editing.hall_delete(hall=hall),
    title=lambda hall: _("Hall: %(hall)s") % {"hall": f"{hall.code} · {localize(hall.name)}"},
    saved=lambda hall: _("Hall %(hall)s updated.") % {"hall": hall.code},
    deleted=lambda hall: _("Hall %(hall)s deleted.") % {"hall": hall.code},
    delete_notes=_hall_notes,
    blocker=lambda hall: selectors.hall_delete_blocker(hall=hall),
)


@require_http_methods(["GET", "POST"])
@organiser_required
def hall_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _edit(request, event, HALL, pk)


@require_POST
@organiser_required
def hall_delete(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _delete(request, event, HALL, pk)


# --- Booths --------------------------------------------------------------------------------


def _booth_form(data: Any, event: Event, booth: Booth) -> forms.Form:
    initial = {
        "hall": booth.hall_id,
        "code": booth.code,
        "exhibitor": booth.exhibitor_id,
        "area_m2": booth.area_m2,
        "hosts_meetings": booth.hosts_meetings,
        "base": base_to_field(editing.booth_edit_base(booth)),
    }
    return edit_forms.BoothEditForm(data, event=event, initial=initial)


def _booth_notes(booth: Booth) -> list[str]:
    hosts = Participant.objects.filter(event=booth.event_id, booth=booth).count()
    if not hosts:
        return []
    return [
        _(
            "Delegates who meet at this booth: %(n)d. New schedules will place their meetings "
            "at the shared tables."
        )
        % {"n": hosts}
    ]


BOOTH = Editable(
    model=Booth,
    anchor="booths",
    edit_url="console-booth-edit",
    delete_url="console-booth-delete",
    make_form=_booth_form,
    save=lambda booth, data: editing.booth_update(
        booth=booth,
        hall=data["hall"],
        code=data["code"],
        area_m2=data["area_m2"],
        hosts_meetings=data["hosts_meetings"],
        exhibitor=data["exhibitor"],
        base=_base(data),
    ),
    delete=lambda booth: editing.booth_delete(booth=booth),
    title=lambda booth: _("Booth %(booth)s") % {"booth": booth.code},
    saved=lambda booth: _("Booth %(booth)s updated.") % {"booth": booth.code},
    deleted=lambda booth: _("Booth %(booth)s deleted.") % {"booth": booth.code},
    delete_notes=_booth_notes,
    blocker=lambda booth: selectors.booth_delete_blocker(booth=booth),
)


@require_http_methods(["GET", "POST"])
@organiser_required
def booth_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _edit(request, event, BOOTH, pk)


@require_POST
@organiser_required
def booth_delete(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _delete(request, event, BOOTH, pk)


# --- Meeting tables ------------------------------------------------------------------------


def _table_form(data: Any, event: Event, table: MeetingTable) -> forms.Form:
    initial = {
        "label": table.label,
        "hall": table.hall_id,
        "is_active": table.is_active,
        "base": base_to_field(editing.table_edit_base(table)),
    }
    return edit_forms.TableEditForm(data, event=event, initial=initial)


TABLE = Editable(
    model=MeetingTable,
    anchor="tables",
    edit_url="console-table-edit",
    delete_url="console-table-delete",
    make_form=_table_form,
    save=lambda table, data: editing.table_update(
        table=table,
        label=data["label"],
        hall=data["hall"],
        is_active=data["is_active"],
        base=_base(data),
    ),
    delete=lambda table: editing.table_delete(table=table),
    title=lambda table: _("Table %(table)s") % {"table": table},
    saved=lambda table: _("Table %(table)s updated.") % {"table": table},
    deleted=lambda table: _("Table %(table)s deleted.") % {"table": table},
    blocker=lambda table: selectors.table_delete_blocker(table=table),
)


@require_http_methods(["GET", "POST"])
@organiser_required
def table_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _edit(request, event, TABLE, pk)


@require_POST
@organiser_required
def table_delete(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _delete(request, event, TABLE, pk)


# --- Programme sessions --------------------------------------------------------------------


def _session_notes(session: ProgrammeSession) -> list[str]:
    attendees = session.attendees.count()
    if not attendees:
        return []
    return [
        _("Delegates who chose to attend it: %(n)d. Their choice is deleted with it.")
        % {"n": attendees}
    ]


# Meetings named in a clash warning; the others are counted.
CLASHES_NAMED = 8


def session_clash_warnings(session: ProgrammeSession) -> list[str]:
    """A session that blocks its speakers' meetings while one of those meetings is in the
    published schedule: the meeting stays there (delegates hold the release) until the
    organiser re-schedules. Which meetings, with the times on the event's clock, and what to
    do, in one warning (none when nothing clashes)."""
    if not session.blocks_meetings:
        return []
    event = session.event
    listed = clashes.meetings_during(
        event=event,
        participants=session.speakers.all(),
        start=session.start,
        end=session.end,
    )
    # A meeting between two of the speakers is listed for each: named and counted once.
    firsts: dict[int, clashes.PublishedClash] = {}
    for clash in listed:
        firsts.setdefault(clash.entry.pk, clash)
    found = list(firsts.values())
    if not found:
        return []
    meetings = "; ".join(
        _("%(speaker)s with %(other)s at %(time)s")
        % {
            "speaker": clash.participant.name_with_latin,
            "other": clash.other.name_with_latin,
            "time": clash.time(event),
        }
        for clash in found[:CLASHES_NAMED]
    )
    if len(found) > CLASHES_NAMED:
        meetings += " " + _("and %(n)d more") % {"n": len(found) - CLASHES_NAMED}
    message = ngettext(
        "“%(title)s” keeps its speakers free of meetings while it runs, but %(n)d meeting of "
        "theirs in the published schedule is at that time: %(meetings)s. It stays there "
        "until you move it: on the Schedule page, re-schedule with minimal changes to the "
        "current release, then publish the new draft.",
        "“%(title)s” keeps its speakers free of meetings while it runs, but %(n)d meetings of "
        "theirs in the published schedule are at that time: %(meetings)s. They stay there "
        "until you move them: on the Schedule page, re-schedule with minimal changes to the "
        "current release, then publish the new draft.",
        len(found),
    )
    return [message % {"title": session, "n": len(found), "meetings": meetings}]


SESSION = Editable(
    model=ProgrammeSession,
    anchor="programme",
    edit_url="console-session-edit",
    delete_url="console-session-delete",
    make_form=lambda data, event, session: edit_forms.ProgrammeSessionEditForm(
        data, event=event, session=session
    ),
    save=lambda session, data: editing.programme_session_update(
        session=session,
        kind=data["kind"],
        title=data["_translated"],
        start=data["start"],
        end=data["end"],
        room=data["room"],
        hall=data["hall"],
        blocks_meetings=data["blocks_meetings"],
        speakers=list(data["speakers"]),
        base=_base(data),
    ),
    delete=lambda session: editing.programme_session_delete(session=session),
    title=lambda session: _("Session “%(title)s”") % {"title": session},
    saved=lambda session: _("Session “%(title)s” updated.") % {"title": session},
    deleted=lambda session: _("Session “%(title)s” deleted.") % {"title": session},
    delete_notes=_session_notes,
    warnings=lambda session: session_clash_warnings(session),
)


@require_http_methods(["GET", "POST"])
@organiser_required
def session_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _edit(request, event, SESSION, pk)


@require_POST
@organiser_required
def session_delete(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _delete(request, event, SESSION, pk)


# --- Networking rules ----------------------------------------------------------------------


def _rule_form(data: Any, event: Event, rule: RequestRule) -> forms.Form:
    initial = {
        "requester_role": rule.requester_role,
        "allowed": "1" if rule.allowed else "0",
        "target_role": rule.target_role,
        "base": base_to_field(editing.request_rule_edit_base(rule)),
    }
    return edit_forms.RequestRuleEditForm(data, event=event, initial=initial)


def rule_text(rule: RequestRule) -> str:
    """'visitor may not request any role' in the interface language.

    One sentence per verb, so that each language puts the roles where its grammar wants them.
    """
    labels = {"": _("any role"), **dict(Participant.Role.choices)}
    roles = {
        "requester": labels.get(rule.requester_role, rule.requester_role),
        "target": labels.get(rule.target_role, rule.target_role),
    }
    if rule.allowed:
        # Translators: a networking rule; both placeholders are delegates' roles.
        return _("%(requester)s may request %(target)s") % roles
    # Translators: a networking rule; both placeholders are delegates' roles.
    return _("%(requester)s may not request %(target)s") % roles


RULE = Editable(
    model=RequestRule,
    anchor="networking",
    edit_url="console-rule-edit",
    delete_url="console-rule-delete",
    make_form=_rule_form,
    save=lambda rule, data: editing.request_rule_update(
        rule=rule,
        requester_role=data["requester_role"],
        target_role=data["target_role"],
        allowed=data["allowed"],
        base=_base(data),
    ),
    delete=lambda rule: editing.request_rule_delete(rule=rule),
    title=lambda rule: _("Networking rule: %(rule)s") % {"rule": rule_text(rule)},
    saved=lambda rule: _("Networking rules saved."),
    deleted=lambda rule: _("Networking rule deleted: %(rule)s") % {"rule": rule_text(rule)},
)


@require_http_methods(["GET", "POST"])
@organiser_required
def rule_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _edit(request, event, RULE, pk)


@require_POST
@organiser_required
def rule_delete(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    return _delete(request, event, RULE, pk)
