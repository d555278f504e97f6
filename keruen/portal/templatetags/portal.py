"""Template tags of the delegate portal, usable on public pages too (programme, catalogue)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _chosen_session_ids(request: Any, event: Any) -> set[int] | None:
    """The ids of the sessions the logged-in delegate chose (None: not an approved delegate).

    Computed once per request, so a programme of many sessions costs one query.
    """
    cache_name = f"_portal_chosen_{event.pk}"
    if hasattr(request, cache_name):
        return getattr(request, cache_name)
    from keruen.people.models import Participant

    chosen = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        participant = Participant.objects.filter(
            event=event, user=user, status=Participant.Status.APPROVED
        ).first()
        if participant is not None:
            chosen = set(participant.chosen_sessions.values_list("pk", flat=True))
    setattr(request, cache_name, chosen)
    return chosen


@register.inclusion_tag("portal/includes/session_choose.html", takes_context=True)
def session_choice(context: template.Context, session: Any) -> dict[str, Any]:
    """An "add to my agenda" / "remove" button for a programme session (nothing for visitors)."""
    request, event = context.get("request"), context.get("event")
    chosen = _chosen_session_ids(request, event) if request and event else None
    return {
        "request": request,
        "event": event,
        "session": session,
        "visible": chosen is not None,
        "is_chosen": chosen is not None and session.pk in chosen,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("portal/includes/request_link.html", takes_context=True)
def request_meeting_link(context: template.Context, delegate: Any) -> dict[str, Any]:
    """A "Request a meeting" link to ``delegate`` for logged-in users other than themselves.

    For public pages (organisation page, participant lists); whether the request is allowed
    is decided by the request page itself.
    """
    user = getattr(context.get("request"), "user", None)
    visible = bool(user and user.is_authenticated and delegate.user_id != user.pk)
    return {"event": context.get("event"), "delegate": delegate, "visible": visible}
