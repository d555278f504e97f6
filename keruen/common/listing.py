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
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import get_language


def change_stamp(*sources: QuerySet[Any] | StampSource) -> str:
    """A digest of (count, latest ``updated_at``) of each source, read in one query."""
    return stamp_digest(stamp_rows(*sources))


@dataclass(frozen=True)
class StampSource:
    """A table's rows for a change stamp, in hand-written SQL.

    For stamps read on every request: compiling a queryset costs more than running the
    query. ``where`` and ``join`` refer to the table as ``t``; ``where`` takes ``params``
    through ``%s`` placeholders.
    """

    table: str
    where: str
    params: tuple[Any, ...]
    join: str = ""  # e.g. "JOIN other o ON o.id = t.other_id", for conditions on another table

    def rows_sql(self) -> str:
        return f"{connection.ops.quote_name(self.table)} t {self.join} WHERE {self.where}"


def stamp_rows(*sources: QuerySet[Any] | StampSource) -> list[tuple[Any, ...]]:
    """(position, count, latest ``updated_at``) of each source, in order, in one query.

    For callers that stamp several things at once: digest slices with ``stamp_digest``.
    """
    selects: list[str] = []
    params: list[Any] = []
    for position, source in enumerate(sources):
        if isinstance(source, StampSource):
            rows_sql, rows_params = source.rows_sql(), source.params
        else:
            inner, rows_params = source.order_by().values_list("updated_at").query.sql_with_params()
            rows_sql = f"({inner}) t"
        selects.append(f"SELECT {position}, COUNT(*), MAX(t.updated_at) FROM {rows_sql}")
        params.extend(rows_params)
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
