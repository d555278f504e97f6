"""The exhibitor directory: who is at which booth, hall by hall ("where is B-112?")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from keruen import reference
from keruen.common.params import text_param
from keruen.events.models import Booth, Event, Hall
from keruen.people.selectors import sector_filter

_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    hall: str = ""
    country: str = ""
    sector: str = ""

    @classmethod
    def from_query(cls, query: Any) -> DirectoryFilters:
        """From GET parameters; an unknown country or sector is dropped, not an error."""
        country = (query.get("country") or "").upper()
        sector = query.get("sector") or ""
        return cls(
            q=text_param(query.get("q")),
            hall=text_param(query.get("hall"), limit=20),
            country=country if reference.is_country(country) else "",
            sector=sector if reference.is_sector(sector) else "",
        )

    @property
    def any(self) -> bool:
        return bool(self.q or self.hall or self.country or self.sector)


@dataclass(frozen=True)
class HallListing:
    hall: Hall
    booths: list[Booth]


def booth_sort_key(code: str) -> tuple[Any, ...]:
    """Booth codes in the order of the floor: A-9 before A-10, B2-15 after B2-9."""
    return tuple(int(part) if part.isdecimal() else part.casefold() for part in _DIGITS.split(code))


def _matching(filters: DirectoryFilters) -> Q:
    where = Q()
    if filters.hall:
        where &= Q(hall__code__iexact=filters.hall)
    if filters.country:
        where &= Q(exhibitor__country=filters.country)
    if filters.sector:
        where &= sector_filter("exhibitor__sectors", filters.sector)
    for word in filters.q.split():
        # The organisation's names in every language are kept lower-case in search_text.
        where &= Q(exhibitor__search_text__contains=word.lower()) | Q(code__icontains=word)
    return where


def exhibitor_directory(
    *, event: Event, filters: DirectoryFilters, sort_key: Callable[[str], Any] = booth_sort_key
) -> list[HallListing]:
    """The event's occupied booths matching the filters, grouped by hall (halls by code)."""
    booths = (
        Booth.objects.for_event(event)
        .filter(exhibitor__isnull=False)
        .filter(_matching(filters))
        .select_related("hall", "exhibitor")
        .defer("exhibitor__description", "exhibitor__search_text")
    )
    by_hall: dict[int, HallListing] = {}
    for booth in booths:
        listing = by_hall.setdefault(booth.hall_id, HallListing(hall=booth.hall, booths=[]))
        listing.booths.append(booth)
    halls = sorted(by_hall.values(), key=lambda listing: sort_key(listing.hall.code))
    for listing in halls:
        listing.booths.sort(key=lambda booth: sort_key(booth.code))
    return halls


def directory_halls(*, event: Event) -> list[Hall]:
    """Halls with at least one exhibitor, for the filter menu."""
    halls = Hall.objects.for_event(event).filter(booths__exhibitor__isnull=False).distinct()
    return sorted(halls, key=lambda hall: booth_sort_key(hall.code))
