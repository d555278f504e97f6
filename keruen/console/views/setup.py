"""Event set-up: halls, booths, tables, the slot grid, the programme and networking rules.

One page shows everything; each form posts to its own URL. An invalid form re-renders the
page with that form's errors (status 422) and changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from keruen.common.edits import EditClash, base_from_field, base_to_field
from keruen.common.errors import KeruenError
from keruen.common.i18n import ui_language
from keruen.common.permissions import organiser_required
from keruen.console import edit_forms
from keruen.console import forms as console_forms
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.console.views.setup_edit import rule_text, session_clash_warnings
from keruen.events import editing, grid_editing, services
from keruen.events.models import (
    Booth,
    Event,
    GridBreak,
    Hall,
    MeetingTable,
    ProgrammeSession,
    RequestRule,
    Slot,
    SlotGrid,
)
from keruen.events.slot_grid import SlotGridSaved

# Where each form sits on the page (the id of its wrapper in setup.html) and its heading.
FORM_PLACES: dict[str, tuple[str, Any]] = {
    "hall_form": ("hall-form", gettext_lazy("Halls")),
    "booth_form": ("booth-form", gettext_lazy("Booths")),
    "exhibitor_form": ("exhibitor-form", gettext_lazy("Assign an exhibitor")),
    "tables_form": ("tables-form", gettext_lazy("Meeting tables")),
    "grid_form": ("grid-form", gettext_lazy("Slot grid")),
    "session_form": ("session-form", gettext_lazy("Programme sessions and speakers")),
    "networking_form": ("networking-form", gettext_lazy("Networking rules")),
    "rule_form": ("rule-form", gettext_lazy("Who may request whom")),
}

FORMS: dict[str, type[console_forms.EventForm]] = {
    "hall_form": console_forms.HallForm,
    "booth_form": console_forms.BoothForm,
    "exhibitor_form": console_forms.BoothExhibitorForm,
    "tables_form": console_forms.TablesForm,
    "grid_form": edit_forms.SlotGridEditForm,
    "session_form": console_forms.ProgrammeSessionForm,
    "networking_form": edit_forms.NetworkingEditForm,
    "rule_form": console_forms.RequestRuleForm,
}


def _grid_initial(event: Event) -> dict[str, Any]:
    grid = SlotGrid.objects.filter(event=event).first()
    base = base_to_field(grid_editing.slot_grid_edit_base(event))
    if grid is None:
        return {"slot_minutes": grid_editing.DEFAULT_SLOT_MINUTES, "base": base}
    breaks = GridBreak.objects.filter(event=event, day__isnull=True)
    return {
        "base": base,
        "days": grid.days,
        "slot_minutes": grid.slot_minutes,
        "am_start": grid.am_start,
        "am_end": grid.am_end,
        "pm_start": grid.pm_start,
        "pm_end": grid.pm_end,
        "breaks": "\n".join(f"{b.start:%H:%M}-{b.end:%H:%M}" for b in breaks),
    }


def _initial(event: Event, name: str) -> dict[str, Any]:
    if name == "grid_form":
        return _grid_initial(event)
    if name == "networking_form":
        deadline = event.request_deadline
        return {
            "request_deadline": deadline.astimezone(event.tz).replace(tzinfo=None)
            if deadline
            else None,
            "request_quota": event.request_quota,
            "base": base_to_field(editing.event_networking_edit_base(event)),
        }
    return {}


def _rules(event: Event) -> list[tuple[int, str]]:
    """(pk, "visitor may not request any role") of each networking rule."""
    return [(rule.pk, rule_text(rule)) for rule in RequestRule.objects.filter(event=event)]


def _setup_page(
    request: HttpRequest,
    event: Event,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 422,
) -> HttpResponse:
    bound = bound or {}
    page_forms = {
        name: bound.get(name) or form_class(event=event, initial=_initial(event, name))
        for name, form_class in FORMS.items()
    }
    slots_per_day = Counter(Slot.objects.filter(event=event).values_list("day_index", flat=True))
    context = {
        "halls": Hall.objects.filter(event=event).order_by("code"),
        "booths": Booth.objects.filter(event=event).select_related("hall", "exhibitor"),
        "tables": MeetingTable.objects.filter(event=event, is_active=True).count(),
        "table_list": MeetingTable.objects.filter(event=event).select_related("hall"),
        "slots_per_day": sorted(slots_per_day.items()),
        "slots_total": sum(slots_per_day.values()),
        "one_day_breaks": GridBreak.objects.filter(event=event, day__isnull=False),
        "sessions": ProgrammeSession.objects.filter(event=event)
        .select_related("hall")
        .prefetch_related("speakers"),
        "rules": _rules(event),
        **page_forms,
    }
    for name, form in bound.items():
        _focus_first_error(form)
        context["invalid_anchor"], context["invalid_title"] = FORM_PLACES[name]
    return console_render(
        request, "console/setup.html", event=event, status=status if bound else 200, **context
    )


def _focus_first_error(form: forms.Form) -> None:
    """Focus (and so scroll to) the first field in error, far down the page maybe.

    With an error on the whole form, its first field: the message sits just above it.
    """
    visible = [field.name for field in form.visible_fields()]
    wrong = [name for name in visible if name in form.errors] or visible[:1]
    if wrong:
        form.fields[wrong[0]].widget.attrs["autofocus"] = True


@organiser_required
def setup_home(request: HttpRequest, event: Event) -> HttpResponse:
    return _setup_page(request, event)


def _handle(
    request: HttpRequest,
    event: Event,
    name: str,
    apply: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Validate the posted form ``name``, run ``apply`` (a service call) atomically."""
    form = FORMS[name](request.POST, event=event)
    status = 422
    if form.is_valid():
        try:
            with transaction.atomic():
                message = apply(form.cleaned_data)
        except KeruenError as error:
            form_add_domain_error(form, error)
            if isinstance(error, EditClash):
                status = 409  # a colleague saved meanwhile: the form shows it
        else:
            messages.success(request, message)
            return redirect("console-setup", event.slug)
    return _setup_page(request, event, bound={name: form}, status=status)


@require_POST
@organiser_required
def hall_add(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        hall = services.hall_create(
            event=event, code=data["code"].strip(), name={ui_language(): data["name"].strip()}
        )
        return _("Hall %(hall)s added.") % {"hall": hall}

    return _handle(request, event, "hall_form", apply)


@require_POST
@organiser_required
def booth_add(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        booth = services.booth_create(
            event=event, hall=data["hall"], code=data["code"].strip(), area_m2=data["area_m2"]
        )
        if data["exhibitor"] is not None:
            services.booth_assign_exhibitor(booth=booth, organisation=data["exhibitor"])
        return _("Booth %(booth)s added.") % {"booth": booth}

    return _handle(request, event, "booth_form", apply)


@require_POST
@organiser_required
def booth_exhibitor(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        services.booth_assign_exhibitor(booth=data["booth"], organisation=data["exhibitor"])
        return _("Booth %(booth)s updated.") % {"booth": data["booth"]}

    return _handle(request, event, "exhibitor_form", apply)


@require_POST
@organiser_required
def tables_add(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        tables = services.tables_create(event=event, count=data["count"], hall=data["hall"])
        return _("%(n)d tables added.") % {"n": len(tables)}

    return _handle(request, event, "tables_form", apply)


def _grid_saved_message(saved: SlotGridSaved) -> str:
    """How many slots, and what became of the delegates' unavailability (if any declared)."""
    message = _("The slot grid now has %(n)d slots.") % {"n": len(saved.slots)}
    if not saved.unavailability_kept and not saved.unavailability_dropped:
        return message
    return " ".join(
        [
            message,
            _(
                "Unavailable slots declared by delegates: %(kept)d carried over to the new "
                "slots at the same time, %(dropped)d dropped (no new slot at that time)."
            )
            % {"kept": saved.unavailability_kept, "dropped": saved.unavailability_dropped},
        ]
    )


@require_POST
@organiser_required
def grid_set(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        saved = grid_editing.slot_grid_update(
            event=event,
            days=data["days"],
            slot_minutes=data["slot_minutes"],
            am=(data["am_start"], data["am_end"]),
            pm=(data["pm_start"], data["pm_end"]),
            breaks=data["breaks"],
            base=base_from_field(data.get("base")),
        )
        return _grid_saved_message(saved)

    return _handle(request, event, "grid_form", apply)


@require_POST
@organiser_required
def session_add(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        session = services.programme_session_create(
            event=event,
            kind=data["kind"],
            title={ui_language(): data["title"].strip()},
            start=data["start"],
            end=data["end"],
            room={ui_language(): data["room"]},  # typed in the organiser's language, as the title
            hall=data["hall"],
            blocks_meetings=data["blocks_meetings"],
        )
        services.programme_session_set_speakers(session=session, speakers=data["speakers"])
        added.append(session)
        return _("Session “%(title)s” added.") % {"title": session}

    added: list[ProgrammeSession] = []
    response = _handle(request, event, "session_form", apply)
    if response.status_code == 302:  # saved: what its speakers' meetings now break, after it
        for session in added:
            for warning in session_clash_warnings(session):
                messages.warning(request, warning)
    return response


@require_POST
@organiser_required
def networking_set(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        editing.event_networking_update(
            event=event,
            request_deadline=data["request_deadline"],
            request_quota=data["request_quota"],
            base=base_from_field(data.get("base")),
        )
        return _("Networking rules saved.")

    return _handle(request, event, "networking_form", apply)


@require_POST
@organiser_required
def rule_add(request: HttpRequest, event: Event) -> HttpResponse:
    def apply(data: dict[str, Any]) -> str:
        services.request_rule_set(
            event=event,
            requester_role=data["requester_role"],
            target_role=data["target_role"],
            allowed=data["allowed"],
        )
        return _("Networking rules saved.")

    return _handle(request, event, "rule_form", apply)
