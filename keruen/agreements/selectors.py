"""Reads about agreements."""

from __future__ import annotations

from django.db.models import F, QuerySet

from keruen.agreements.models import Agreement
from keruen.events.models import Event


def agreement_list(
    *, event: Event, status: str = "", kind: str = "", sector: str = ""
) -> QuerySet[Agreement]:
    """The event's agreements, signed first by date, each with its parties; filters optional."""
    agreements = Agreement.objects.filter(event=event)
    if status:
        agreements = agreements.filter(status=status)
    if kind:
        agreements = agreements.filter(kind=kind)
    if sector:
        agreements = agreements.filter(sector=sector)
    return (
        agreements.prefetch_related("parties")
        .select_related("meeting")
        .order_by(F("signed_on").desc(nulls_last=True), "-created_at", "-id")
    )
