"""A delegate's suggested partners, ranked and explained, and their corrections.

Corrections are what the suggestion page's buttons do: ``not_interested`` (one way),
``competitor`` and ``already_client`` (both ways) remove an organisation from the lists,
``met_before`` keeps it, ranked lower. The next ranking honours them.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from keruen.api.auth import acting_as, approved_delegate, token_auth
from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import organisation_ref
from keruen.api.routes import fields_as_in_the_request, with_errors
from keruen.api.schemas import Id, OrganisationRefOut
from keruen.matchmaking.models import SuggestionFeedback
from keruen.matchmaking.selectors import MAX_LIMIT, suggestions_for_participant
from keruen.matchmaking.services import suggestion_feedback_clear, suggestion_feedback_set
from keruen.people.models import Organisation, Participant
from keruen.people.selectors import public_organisation_get, public_organisations

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


# Spelled out for the schema; a test keeps it equal to the model's choices.
CorrectionKind = Literal["not_interested", "competitor", "already_client", "met_before"]


class CorrectionIn(Schema):
    kind: CorrectionKind


class CorrectionOut(Schema):
    organisation: OrganisationRefOut
    kind: CorrectionKind
    kind_label: str
    updated_at: datetime


CorrectionPage = page_schema(CorrectionOut, "CorrectionPage")


@router.get(
    "/events/{slug}/suggestions/corrections",
    response=with_errors({200: CorrectionPage}, 401, 403, 404, 422),
)
def correction_list(request: HttpRequest, slug: str, page: Query[PageParams]) -> dict[str, Any]:
    """Your corrections, newest first: about organisations the public catalogue shows."""
    me = approved_delegate(request, slug)
    mine = (
        SuggestionFeedback.objects.filter(
            event_id=me.event_id,
            participant=me,
            organisation__in=public_organisations(event=me.event),
        )
        .select_related("organisation")
        .order_by("-updated_at", "id")
    )
    return paginate(mine, page, _correction_out)


@router.put(
    "/events/{slug}/suggestions/corrections/{organisation_id}",
    response=with_errors({200: CorrectionOut}, 401, 403, 404, 422),
)
def correction_set(
    request: HttpRequest, slug: str, organisation_id: Id, payload: CorrectionIn
) -> dict[str, Any]:
    """Set (or change) your correction about one organisation of the event's catalogue."""
    me = approved_delegate(request, slug)
    organisation = _organisation(me, organisation_id)
    with acting_as(request), fields_as_in_the_request(_organisation_id):
        feedback = suggestion_feedback_set(
            participant=me, organisation=organisation, kind=payload.kind
        )
    return _correction_out(feedback)


def _organisation_id(field: str | None) -> str | None:
    return "organisation_id" if field == "organisation" else field


@router.delete(
    "/events/{slug}/suggestions/corrections/{organisation_id}",
    response=with_errors({204: None}, 401, 403, 404, 422),
)
def correction_clear(request: HttpRequest, slug: str, organisation_id: Id) -> HttpResponse:
    """Withdraw your correction about one organisation (done if there was none)."""
    me = approved_delegate(request, slug)
    organisation = _organisation(me, organisation_id)
    with acting_as(request):
        suggestion_feedback_clear(participant=me, organisation=organisation)
    return HttpResponse(status=204)  # no body, no content type


def _organisation(me: Participant, organisation_id: int) -> Organisation:
    return public_organisation_get(event=me.event, pk=organisation_id, field="organisation_id")


def _correction_out(feedback: SuggestionFeedback) -> dict[str, Any]:
    return {
        "organisation": organisation_ref(feedback.organisation),
        "kind": feedback.kind,
        "kind_label": str(feedback.get_kind_display()),
        "updated_at": feedback.updated_at,
    }
