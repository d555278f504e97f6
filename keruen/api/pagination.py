"""Limit/offset pagination: `?limit=&offset=` in, `{"count": n, "items": [...]}` out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import create_model

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000

T = TypeVar("T")


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def page_schema(item: type[Schema], name: str) -> type[Schema]:
    """The response schema of one page of ``item`` rows, named ``name``."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, ...),
        items=(list[item], ...),  # type: ignore[valid-type]
    )


def paginate(
    rows: QuerySet[Any] | Sequence[Any],
    params: PageParams,
    render: Callable[[Any], dict[str, Any]],
) -> dict[str, Any]:
    """One page of ``rows`` (already in a stable order), each rendered with ``render``."""
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    window = rows[params.offset : params.offset + params.limit]
    return {"count": count, "items": [render(row) for row in window]}
