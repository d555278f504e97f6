"""Reads about agreements."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, QuerySet, Sum

from keruen.agreements.models import Agreement
from keruen.events.models import Event


def _filtered(*, event: Event, status: str, kind: str, sector: str) -> QuerySet[Agreement]:
    agreements = Agreement.objects.filter(event=event)
    if status:
        agreements = agreements.filter(status=status)
    if kind:
        agreements = agreements.filter(kind=kind)
    if sector:
        agreements = agreements.filter(sector=sector)
    return agreements


def agreement_list(
    *, event: Event, status: str = "", kind: str = "", sector: str = ""
) -> QuerySet[Agreement]:
    """The event's agreements, signed first by date, each with its parties; filters optional."""
    return (
        _filtered(event=event, status=status, kind=kind, sector=sector)
        .prefetch_related("parties")
        .select_related("meeting")
        .order_by(F("signed_on").desc(nulls_last=True), "-created_at", "-id")
    )


def agreement_signed_values(
    *, event: Event, status: str = "", kind: str = "", sector: str = ""
) -> list[tuple[str, Decimal]]:
    """The total value of the signed ones among the agreements ``agreement_list`` gives for
    the same filters, per currency, largest first (a filter on another status: none)."""
    rows = (
        _filtered(event=event, status=status, kind=kind, sector=sector)
        .filter(status=Agreement.Status.SIGNED, value__isnull=False)
        .values_list("currency")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return sorted(((currency, total) for currency, total in rows), key=lambda r: (-r[1], r[0]))
