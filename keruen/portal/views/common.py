"""Helpers shared by the portal views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from keruen.events.models import Event


def render_page(
    request: HttpRequest, template: str, event: Event, status: int = 200, **context: Any
) -> HttpResponse:
    """Render a portal page; the delegate menu shows unless the page says otherwise."""
    context = {"event": event, "portal_nav": True, **context}
    return render(request, f"portal/{template}", context, status=status)
