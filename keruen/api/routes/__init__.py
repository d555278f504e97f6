"""The API's routers, one module per resource."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from keruen.api.errors import ErrorOut
from keruen.common.errors import Conflict, Problem, ValidationFailed


def with_errors(ok: dict[int, object], *codes: int) -> dict[int, object]:
    """An operation's responses: its success bodies plus the error shape for ``codes``."""
    return {**ok, **dict.fromkeys(codes, ErrorOut)}


@contextmanager
def fields_as_in_the_request(rename: Callable[[str | None], str | None]) -> Iterator[None]:
    """Services name their own arguments (``target``, ``body_ru``); a refusal's fields are
    renamed to what the caller sent (``target_id``, ``body.ru``)."""
    try:
        yield
    except ValidationFailed as error:
        problems = [Problem(p.message, field=rename(p.field)) for p in error.problems]
        raise ValidationFailed(
            error.message, field=rename(error.field), problems=problems
        ) from error
    except Conflict as error:
        # Renamed in place: a conflict of a kind of its own (one naming the request already
        # waiting) stays of that kind.
        error.field = rename(error.field)
        raise
