"""The console's dashboard: the event's funnel as charts and tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from keruen import reference
from keruen.analytics.charts import bar_chart
from keruen.analytics.selectors import event_dashboard
from keruen.common.i18n import ui_language
from keruen.common.permissions import organiser_required
from keruen.console.views.common import console_render
from keruen.events.models import Event
from keruen.meetings.models import MeetingRequest
from keruen.people.models import Participant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _country(code: str) -> str:
    try:
        return reference.country_name(code, ui_language())
    except KeyError:
        return code or "—"


def _labelled(
    rows: list[tuple[str, int]], label: Callable[[str], StrOrPromise]
) -> list[tuple[str, int]]:
    return [(str(label(value)), count) for value, count in rows]


@organiser_required
def console_home(request: HttpRequest, event: Event) -> HttpResponse:
    """Registrations, profile completeness, requests, meetings and agreements at a glance."""
    data = event_dashboard(event=event)
    by_country = _labelled(data.registrations_by_country, _country)
    by_role = _labelled(data.registrations_by_role, lambda v: Participant.Role(v).label)
    by_status = _labelled(data.registrations_by_status, lambda v: Participant.Status(v).label)
    requests = _labelled(data.requests_by_status, lambda v: MeetingRequest.Status(v).label)
    completeness = [
        (_("%(n)s of %(items)s items") % {"n": items, "items": data.completeness.items}, count)
        for items, count in data.completeness.by_items.items()
    ]
    values = [(currency, float(total)) for currency, total in data.agreement_value_by_currency]
    meetings = [
        (_("accepted"), data.meetings_accepted),
        (_("in the draft schedule"), data.meetings_scheduled_draft),
        (_("in the published schedule"), data.meetings_scheduled_release),
    ]
    sections: list[tuple[str, str, Sequence[tuple[str, float]]]] = [
        (_("Registrations by country"), _("Country"), by_country),
        (_("Registrations by role"), _("Role"), by_role),
        (_("Registrations by status"), _("Status"), by_status),
        (_("Profile completeness"), _("Items of the profile checklist done"), completeness),
        (_("Meeting requests"), _("Status"), requests),
        (_("Meetings"), _("Meetings"), meetings),
    ]
    charts: list[dict[str, Any]] = [
        {"title": title, "column": column, "rows": rows, "svg": bar_chart(rows, title=title)}
        for title, column, rows in sections
    ]
    # Amounts in different currencies share no scale (660 bn UZS against 454 M USD): a
    # table per currency, no bars.
    charts.append(
        {
            "title": _("Value of signed agreements"),
            "column": _("Currency"),
            "number_column": _("Total value"),
            "rows": values,
            "svg": None,
            "note": _("Amounts are not converted between currencies."),
        }
    )
    return console_render(request, "console/dashboard.html", event=event, data=data, charts=charts)
