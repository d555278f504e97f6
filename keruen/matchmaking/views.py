"""A delegate's suggestions page and the correction buttons."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from keruen.common.errors import ValidationFailed
from keruen.common.i18n import localize, ui_language
from keruen.common.params import id_param
from keruen.common.permissions import participant_required
from keruen.events.models import Event
from keruen.matchmaking import selectors, services
from keruen.matchmaking.models import SuggestionFeedback
from keruen.matchmaking.reasons import quoted_name
from keruen.meetings.services import meeting_requests_closed_reason
from keruen.people.models import Organisation, Participant
from keruen.people.selectors import public_organisation_get

SUGGESTIONS_PER_PAGE = 20


# The correction just made, for the page after it to name it and offer to undo it.
JUST_CORRECTED = "suggestions_just_corrected"

# What each correction does to the lists (see ``SuggestionFeedback``), said after a click.
# The organisation's name comes quoted, or not where it has quotation marks of its own
# (``_named``): the texts put none around it.
CORRECTION_DONE = {
    # Translators: %(organisation)s brings its own quotation marks; add none around it.
    SuggestionFeedback.Kind.NOT_INTERESTED: gettext_lazy(
        "%(organisation)s is marked “not interested”: it is no longer suggested to you."
    ),
    # Translators: %(organisation)s brings its own quotation marks; add none around it.
    SuggestionFeedback.Kind.COMPETITOR: gettext_lazy(
        "%(organisation)s is marked as a competitor: you are no longer suggested to each other."
    ),
    # Translators: %(organisation)s brings its own quotation marks; add none around it.
    SuggestionFeedback.Kind.ALREADY_CLIENT: gettext_lazy(
        "%(organisation)s is marked as already a client: you are no longer suggested to each other."
    ),
    # Translators: %(organisation)s brings its own quotation marks; add none around it.
    SuggestionFeedback.Kind.MET_BEFORE: gettext_lazy(
        "%(organisation)s is marked “met before”: it stays in your suggestions, lower down."
    ),
}


def _named(organisation: Organisation) -> dict[str, str]:
    """The organisation's name for the texts above and below: in the reader's quotation marks,
    unless it carries its own («ОсОО «Тенир-Агро»» is twice quoted)."""
    name = localize(organisation.name) or organisation.code
    return {"organisation": quoted_name(name, language=ui_language())}


@dataclass(frozen=True)
class CorrectionNotice:
    """The correction just recorded, in words, and how to undo it."""

    text: str
    organisation_id: int
    undo_kind: str  # the correction it replaced, or "clear" if there was none


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
            "requests_closed": meeting_requests_closed_reason(event=event),
            "notice": _correction_notice(request, inputs.own_feedback)
            if JUST_CORRECTED in request.session
            else None,
        },
    )


def _correction_notice(
    request: HttpRequest, own_feedback: list[SuggestionFeedback]
) -> CorrectionNotice | None:
    """What the last click recorded (once), if it still stands."""
    done = request.session.pop(JUST_CORRECTED, None)
    if not isinstance(done, dict):
        return None
    for feedback in own_feedback:
        if feedback.organisation_id == done.get("organisation") and feedback.kind == done.get(
            "kind"
        ):
            text = CORRECTION_DONE[SuggestionFeedback.Kind(feedback.kind)] % _named(
                feedback.organisation
            )
            return CorrectionNotice(
                text=text,
                organisation_id=feedback.organisation_id,
                undo_kind=done.get("previous") or "clear",
            )
    return None  # withdrawn or changed since (another tab): nothing to undo here


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
    """Set (``kind=...``) or withdraw (``kind=clear``) a correction about one organisation.

    After setting one, the list names the organisation and what was recorded, with a button
    to undo it: that button posts ``undo=1`` with the correction replaced (or ``clear``)."""
    organisation_id = id_param(request.POST.get("organisation", ""))
    if organisation_id is None:
        raise ValidationFailed(_("Choose an organisation."), field="organisation")
    # Only one the catalogue shows: a name typed by a pending or rejected sign-up stays unseen.
    organisation = public_organisation_get(event=event, pk=organisation_id, field="organisation")
    kind = request.POST.get("kind", "")
    names = _named(organisation)
    if kind == "clear":
        services.suggestion_feedback_clear(participant=participant, organisation=organisation)
        messages.success(
            request,
            # Translators: %(organisation)s brings its own quotation marks; add none around it.
            _("Your correction about %(organisation)s was withdrawn.") % names,
        )
    elif request.POST.get("undo"):
        services.suggestion_feedback_set(
            participant=participant, organisation=organisation, kind=kind
        )
        label = SuggestionFeedback.Kind(kind).label
        messages.success(
            request,
            # Translators: %(organisation)s brings its own quotation marks; add none around it.
            _("Undone: %(organisation)s is marked “%(correction)s” again.")
            % {**names, "correction": label},
        )
    else:
        previous = (
            SuggestionFeedback.objects.filter(participant=participant, organisation=organisation)
            .values_list("kind", flat=True)
            .first()
        )
        services.suggestion_feedback_set(
            participant=participant, organisation=organisation, kind=kind
        )
        if previous != kind:  # the same button again changes nothing, so undoes nothing
            request.session[JUST_CORRECTED] = {
                "organisation": organisation.pk,
                "kind": kind,
                "previous": previous,
            }
        else:
            messages.info(
                request,
                # Translators: %(organisation)s brings its own quotation marks; add none around it.
                _("%(organisation)s was already marked “%(correction)s”.")
                % {**names, "correction": SuggestionFeedback.Kind(kind).label},
            )
    return redirect("suggestion-list", event_slug=event.slug)
