"""The API's routers, one module per resource."""

from __future__ import annotations

from keruen.api.errors import ErrorOut


def with_errors(ok: dict[int, object], *codes: int) -> dict[int, object]:
    """An operation's responses: its success bodies plus the error shape for ``codes``."""
    return {**ok, **dict.fromkeys(codes, ErrorOut)}
