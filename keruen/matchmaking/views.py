"""A delegate's suggestions page and the correction buttons."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from keruen.common.errors import ValidationFailed
from keruen.common.params import id_param
from keruen.common.permissions import participant_required
from keruen.common.tenancy import get_for_event
from keruen.events.models import Event
from keruen.matchmaking import selectors, services
from keruen.matchmaking.models import SuggestionFeedback
from keruen.people.models import Organisation, Participant

SUGGESTIONS_PER_PAGE = 20


@require_GET
@participant_required
def suggestion_list(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    inputs = selectors.suggestion_inputs(participant=participant, limit=SUGGESTIONS_PER_PAGE)
    return render(
        request,
        "matchmaking/suggestion_list.html",
        {
            "event": event,
            "participant": participant,
            # Ranked only if the cards are not in the cache already.
            "suggestions": SimpleLazyObject(inputs.ranked),
            "cards_key": _cards_key(request, inputs.key),
            "feedback_list": SimpleLazyObject(lambda: inputs.own_feedback),
            "feedback_kinds": SuggestionFeedback.Kind.choices,
        },
    )


def _cards_key(request: HttpRequest, suggestions_key: str | None) -> str | None:
    """Cache key of the rendered cards: the list's inputs and the CSRF secret of the forms.

    The cards hold correction forms whose token must match this browser's CSRF secret.
    """
    if suggestions_key is None:
        return None
    get_token(request)  # make sure the secret exists before it goes into the key
    secret = request.META.get("CSRF_COOKIE", "")
    return hashlib.sha256(f"{suggestions_key}|{secret}".encode()).hexdigest()


@require_POST
@participant_required
def suggestion_feedback(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    """Set (``kind=...``) or withdraw (``kind=clear``) a correction about one organisation."""
    organisation_id = id_param(request.POST.get("organisation", ""))
    if organisation_id is None:
        raise ValidationFailed(_("Choose an organisation."), field="organisation")
    organisation = get_for_event(Organisation, event=event, pk=organisation_id)
    kind = request.POST.get("kind", "")
    if kind == "clear":
        services.suggestion_feedback_clear(participant=participant, organisation=organisation)
        messages.success(request, _("Your correction was withdrawn."))
    else:
        services.suggestion_feedback_set(
            participant=participant, organisation=organisation, kind=kind
        )
        messages.success(request, _("Thank you: your suggestions take this into account."))
    return redirect("suggestion-list", event_slug=event.slug)
