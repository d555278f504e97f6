"""The console's agreements: what the expo produced, recording one the organisers learnt of
(a signing ceremony, a memorandum announced at a forum), and correcting one: its values on
its edit page, its status (signed, cancelled, back under negotiation) with buttons there.

An agreement is looked up through the URL's event, so an id from another event is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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
from keruen.console.agreement_forms import AgreementEditForm, AgreementSignForm
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event


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
    filters = {key: request.GET.get(key, "") for key in ("status", "kind", "sector")}
    rows = agreement_list(event=event, **filters)
    lang = ui_language()
    return console_render(
        request,
        "console/agreements.html",
        event=event,
        form=form,
        agreements=rows,
        filters=filters,
        statuses=Agreement.Status.choices,
        kinds=Agreement.Kind.choices,
        sectors=[(sector.key, sector.label(lang)) for sector in reference.sectors()],
        signed_values=agreement_signed_values(event=event, **filters),
        status=200 if request.method == "GET" or form.is_valid() else 422,
    )


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
            messages.success(request, _("The agreement is updated."))
            return redirect("console-agreements", event.slug)
    agreement.refresh_from_db()  # the page shows the stored agreement, not the refused input
    return _edit_page(request, event, agreement, form, status=status)


@require_POST
@organiser_required
def agreement_status(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Mark an agreement signed on a date, cancel it, or put it back under negotiation; the
    edit page then says what became of it."""
    agreement = get_for_event(Agreement, event=event, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "sign":
            sign_form = AgreementSignForm(request.POST)
            if not sign_form.is_valid():
                messages.error(request, _("Give the date it was signed."))
                return redirect("console-agreement-edit", event.slug, agreement.pk)
            agreement_sign(agreement=agreement, signed_on=sign_form.cleaned_data["signed_on"])
        elif action == "cancel":
            agreement_cancel(agreement=agreement)
        elif action == "reopen":
            agreement_reopen(agreement=agreement)
        else:
            messages.error(request, _("This agreement cannot be changed that way."))
            return redirect("console-agreement-edit", event.slug, agreement.pk)
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("console-agreement-edit", event.slug, agreement.pk)
    messages.success(
        request, _("The agreement is now %(status)s.") % {"status": agreement.get_status_display()}
    )
    return redirect("console-agreement-edit", event.slug, agreement.pk)


def _edit_page(
    request: HttpRequest,
    event: Event,
    agreement: Agreement,
    form: AgreementEditForm,
    *,
    status: int = 200,
) -> HttpResponse:
    return console_render(
        request,
        "console/agreement_edit.html",
        event=event,
        status=status,
        agreement=agreement,
        form=form,
        sign_form=AgreementSignForm(auto_id="sign_%s"),  # beside the edit form's date
    )
