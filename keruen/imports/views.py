"""The admin upload page: pick event, kind and file; the import runs in the background and
its page shows what was imported, or every problem."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from keruen.common.addresses import client_ip
from keruen.common.errors import Conflict
from keruen.imports import KINDS
from keruen.imports.examples import EXAMPLE_FORMATS, example_file
from keruen.imports.forms import REQUIRED_PERMISSIONS, ImportForm
from keruen.imports.models import KIND_LABELS, ImportRun
from keruen.imports.runs import import_outcome, import_queue
from keruen.meetings.jobs import job_give_up_if_stale
from keruen.people.models import User

# Imports listed under the upload form, newest first.
RECENT_IMPORTS = 10
# The run page reloads itself this often (seconds) while the import is queued or running.
REFRESH_EVERY_S = 2


@staff_member_required
def upload(request: HttpRequest) -> HttpResponse:
    """Show the form; on POST store the file, queue its import and go to the run's page."""
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                run = import_queue(
                    event=form.cleaned_data["event"],
                    kind=form.cleaned_data["kind"],
                    data=uploaded.read(),
                    filename=uploaded.name,
                    dry_run=form.cleaned_data["dry_run"],
                    update=form.cleaned_data["update"],
                    by=request.user if isinstance(request.user, User) else None,
                    ip_address=client_ip(request),
                )
            except Conflict:
                form.add_error(None, _("Another import into this event is not finished yet."))
                status = 409
            else:
                return redirect("imports:run", job_id=run.job_id)
        else:
            status = 422
    else:
        form = ImportForm(user=request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Import organisations, participants, offers and requests"),
        "form": form,
        "recent": _recent_runs(request.user),
        "examples": [(kind, KIND_LABELS[kind], EXAMPLE_FORMATS) for kind in KINDS],
    }
    return render(request, "imports/upload.html", context, status=status)


@staff_member_required
def run(request: HttpRequest, job_id: int) -> HttpResponse:
    """One import: waiting or running (the page reloads itself), then its report or every
    problem of the refused file."""
    runs = ImportRun.objects.select_related("job", "job__event", "job__created_by")
    # Polled every two seconds: never read the file itself.
    import_run = get_object_or_404(runs.defer("data"), job_id=job_id)
    if not may_see(request.user, import_run):
        raise PermissionDenied
    job = import_run.job
    if job_give_up_if_stale(job=job):
        ImportRun.objects.filter(pk=import_run.pk).update(data=b"")
    context = {
        **admin.site.each_context(request),
        "title": _("Import of %(file)s") % {"file": import_run.filename},
        "run": import_run,
        "job": job,
        "kind_label": KIND_LABELS[import_run.kind],
        "outcome": None if job.is_active else import_outcome(import_run),
        "refresh_every": REFRESH_EVERY_S,
        "waited_s": int((timezone.now() - (job.started_at or job.created_at)).total_seconds()),
    }
    return render(request, "imports/run.html", context)


def _recent_runs(user: Any) -> list[ImportRun]:
    """The latest imports of the kinds ``user`` may import (all of them, if superuser)."""
    kinds = [kind for kind in KINDS if user.has_perms(REQUIRED_PERMISSIONS[kind])]
    runs = ImportRun.objects.select_related("job", "job__event").filter(kind__in=kinds)
    return list(runs.defer("data").order_by("-job__created_at")[:RECENT_IMPORTS])


def may_see(user: Any, run: ImportRun) -> bool:
    """The run's page shows the file's rows and problems: for whoever uploaded it, and for
    staff allowed to import that kind (the same people could have uploaded it)."""
    return run.job.created_by_id == user.pk or user.has_perms(REQUIRED_PERMISSIONS[run.kind])


@staff_member_required
def columns(request: HttpRequest) -> HttpResponse:
    """Every column of each kind of file: what to write, an example, the allowed values. The
    same definitions the validator and the example files use, so the page cannot drift."""
    from keruen.imports.kinds import IMPORTERS

    context = {
        **admin.site.each_context(request),
        "title": _("Columns of the import files"),
        "kinds": [(kind, KIND_LABELS[kind], IMPORTERS[kind].columns) for kind in KINDS],
    }
    return render(request, "imports/columns.html", context)


@staff_member_required
def example(request: HttpRequest, kind: str, extension: str) -> FileResponse:
    """Download the example file of a kind, to fill in."""
    if kind not in KINDS or extension not in EXAMPLE_FORMATS:
        raise Http404("No such example file.")
    return FileResponse(
        example_file(kind, extension).open("rb"),
        as_attachment=True,
        filename=f"keruen-{kind}-example.{extension}",
    )
