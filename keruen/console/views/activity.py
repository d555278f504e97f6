"""The event's activity log for its organisers: who changed what, and when."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from keruen.common.activity import (
    ACTION_LABELS,
    ActivityFilters,
    action_name,
    activity_kinds,
    event_activity,
    kind_name,
    object_name,
    page_reading,
    source_name,
    what_happened,
    who,
)
from keruen.common.models import AuditLogEntry
from keruen.common.permissions import organiser_required
from keruen.console.views.common import console_render
from keruen.events.models import Event

ENTRIES_PER_PAGE = 50


@organiser_required
def activity(request: HttpRequest, event: Event) -> HttpResponse:
    filters = ActivityFilters.from_query(request.GET)
    entries = event_activity(event=event, filters=filters)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    entries_shown = list(page.object_list)
    reading = page_reading(event=event, entries=entries_shown)
    rows = [
        (
            entry,
            who(entry),
            source_name(entry),
            kind_name(entry.object_type),
            object_name(entry, reading),
            action_name(entry),
            what_happened(entry, reading),
        )
        for entry in entries_shown
    ]
    return console_render(
        request,
        "console/activity.html",
        event=event,
        page=page,
        rows=rows,
        filters=filters,
        kinds=activity_kinds(event=event),
        actions=[
            *[c for c in AuditLogEntry.Action.choices if c[0] != AuditLogEntry.Action.ACTION],
            *sorted(
                ((key, str(label)) for key, label in ACTION_LABELS.items()), key=lambda c: c[1]
            ),
        ],
    )
