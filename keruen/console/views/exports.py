"""Exports: download the event's delegates, organisations, offers and requests, meetings
and agreements as CSV or XLSX.

One address: without ``download`` it shows the page that explains every file; with
``download=<export>&format=csv|xlsx`` (and, for meetings, ``schedule=draft|<release id>``)
it returns the file. The files hold contact details: only the event's organisers get them.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from keruen.common.audit import record_action
from keruen.common.errors import NotFound
from keruen.common.permissions import organiser_required
from keruen.console.exports import (
    CSV_CONTENT_TYPE,
    DRAFT,
    EXPORTS,
    FILE_FORMATS,
    XLSX_CONTENT_TYPE,
    ExportKind,
    export_schedule,
    table_csv,
    table_xlsx,
)
from keruen.console.views.common import console_render
from keruen.events.models import Event
from keruen.meetings.models import Schedule
from keruen.meetings.selectors import schedule_releases


@never_cache
@organiser_required
def exports(request: HttpRequest, event: Event) -> HttpResponse:
    """The exports page, or one export's file."""
    if "download" in request.GET:
        return _download(request, event)
    return console_render(
        request,
        "console/exports.html",
        event=event,
        exports=[(kind, kind.count(event), _column_rows(kind)) for kind in EXPORTS.values()],
        releases=schedule_releases(event=event),
        formats=FILE_FORMATS,
        draft=DRAFT,
    )


def _column_rows(kind: ExportKind) -> list[tuple[tuple[str, ...], str, list[tuple[str, str]]]]:
    """Each column (or group of columns) with its meaning and its codes; a code's label is
    left out where it only repeats the code (English: ``company``, company)."""
    rows = []
    for column in kind.columns:
        codes = [(code, str(label)) for code, label in column.code_list]
        codes = [(code, "" if label.lower() == code else label) for code, label in codes]
        rows.append((column.names, str(column.label), codes))
    return rows


def _download(request: HttpRequest, event: Event) -> HttpResponse:
    kind = EXPORTS.get(request.GET["download"])
    file_format = request.GET.get("format", "")
    if kind is None or file_format not in FILE_FORMATS:
        raise NotFound(gettext("No such export."))
    schedule = None
    if kind.needs_schedule:
        schedule = export_schedule(event=event, choice=request.GET.get("schedule", ""))
    table = kind.build(event, schedule)
    if file_format == "csv":
        content, content_type = table_csv(table), CSV_CONTENT_TYPE
    else:
        content = table_xlsx(table, sheet=kind.sheet, text_columns=kind.import_layout)
        content_type = XLSX_CONTENT_TYPE
    name = export_filename(event, kind, schedule, file_format)
    # Exports carry the delegates' e-mails and phones: who took which file is on record.
    record_action(
        event, "export", kind=kind.slug, format=file_format, schedule=_schedule_name(schedule)
    )
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(True, name)
    assert disposition is not None  # always set for an attachment
    response["Content-Disposition"] = disposition
    return response


def _schedule_name(schedule: Schedule | None) -> str:
    if schedule is None:
        return ""
    return DRAFT if schedule.is_draft else schedule.version


def export_filename(
    event: Event, kind: ExportKind, schedule: Schedule | None, file_format: str
) -> str:
    """``expo-2027-delegates-2027-06-24.csv``; meetings name their schedule version too."""
    parts = [event.slug, kind.slug]
    if kind.needs_schedule:
        if schedule is None or schedule.is_draft:
            parts.append(DRAFT)
        else:
            parts.append(slugify(schedule.version) or f"release-{schedule.pk}")
    parts.append(timezone.localdate(timezone=event.tz).isoformat())
    return f"{'-'.join(parts)}.{file_format}"
