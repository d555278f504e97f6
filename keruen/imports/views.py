"""The admin upload page: pick event, kind and file; see what was imported or every problem."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from keruen.common.errors import Problem, ValidationFailed
from keruen.imports import KINDS
from keruen.imports.examples import EXAMPLE_FORMATS, example_file
from keruen.imports.forms import KIND_LABELS, ImportForm
from keruen.imports.services import ImportReport, import_file


@staff_member_required
def upload(request: HttpRequest) -> HttpResponse:
    """Show the form; on POST run the import and show its report on the same page."""
    report: ImportReport | None = None
    refused: ValidationFailed | None = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            uploaded = form.cleaned_data["file"]
            try:
                # The request's audit context (source "admin") records the writes.
                report = import_file(
                    event=form.cleaned_data["event"],
                    kind=form.cleaned_data["kind"],
                    data=uploaded.read(),
                    filename=uploaded.name,
                    dry_run=form.cleaned_data["dry_run"],
                    update=form.cleaned_data["update"],
                )
            except ValidationFailed as error:
                refused = error
    else:
        form = ImportForm(user=request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Import organisations, participants, offers and requests"),
        "form": form,
        "report": report,
        "refused": refused,
        "problems": _problems(refused),
        "examples": [(kind, KIND_LABELS[kind], EXAMPLE_FORMATS) for kind in KINDS],
    }
    status = 422 if refused is not None else 200
    return render(request, "imports/upload.html", context, status=status)


def _problems(refused: ValidationFailed | None) -> list[Problem]:
    return list(refused.problems) if refused is not None else []


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
