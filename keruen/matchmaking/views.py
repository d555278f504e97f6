"""A delegate's suggestions page and the correction buttons."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from keruen.common.errors import ValidationFailed
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
    return render(
        request,
        "matchmaking/suggestion_list.html",
        {
            "event": event,
            "participant": participant,
            "suggestions": selectors.suggestions_for_participant(
                participant=participant, limit=SUGGESTIONS_PER_PAGE
            ),
            "feedback_list": selectors.suggestion_feedback_list(participant=participant),
            "feedback_kinds": SuggestionFeedback.Kind.choices,
        },
    )


@require_POST
@participant_required
def suggestion_feedback(
    request: HttpRequest, *, event: Event, participant: Participant
) -> HttpResponse:
    """Set (``kind=...``) or withdraw (``kind=clear``) a correction about one organisation."""
    organisation_id = request.POST.get("organisation", "")
    if not organisation_id.isdigit():
        raise ValidationFailed(_("Choose an organisation."), field="organisation")
    organisation = get_for_event(Organisation, event=event, pk=int(organisation_id))
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
