"""Cached lists: change stamps, cache keys and lazily evaluated pages.

A change stamp is a short digest that changes whenever the rows behind a page change.

Lists that many people read and few change (the public catalogue, an event's matchmaking
pool) are cached under a key that includes the stamp of their rows, so a write makes the
next read rebuild them: no expiry to tune and no invalidation to forget. Every model
stamped here has ``updated_at`` with ``auto_now`` (bulk upserts list it), so one indexed
aggregate per table, (row count, latest update), catches inserts, edits and deletions.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language


def change_stamp(*querysets: QuerySet[Any]) -> str:
    """A digest of (count, latest ``updated_at``) of each queryset, read in one query."""
    return stamp_digest(stamp_rows(*querysets))


def stamp_rows(*querysets: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """(position, count, latest ``updated_at``) of each queryset, in order, in one query.

    For callers that stamp several things at once: digest slices with ``stamp_digest``.
    """
    selects: list[str] = []
    params: list[Any] = []
    for position, rows in enumerate(querysets):
        sql, sql_params = rows.order_by().values_list("updated_at").query.sql_with_params()
        selects.append(f"SELECT {position}, COUNT(*), MAX(t.updated_at) FROM ({sql}) t")
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return sorted(cursor.fetchall())


def stamp_digest(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(repr([tuple(row[1:]) for row in rows]).encode()).hexdigest()[:20]


def listing_key(request: HttpRequest, *querysets: QuerySet[Any]) -> str:
    """Cache key of a rendered list: its rows' stamp, the query string, the UI language."""
    query = urlencode(sorted((name, str(value)) for name, value in request.GET.items()))
    raw = f"{get_language()}|{change_stamp(*querysets)}|{query}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def lazy_page(rows: QuerySet[Any], per_page: int, number: str | None) -> Page[Any]:
    """A page that counts and fetches only when a template first reads it.

    When the list section comes from the cache, no query runs at all.
    """
    page: Any = SimpleLazyObject(lambda: Paginator(rows, per_page).get_page(number))
    return page
