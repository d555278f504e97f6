"""Participants: every registration, searchable; one person's page; approval, withdrawal."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError
from keruen.common.i18n import localize, ui_language
from keruen.common.permissions import organiser_required
from keruen.common.tenancy import get_for_event
from keruen.console.exports import CSV_CONTENT_TYPE, ExportTable, table_csv
from keruen.console.exports.tables import Cell
from keruen.console.views.common import console_render, form_add_domain_error
from keruen.events.models import Event
from keruen.meetings.notifications import withdrawal_links
from keruen.meetings.roster import (
    RosterFilters,
    participant_meetings,
    participant_roster,
    pending_request_counts,
    roster_countries,
    roster_status_counts,
)
from keruen.meetings.withdrawal import (
    REASON_MAX,
    participant_readmit,
    participant_withdraw_and_notify,
    withdrawal_preview,
)
from keruen.people.models import Delegation, Participant
from keruen.people.selectors import delegation_choices
from keruen.people.services import participant_set_status
from keruen.reference import country_choices

PER_PAGE = 50


class WithdrawForm(forms.Form):
    """The organisers withdraw a delegate: as on the delegate's own "I cannot come" page,
    the box must be ticked (the page says next to it what will be cancelled)."""

    reason = forms.CharField(
        label=gettext_lazy("Reason (for the organisers only)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Withdraw this delegate: cancel their meetings and tell their partners."
        ),
        required=True,
        error_messages={"required": gettext_lazy("Tick the box to confirm the withdrawal.")},
    )


ROSTER_HEADER = (
    "name",
    "name_latin",
    "email",
    "organisation",
    "country",
    "delegation",
    "role",
    "status",
    "meetings",
    "badge_code",
    "checked_in_at",
)


@organiser_required
def participants(request: HttpRequest, event: Event) -> HttpResponse:
    """Every registration, any status, found by name in any script, e-mail, organisation or
    badge code; ``?format=csv`` downloads the whole filtered list."""
    filters = RosterFilters.from_query(request.GET)
    if request.GET.get("format") == "csv":
        return _roster_csv(event, participant_roster(event=event, filters=filters))
    counts = roster_status_counts(event=event)
    page = Paginator(participant_roster(event=event, filters=filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return console_render(
        request,
        "console/participants.html",
        event=event,
        page=page,
        filters=filters,
        statuses=Participant.Status.choices,
        status_counts=[
            (value, label, counts[value]) for value, label in Participant.Status.choices
        ],
        roles=Participant.Role.choices,
        delegations=delegation_choices(event=event, language=ui_language()),
        countries=country_choices(ui_language(), roster_countries(event=event)),
    )


def _detail_page(
    request: HttpRequest,
    event: Event,
    participant: Participant,
    *,
    form: WithdrawForm | None = None,
    status: int = 200,
) -> HttpResponse:
    sent, received = pending_request_counts(participant=participant)
    return console_render(
        request,
        "console/participant.html",
        event=event,
        status=status,
        participant=participant,
        meetings=participant_meetings(participant=participant),
        requests_sent=sent,
        requests_received=received,
        preview=withdrawal_preview(participant=participant),
        form=form or WithdrawForm(),
        heads=Delegation.objects.filter(event=event, head=participant).order_by("code"),
    )


@organiser_required
def participant_detail(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    participant = get_for_event(Participant, event=event, pk=pk)
    return _detail_page(request, event, participant)


@require_POST
@organiser_required
def participant_withdraw_view(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Withdraw an approved delegate: their meetings and open requests are cancelled and the
    partners of those meetings are e-mailed."""
    participant = get_for_event(Participant, event=event, pk=pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, event, participant, form=form, status=422)
    try:
        withdrawal = participant_withdraw_and_notify(
            participant=participant,
            reason=form.cleaned_data["reason"],
            links=withdrawal_links(request, event),
        )
    except KeruenError as error:
        form_add_domain_error(form, error)
        return _detail_page(request, event, participant, form=form, status=409)
    if withdrawal.mail.failed:
        # The withdrawal is committed; as when publishing, say that the e-mails did not go.
        messages.warning(
            request,
            _(
                "%(name)s is withdrawn, but the mail server did not take the e-mails to the "
                "partners (%(reason)s). Tell them yourselves, or with an announcement once "
                "the mail works."
            )
            % {"name": participant.display_name, "reason": "; ".join(withdrawal.mail.errors)},
        )
        return redirect("console-participant", event.slug, participant.pk)
    messages.success(
        request,
        ngettext(
            "%(name)s is withdrawn: %(n)d meeting cancelled, its partner e-mailed.",
            "%(name)s is withdrawn: %(n)d meetings cancelled, their partners e-mailed.",
            len(withdrawal.meetings),
        )
        % {"name": participant.display_name, "n": len(withdrawal.meetings)},
    )
    return redirect("console-participant", event.slug, participant.pk)


@require_POST
@organiser_required
def participant_status_view(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """Approve or reject a pending registration, or re-admit a withdrawn delegate."""
    participant = get_for_event(Participant, event=event, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "readmit":
            participant_readmit(participant=participant)
        elif action in ("approve", "reject") and participant.status == Participant.Status.PENDING:
            approve = action == "approve"
            status = Participant.Status.APPROVED if approve else Participant.Status.REJECTED
            participant_set_status(participant=participant, status=status)
        else:
            messages.error(request, _("This registration cannot be changed that way."))
            return redirect("console-participant", event.slug, participant.pk)
    except KeruenError as error:
        messages.error(request, error.message)
        return redirect("console-participant", event.slug, participant.pk)
    messages.success(
        request,
        _("%(name)s: the registration is now %(status)s.")
        % {"name": participant.display_name, "status": participant.get_status_display()},
    )
    return redirect("console-participant", event.slug, participant.pk)


def _roster_csv(event: Event, roster: Iterable[Participant]) -> HttpResponse:
    """The filtered list as the console's exports write CSV (UTF-8 with a byte-order mark,
    formulas neutralised), times on the event's clock."""
    rows: list[tuple[Cell, ...]] = []
    for p in roster:
        arrived = timezone.localtime(p.checked_in_at, event.tz) if p.checked_in_at else None
        rows.append(
            (
                p.display_name,
                p.name_latin,
                p.user.email,
                localize(p.organisation.name),
                p.organisation.country,
                p.delegation.code if p.delegation else "",
                p.role,
                p.status,
                p.meeting_count,  # type: ignore[attr-defined]  # annotated by the roster
                p.badge_code,
                f"{arrived:%Y-%m-%d %H:%M}" if arrived else "",
            )
        )
    response = HttpResponse(
        table_csv(ExportTable(header=ROSTER_HEADER, rows=rows)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-participants.csv"'
    return response
