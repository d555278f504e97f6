"""The console's agreements: what the expo produced, and recording one the organisers learnt of
(a signing ceremony, a memorandum announced at a forum)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from keruen import reference
from keruen.agreements.forms import OrganiserAgreementForm
from keruen.agreements.models import Agreement
from keruen.agreements.selectors import agreement_list, agreement_signed_values
from keruen.agreements.services import agreement_record
from keruen.common.errors import KeruenError
from keruen.common.i18n import ui_language
from keruen.common.permissions import organiser_required
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
