"""Scanning a badge, and the contacts a delegate met at the expo.

A badge's QR code holds one address, ``/<event>/b/<code>/``: an organiser who scans it lands
on the check-in page, a delegate (an exhibitor at the booth) on the page that keeps the
person among their contacts, with a note.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from keruen.common.errors import KeruenError, NotFound
from keruen.common.i18n import localize
from keruen.common.permissions import is_organiser, participant_required
from keruen.console.exports import CSV_CONTENT_TYPE, ExportTable, table_csv
from keruen.console.exports.tables import Cell
from keruen.events.models import Event
from keruen.events.selectors import event_get
from keruen.people.arrivals import participant_by_badge_code
from keruen.people.badge_codes import normalise_badge_code
from keruen.people.leads import lead_delete, lead_save, my_lead_get, my_leads
from keruen.people.models import Lead, Participant
from keruen.portal.selectors import contact_partners
from keruen.portal.views.common import render_page


def badge_scan(request: HttpRequest, event_slug: str, code: str) -> HttpResponse:
    """Where a badge's QR code leads: the check-in page for organisers, contacts for others."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    event = event_get(slug=event_slug)
    if not normalise_badge_code(code):  # "/b/-/": nothing to open, and no page to name it
        raise NotFound(_("There is no badge code in this text."), field="badge_code")
    if is_organiser(request.user, event):
        return redirect("console-check-in-badge", event.slug, normalise_badge_code(code))
    return redirect("portal-lead-scan", event.slug, code)


@participant_required
def lead_scan(
    request: HttpRequest, *, event: Event, participant: Participant, code: str
) -> HttpResponse:
    person = participant_by_badge_code(event=event, code=code)
    if person.pk == participant.pk:
        return redirect("portal-badge", event.slug)
    if person.status != Participant.Status.APPROVED:
        # Nobody's name or employer is shown to whoever holds a badge of someone not (or no
        # longer) taking part, and there is nothing to keep.
        return render_page(request, "lead_scan.html", event, participant=participant)
    saved = my_leads(owner=participant).filter(person=person).first()
    note = saved.note if saved else ""
    if request.method == "POST":
        note = request.POST.get("note", "")
        try:
            _lead, created = lead_save(owner=participant, person=person, note=note)
        except KeruenError as error:
            messages.error(request, error.message)  # the box keeps what was typed
        else:
            text = _("%(name)s is among your contacts.") if created else _("%(name)s: saved.")
            messages.success(request, text % {"name": person.display_name})
            return redirect("portal-lead-list", event.slug)
    return render_page(
        request,
        "lead_scan.html",
        event,
        participant=participant,
        person=person,
        saved=saved,
        note=note,
    )


@participant_required
def lead_list(request: HttpRequest, *, event: Event, participant: Participant) -> HttpResponse:
    leads = list(my_leads(owner=participant))
    in_contact = contact_partners(participant=participant)
    if request.GET.get("format") == "csv":
        return _leads_csv(event, leads, in_contact)
    return render_page(
        request,
        "lead_list.html",
        event,
        participant=participant,
        leads=leads,
        in_contact=in_contact,
    )


@require_POST
@participant_required
def lead_remove(
    request: HttpRequest, *, event: Event, participant: Participant, pk: int
) -> HttpResponse:
    lead = my_lead_get(owner=participant, pk=pk)
    name = lead.person.display_name
    lead_delete(lead=lead)
    messages.success(request, _("%(name)s is no longer among your contacts.") % {"name": name})
    return redirect("portal-lead-list", event.slug)


LEADS_HEADER = (
    "name",
    "name_latin",
    "organisation",
    "country",
    "title",
    "note",
    "saved_at",
    "contact_email",
    "phone",
)


def _leads_csv(event: Event, leads: list[Lead], in_contact: set[int]) -> HttpResponse:
    """The contacts as CSV, written as the console's exports are (UTF-8 with a byte-order
    mark, formulas neutralised); contact details only where the pages show them too."""
    rows: list[tuple[Cell, ...]] = []
    for lead in leads:
        person, shown = lead.person, lead.person.pk in in_contact
        saved = timezone.localtime(lead.created_at, event.tz)
        rows.append(
            (
                person.display_name,
                person.name_latin,
                localize(person.organisation.name),
                person.organisation.country,
                localize(person.title),
                lead.note,
                f"{saved:%Y-%m-%d %H:%M}",
                person.contact_email if shown else "",
                person.phone if shown else "",
            )
        )
    response = HttpResponse(
        table_csv(ExportTable(header=LEADS_HEADER, rows=rows)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-contacts.csv"'
    return response
