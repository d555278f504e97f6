"""Helpers shared by the console views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from keruen.common.edits import EditClash
from keruen.common.errors import KeruenError, ValidationFailed
from keruen.console.edit_forms import SetupEditForm
from keruen.events.models import Event


def console_render(
    request: HttpRequest, template: str, *, event: Event, status: int = 200, **context: Any
) -> HttpResponse:
    """Render a console page in the event's time zone; ``event`` also drives the site
    navigation. (Pages that convert times themselves are unchanged; the others showed UTC.)"""
    with timezone.override(event.tz):
        return render(request, template, {"event": event, **context}, status=status)


def form_add_domain_error(form: forms.Form, error: KeruenError) -> None:
    """Attach a service's error to the form field it names (else to the whole form); a
    clash with a colleague's save to each clashing field, the form then showing their save."""
    if isinstance(error, EditClash) and isinstance(form, SetupEditForm):
        form.show_clash(error)
        return
    problems = error.problems if isinstance(error, ValidationFailed) else []
    messages = [(p.field, p.message) for p in problems] or [(error.field, error.message)]
    for field, message in messages:
        form.add_error(field if field in form.fields else None, message)
