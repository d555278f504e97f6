"""A delegate's suggested partners, ranked and explained (the matchmaking app's selector)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from keruen.api.auth import approved_delegate, token_auth
from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.routes import with_errors
from keruen.matchmaking.selectors import MAX_LIMIT, suggestions_for_participant

router = Router(tags=["suggestions"], auth=token_auth)


class SuggestionReasonOut(Schema):
    code: str
    text: str
    contribution: float
    data: dict[str, Any]


class SuggestionOut(Schema):
    participant_id: int
    participant_name: str
    organisation_id: int
    organisation_name: str
    country: str
    languages: list[str]
    score: float
    reasons: list[SuggestionReasonOut]
    feedback: str | None


SuggestionPage = page_schema(SuggestionOut, "SuggestionPage")


@router.get(
    "/events/{slug}/suggestions",
    response=with_errors({200: SuggestionPage}, 401, 403, 404, 422),
)
def suggestion_list(request: HttpRequest, slug: str, page: Query[PageParams]) -> dict[str, Any]:
    """Partners suggested to you, best first, each with its reasons (at most 100 in all)."""
    me = approved_delegate(request, slug)
    # The ranking is computed whole anyway; pages are cut from the best MAX_LIMIT.
    ranked = suggestions_for_participant(participant=me, limit=MAX_LIMIT)
    return paginate(ranked, page, _suggestion_out)


def _suggestion_out(suggestion: Any) -> dict[str, Any]:
    out = asdict(suggestion)
    out["languages"] = list(suggestion.languages)
    out["reasons"] = [{**asdict(r), "data": dict(r.data)} for r in suggestion.reasons]
    return out
