"""Template tags of the delegate portal, usable on public pages too (programme, catalogue)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _approved_participant(context: template.Context, event: Any) -> Any:
    """The logged-in user's approved participation at ``event`` (None: not a delegate there).

    Found once per request: in the page's context when the view put it there (portal
    pages), otherwise with one query, which also answers the header's organiser question.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return None
    cache_name = f"_portal_participant_{event.pk}"
    if hasattr(request, cache_name):
        return getattr(request, cache_name)
    from keruen.common.permissions import _remember_organiser
    from keruen.people.models import Participant

    approved = Participant.Status.APPROVED
    own = context.get("participant")
    if isinstance(own, Participant) and own.user_id == user.pk and own.event_id == event.pk:
        participant = own if own.status == approved else None
    else:
        participant = Participant.objects.filter(event=event, user=user, status=approved).first()
    if not user.is_staff:  # what ``is_organiser`` would ask the database for the header
        organises = participant is not None and participant.role == Participant.Role.ORGANISER
        _remember_organiser(user, event, organises)
    setattr(request, cache_name, participant)
    return participant


def _chosen_session_ids(context: template.Context, event: Any) -> set[int] | None:
    """The ids of the sessions the logged-in delegate chose (None: not an approved delegate).

    Computed once per request, so a programme of many sessions costs one query.
    """
    request = context["request"]
    cache_name = f"_portal_chosen_{event.pk}"
    if hasattr(request, cache_name):
        return getattr(request, cache_name)
    participant = _approved_participant(context, event)
    chosen = None
    if participant is not None:
        chosen = set(participant.chosen_sessions.values_list("pk", flat=True))
    setattr(request, cache_name, chosen)
    return chosen


@register.simple_tag(takes_context=True)
def is_delegate(context: template.Context, event: Any) -> bool:
    """Whether the logged-in user is an approved delegate of ``event``.

    Only they can use the delegate pages (suggestions, meeting requests): the header and
    the public pages offer those links to them alone.
    """
    from keruen.events.models import Event

    return isinstance(event, Event) and _approved_participant(context, event) is not None


@register.simple_tag(takes_context=True)
def event_of_url(context: template.Context) -> Any:
    """The public event named by the URL, for pages rendered without one (the error page)."""
    from keruen.common.errors import NotFound
    from keruen.events.selectors import event_get_public

    match = getattr(context.get("request"), "resolver_match", None)
    slug = match.kwargs.get("event_slug") if match else None
    if not slug:
        return None
    try:
        return event_get_public(slug=slug)
    except NotFound:
        return None


@register.inclusion_tag("portal/includes/session_choose.html", takes_context=True)
def session_choice(context: template.Context, session: Any) -> dict[str, Any]:
    """An "add to my agenda" / "remove" button for a programme session (nothing for visitors)."""
    request, event = context.get("request"), context.get("event")
    chosen = _chosen_session_ids(context, event) if request and event else None
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
    """A "Request a meeting" link to ``delegate``, for the delegates who may send one.

    For public pages (organisation page, participant lists): an approved delegate of the
    event, not ``delegate`` themselves nor a colleague or a member of their delegation (the
    request page refuses those), while requests are open. Quotas are left to the request
    page. A request already waiting between the two is shown instead of the link: the
    request page would refuse a second one only once its message is written.
    """
    from keruen.common.errors import KeruenError
    from keruen.meetings.services import meeting_request_pair_check, meeting_requests_check_open

    event = context.get("event")
    requester = _approved_participant(context, event) if event is not None else None
    visible = requester is not None
    if event is not None and requester is not None:
        try:
            meeting_request_pair_check(event=event, requester=requester, target=delegate)
            meeting_requests_check_open(event=event)
        except KeruenError:
            visible = False
    sent = received = None
    if visible:
        sent, received = _pending_requests(context, requester).get(delegate.pk, (None, None))
    return {
        "event": event,
        "delegate": delegate,
        "visible": visible,
        "sent": sent,
        "received": received,
    }


def _pending_requests(context: template.Context, requester: Any) -> dict[int, tuple[Any, Any]]:
    """Other delegate's id -> (id of the pending request sent to them, of the one received
    from them), for ``requester``: one query per page, however many delegates it lists."""
    request = context.get("request")
    cache_name = f"_portal_pending_requests_{requester.pk}"
    if request is not None and hasattr(request, cache_name):
        return getattr(request, cache_name)
    from django.db.models import Q
    from django.utils import timezone

    from keruen.meetings.models import MeetingRequest
    from keruen.meetings.services import requests_waiting

    rows = MeetingRequest.objects.filter(
        Q(requester=requester) | Q(target=requester),
        requests_waiting(timezone.now()),
        event_id=requester.event_id,
    ).values_list("pk", "requester_id", "target_id")
    pending: dict[int, tuple[Any, Any]] = {}
    for pk, from_id, to_id in rows:
        if from_id == requester.pk:
            sent, received = pending.get(to_id, (None, None))
            pending[to_id] = (pk, received)
        else:
            sent, received = pending.get(from_id, (None, None))
            pending[from_id] = (sent, pk)
    if request is not None:
        setattr(request, cache_name, pending)
    return pending
