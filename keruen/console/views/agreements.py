"""The console's agreements: what the expo produced, recording one the organisers learnt of
(a signing ceremony, a memorandum announced at a forum), and correcting one: its values on
its edit page, its status (signed, cancelled, back under negotiation) with buttons there.

An agreement is looked up through the URL's event, so an id from another event is a 404.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from keruen import reference
from keruen.agreements.editing import (
    agreement_cancel,
    agreement_reopen,
    agreement_sign,
    agreement_update,
)
from keruen.agreements.forms import OrganiserAgreementForm
from keruen.agreements.models import Agreement
from keruen.agreements.selectors import agreement_list, agreement_signed_values
from keruen.agreements.services import agreement_record
from keruen.common.edits import EditClash
from keruen.common.errors import KeruenError
from keruen.common.i18n import ui_language
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console.agreement_forms import (
    AgreementConfirmForm,
    AgreementEditForm,
    AgreementSignForm,
)
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event, Slot
from keruen.meetings.models import Meeting
from keruen.meetings.outcomes import meeting_published_slot

FILTERS = ("status", "kind", "sector")
# The tag of the message that an agreement is updated: the list marks its row.
UPDATED_TAG = "agreement-updated-"
# Each status change of the status box, and the status it gives.
STATUS_ACTIONS = {
    "sign": Agreement.Status.SIGNED,
    "cancel": Agreement.Status.CANCELLED,
    "reopen": Agreement.Status.NEGOTIATING,
}


@organiser_required
def agreements(request: HttpRequest, event: Event) -> HttpResponse:
    """The event's agreements with filters, the signed value per currency of those the
    filters show, and a form."""
    form = OrganiserAgreementForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_record(
                event=event,
                parties=list(form.cleaned_data["parties"]),
                **form.agreement_fields(),
            )
        except KeruenError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The agreement is recorded."))
            return redirect("console-agreements", event.slug)
    lang = ui_language()
    choices: dict[str, Sequence[tuple[str, object]]] = {
        "status": Agreement.Status.choices,
        "kind": Agreement.Kind.choices,
        "sector": [(sector.key, sector.label(lang)) for sector in reference.sectors()],
    }
    # A value no select offers (an old link, a typo) filters nothing, as the select shows.
    filters = {key: request.GET.get(key, "") for key in FILTERS}
    filters = {
        key: value if value in {choice for choice, _label in choices[key]} else ""
        for key, value in filters.items()
    }
    rows = agreement_list(event=event, **filters)
    return console_render(
        request,
        "console/agreements.html",
        event=event,
        form=form,
        agreements=rows,
        filters=filters,
        filtered=any(filters.values()),
        statuses=choices["status"],
        kinds=choices["kind"],
        sectors=choices["sector"],
        signed_values=agreement_signed_values(event=event, **filters),
        updated=_updated_agreement(request),
        status=200 if request.method == "GET" or form.is_valid() else 422,
    )


def _updated_agreement(request: HttpRequest) -> int | None:
    """The agreement whose edit page sent the organiser back here, from its message."""
    for message in messages.get_messages(request):  # still shown: the page lists them
        tag = message.extra_tags or ""
        if tag.startswith(UPDATED_TAG) and tag[len(UPDATED_TAG) :].isdigit():
            return int(tag[len(UPDATED_TAG) :])
    return None


@require_http_methods(["GET", "POST"])
@organiser_required
def agreement_edit(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Correct one of the event's agreements (GET shows the form, POST saves it)."""
    agreement = get_for_event(Agreement, event=event, pk=pk)
    if request.method != "POST":
        form = AgreementEditForm(event=event, agreement=agreement)
        return _edit_page(request, event, agreement, form)
    form = AgreementEditForm(request.POST, event=event, agreement=agreement)
    status = 422
    if form.is_valid():
        try:
            agreement_update(agreement=agreement, **form.agreement_fields())
        except KeruenError as error:
            form_add_domain_error(form, error)
            if isinstance(error, EditClash):
                status = 409  # a colleague saved meanwhile: the form shows it
        else:
            # Back to the list at the agreement's row, which says so.
            messages.success(
                request, _("The agreement is updated."), extra_tags=f"{UPDATED_TAG}{agreement.pk}"
            )
            url = reverse("console-agreements", args=[event.slug])
            return redirect(f"{url}#agreement-{agreement.pk}")
    agreement.refresh_from_db()  # the page shows the stored agreement, not the refused input
    return _edit_page(request, event, agreement, form, status=status)


@require_POST
@organiser_required
def agreement_status(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Mark an agreement signed on a date, cancel it, or put it back under negotiation (both
    confirmed with a tick box); the edit page then says what became of it. A refused date, or
    a box left unticked, is told on the status box's form, with what was typed."""
    agreement = get_for_event(Agreement, event=event, pk=pk)
    action = request.POST.get("action", "")
    if action not in STATUS_ACTIONS:
        messages.error(request, _("This agreement cannot be changed that way."))
        return redirect("console-agreement-edit", event.slug, agreement.pk)
    if agreement.status == STATUS_ACTIONS[action]:
        # Done already (a second click, a colleague): the page no longer offers it.
        messages.error(request, _status_already(agreement))
        return redirect("console-agreement-edit", event.slug, agreement.pk)
    form = _status_form(action, agreement, request.POST)
    if not form.is_valid():
        return _edit_page(request, event, agreement, status_form=(action, form), status=422)
    try:
        if isinstance(form, AgreementSignForm):
            agreement_sign(agreement=agreement, signed_on=form.cleaned_data["signed_on"])
        elif action == "cancel":
            agreement_cancel(agreement=agreement)
        else:
            agreement_reopen(agreement=agreement)
    except KeruenError as error:
        agreement.refresh_from_db()
        if action != "sign" or agreement.status == Agreement.Status.SIGNED:
            messages.error(request, error.message)
            return redirect("console-agreement-edit", event.slug, agreement.pk)
        form_add_domain_error(form, error)  # the date refused, on the date typed
        return _edit_page(request, event, agreement, status_form=(action, form), status=422)
    messages.success(
        request, _("The agreement is now %(status)s.") % {"status": agreement.get_status_display()}
    )
    return redirect("console-agreement-edit", event.slug, agreement.pk)


StatusForm = AgreementSignForm | AgreementConfirmForm


def _status_already(agreement: Agreement) -> str:
    """What a status change to the status the agreement has is told (as the services do)."""
    if agreement.status == Agreement.Status.SIGNED:
        return _("This agreement is signed already.")
    if agreement.status == Agreement.Status.CANCELLED:
        return _("This agreement is cancelled already.")
    return _("This agreement is under negotiation already.")


def _status_form(action: str, agreement: Agreement, data: QueryDict | None = None) -> StatusForm:
    """The status box's form for ``action``: the date for "sign" (the one it was signed on
    before, for a cancelled agreement that was), a tick box for "cancel" and "reopen"."""
    if action == "sign":
        return AgreementSignForm(
            data, auto_id="sign_%s", initial={"signed_on": agreement.signed_on}
        )
    label = (
        _("Yes, cancel this agreement.")
        if action == "cancel"
        else _("Yes, put this agreement back under negotiation.")
    )
    return AgreementConfirmForm(data, auto_id=f"{action}_%s", label=label)


@dataclass(frozen=True)
class MeetingShown:
    """The meeting an agreement came out of, as its page names it."""

    meeting: Meeting
    slot: Slot | None  # its time in the current published schedule (None: not in it)


def _meeting_shown(agreement: Agreement) -> MeetingShown | None:
    if agreement.meeting_id is None:
        return None
    meeting = Meeting.objects.select_related(
        "event", "participant_a__organisation", "participant_b__organisation"
    ).get(pk=agreement.meeting_id, event=agreement.event_id)
    return MeetingShown(meeting=meeting, slot=meeting_published_slot(meeting=meeting))


def _edit_page(
    request: HttpRequest,
    event: Event,
    agreement: Agreement,
    form: AgreementEditForm | None = None,
    *,
    status_form: tuple[str, StatusForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The agreement's page: the edit form and the status box's forms, one of which may be
    ``status_form`` (its action, and the form posted, with its errors)."""
    forms = {action: _status_form(action, agreement) for action in STATUS_ACTIONS}
    if status_form is not None:
        forms[status_form[0]] = status_form[1]
    return console_render(
        request,
        "console/agreement_edit.html",
        event=event,
        status=status,
        agreement=agreement,
        form=form or AgreementEditForm(event=event, agreement=agreement),
        sign_form=forms["sign"],
        cancel_form=forms["cancel"],
        reopen_form=forms["reopen"],
        meeting=_meeting_shown(agreement),
    )
