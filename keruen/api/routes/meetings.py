"""A delegate's meeting requests, meetings and agenda.

Every lookup starts from the caller's own registration, so an id of another delegate's
request or meeting, or of another event, is simply not found (404), never forbidden (403).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Query, Router, Schema, Status

from keruen.api.auth import acting_as, approved_delegate, token_auth
from keruen.api.errors import ConflictWith
from keruen.api.pagination import PageParams, page_schema, paginate
from keruen.api.renderers import person_out, person_with_contact_out
from keruen.api.routes import fields_as_in_the_request, with_errors
from keruen.api.schemas import (
    AgendaOut,
    CancelIn,
    DeclineIn,
    Id,
    MeetingConflictOut,
    MeetingOut,
    MeetingRequestConflictOut,
    MeetingRequestIn,
    MeetingRequestOut,
    RequestStatus,
)
from keruen.common.errors import NotFound
from keruen.common.i18n import localize
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.meetings.outcomes import meeting_outcome_record
from keruen.meetings.selectors import schedule_current_release
from keruen.meetings.services import (
    MeetingExists,
    PendingRequestExists,
    meeting_cancel,
    meeting_request_accept,
    meeting_request_cancel,
    meeting_request_create,
    meeting_request_decline,
    meeting_request_status,
    requests_in_status,
)
from keruen.people.models import Participant
from keruen.portal.notifications import notify_request_answered, notify_request_received
from keruen.portal.selectors import (
    CONTACT_MEETING_STATUSES,
    agenda_rows,
    delegate_get,
    my_meeting_get,
    my_meetings,
    my_request_get,
    requests_received,
    requests_sent,
)

router = Router(tags=["meetings"], auth=token_auth)

MeetingRequestPage = page_schema(MeetingRequestOut, "MeetingRequestPage")
MeetingPage = page_schema(MeetingOut, "MeetingPage")
PRIVATE_ERRORS = (401, 403, 404, 422)
WRITE_ERRORS = (*PRIVATE_ERRORS, 409)


class RequestQuery(Schema):
    box: Literal["received", "sent"] = "received"
    status: RequestStatus | None = None


def _request_out(
    request: MeetingRequest, me: Participant, *, now: dt.datetime | None = None
) -> dict[str, Any]:
    sent = request.requester_id == me.pk
    return {
        "id": request.pk,
        "box": "sent" if sent else "received",
        # Past its deadline, a pending request is expired, marked so yet or not.
        "status": meeting_request_status(request=request, now=now),
        "other": person_out(request.target if sent else request.requester),
        "message": request.message,
        "opportunity_id": request.opportunity_id,
        "decline_reason": request.decline_reason,
        "created_at": request.created_at,
        "responded_at": request.responded_at,
        "expires_at": request.expires_at,
    }


def _meeting_out(meeting: Meeting, me: Participant) -> dict[str, Any]:
    other = meeting.partner_of(me.pk)
    return {
        "id": meeting.pk,
        "status": meeting.status,
        "language": meeting.language,
        "other": person_with_contact_out(
            other, show_contact=meeting.status in CONTACT_MEETING_STATUSES
        ),
        "created_at": meeting.created_at,
    }


@router.get(
    "/events/{slug}/meeting-requests",
    response=with_errors({200: MeetingRequestPage}, *PRIVATE_ERRORS),
)
def meeting_request_list(
    request: HttpRequest, slug: str, filters: Query[RequestQuery], page: Query[PageParams]
) -> dict[str, Any]:
    """Requests you received (`box=received`, default) or sent (`box=sent`), newest first.

    A request not answered by its `expires_at` is `expired`."""
    me = approved_delegate(request, slug)
    now = timezone.now()  # one clock for the filter and the statuses shown
    selector = requests_sent if filters.box == "sent" else requests_received
    requests = selector(participant=me)
    if filters.status:
        requests = requests.filter(requests_in_status(filters.status, now=now))
    return paginate(requests, page, lambda row: _request_out(row, me, now=now))


@router.post(
    "/events/{slug}/meeting-requests",
    response={
        **with_errors({201: MeetingRequestOut}, *PRIVATE_ERRORS),
        409: MeetingRequestConflictOut,
    },
)
def meeting_request_create_route(
    request: HttpRequest, slug: str, payload: MeetingRequestIn
) -> Status[dict[str, Any]]:
    """Ask another approved delegate of the event for a meeting; they are e-mailed, in their
    own language, as when the request is sent from the portal.

    A request between the two of you already waiting for an answer, whoever sent it and
    whenever (in another window, on another device, by them meanwhile), answers `409
    conflict` naming it in `error.meeting_request` (`id`, `box`: "received" if it is theirs,
    "sent" if it is yours, `status`), and nothing is sent. A meeting with them already
    answers `409 conflict` naming it in `error.meeting` (`id`, `status`, as
    `GET …/meetings/{meeting_id}` shows it).
    """
    me = approved_delegate(request, slug)
    try:
        target = delegate_get(event=me.event, pk=payload.target_id)
    except NotFound as error:
        raise NotFound(error.message, field="target_id") from error
    if payload.opportunity_id is not None:
        _check_opportunity(me, payload.opportunity_id)
    with acting_as(request), fields_as_in_the_request(_target_id):
        try:
            # As the portal's form does: the invited delegate is e-mailed once it is committed.
            with transaction.atomic():
                created = meeting_request_create(
                    event=me.event,
                    requester=me,
                    target=target,
                    message=payload.message,
                    opportunity_id=payload.opportunity_id,
                )
                notify_request_received(meeting_request=created, http_request=request)
        except PendingRequestExists as error:
            raise _naming_the_pending_request(error, me, target) from error
        except MeetingExists as error:
            raise _naming_the_meeting(error, me, field=error.field) from error
    created.requester, created.target = me, target
    return Status(201, _request_out(created, me))


def _naming_the_pending_request(
    error: PendingRequestExists, me: Participant, target: Participant
) -> ConflictWith:
    """The service's refusal, with the request it found as this caller sees it in its lists."""
    pending = error.pending
    mine = pending.requester_id == me.pk
    pending.requester, pending.target = (me, target) if mine else (target, me)
    row = MeetingRequestOut.model_validate(_request_out(pending, me)).model_dump()
    return ConflictWith(error.message, field=error.field, kind="meeting_request", row=row)


def _naming_the_meeting(
    error: MeetingExists, me: Participant, *, field: str | None
) -> ConflictWith:
    """The service's refusal, with the meeting the two already have as this caller sees it at
    ``GET …/meetings/{id}``."""
    row = MeetingOut.model_validate(_meeting_out(error.meeting, me)).model_dump()
    return ConflictWith(error.message, field=field, kind="meeting", row=row)


def _target_id(field: str | None) -> str | None:
    return "target_id" if field == "target" else field


def _check_opportunity(me: Participant, opportunity_id: int) -> None:
    """The request may cite a published opportunity of the event, or one of your own."""
    visible = Opportunity.objects.filter(event_id=me.event_id, pk=opportunity_id).filter(
        status=Opportunity.Status.PUBLISHED
    ) | Opportunity.objects.filter(
        event_id=me.event_id, pk=opportunity_id, organisation_id=me.organisation_id
    )
    if not visible.exists():
        raise NotFound(gettext("No such offer or request in this event."), field="opportunity_id")


def _answer(
    request: HttpRequest,
    slug: str,
    request_id: int,
    action: Callable[[MeetingRequest, Participant], object],
    *,
    notify: bool = False,
) -> dict[str, Any]:
    """``action`` on one of your requests; ``notify``: the sender is e-mailed the answer
    once it is committed, as the portal's pages do."""
    me = approved_delegate(request, slug)
    meeting_request = my_request_get(participant=me, pk=request_id)
    with acting_as(request), transaction.atomic():
        action(meeting_request, me)
        if notify:
            notify_request_answered(meeting_request=meeting_request, http_request=request)
    # Re-read with both sides loaded: the service changed the status underneath.
    return _request_out(my_request_get(participant=me, pk=meeting_request.pk), me)


@router.post(
    "/events/{slug}/meeting-requests/{request_id}/accept",
    response={**with_errors({200: MeetingRequestOut}, *PRIVATE_ERRORS), 409: MeetingConflictOut},
)
def meeting_request_accept_route(request: HttpRequest, slug: str, request_id: Id) -> dict[str, Any]:
    """Accept a request you received: it becomes a meeting, and contact details show. The
    sender is e-mailed, as when it is accepted in the portal.

    If the two of you already have a meeting (two requests crossed, and the other one was
    accepted), the request stays pending and the answer is `409 conflict` naming that meeting
    in `error.meeting` (`id`, `status`, as `GET …/meetings/{meeting_id}` shows it).
    """
    return _answer(request, slug, request_id, _accept, notify=True)


def _accept(meeting_request: MeetingRequest, me: Participant) -> None:
    try:
        meeting_request_accept(request=meeting_request, by=me)
    except MeetingExists as error:
        # The service names the requester as its ``target``: nothing the caller sent.
        raise _naming_the_meeting(error, me, field=None) from error


@router.post(
    "/events/{slug}/meeting-requests/{request_id}/decline",
    response=with_errors({200: MeetingRequestOut}, *WRITE_ERRORS),
)
def meeting_request_decline_route(
    request: HttpRequest,
    slug: str,
    request_id: Id,
    payload: DeclineIn | None = None,
) -> dict[str, Any]:
    """Decline a request you received, optionally with a reason. The sender is e-mailed the
    answer, and the reason, as when it is declined in the portal."""
    return _answer(
        request,
        slug,
        request_id,
        lambda r, me: meeting_request_decline(
            request=r, by=me, reason=payload.reason if payload else ""
        ),
        notify=True,
    )


@router.post(
    "/events/{slug}/meeting-requests/{request_id}/cancel",
    response=with_errors({200: MeetingRequestOut}, *WRITE_ERRORS),
)
def meeting_request_cancel_route(request: HttpRequest, slug: str, request_id: Id) -> dict[str, Any]:
    """Withdraw a pending request you sent."""
    return _answer(
        request, slug, request_id, lambda r, me: meeting_request_cancel(request=r, by=me)
    )


@router.get("/events/{slug}/meetings", response=with_errors({200: MeetingPage}, *PRIVATE_ERRORS))
def meeting_list(request: HttpRequest, slug: str, page: Query[PageParams]) -> dict[str, Any]:
    """Your accepted, held and missed meetings, with the other side's contact details."""
    me = approved_delegate(request, slug)
    return paginate(my_meetings(participant=me), page, lambda row: _meeting_out(row, me))


def _my_meeting(me: Participant, meeting_id: int) -> Meeting:
    meeting = my_meeting_get(participant=me, pk=meeting_id)
    loaded: Meeting = (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related("participant_a__organisation", "participant_b__organisation")
        .get()
    )
    return loaded


@router.get(
    "/events/{slug}/meetings/{meeting_id}",
    response=with_errors({200: MeetingOut}, *PRIVATE_ERRORS),
)
def meeting_detail(request: HttpRequest, slug: str, meeting_id: Id) -> dict[str, Any]:
    """One of your meetings."""
    me = approved_delegate(request, slug)
    return _meeting_out(_my_meeting(me, meeting_id), me)


@router.post(
    "/events/{slug}/meetings/{meeting_id}/cancel",
    response=with_errors({200: MeetingOut}, *WRITE_ERRORS),
)
def meeting_cancel_route(
    request: HttpRequest,
    slug: str,
    meeting_id: Id,
    payload: CancelIn | None = None,
) -> dict[str, Any]:
    """Cancel one of your accepted meetings (it leaves the draft schedule at once)."""
    me = approved_delegate(request, slug)
    meeting = _my_meeting(me, meeting_id)
    with acting_as(request):
        meeting_cancel(meeting=meeting, by=me, reason=payload.reason if payload else "")
    return _meeting_out(_my_meeting(me, meeting_id), me)


class OutcomeIn(Schema):
    outcome: Literal["held", "no_show"]


@router.post(
    "/events/{slug}/meetings/{meeting_id}/outcome",
    response=with_errors({200: MeetingOut}, *WRITE_ERRORS),
)
def meeting_outcome_route(
    request: HttpRequest, slug: str, meeting_id: Id, payload: OutcomeIn
) -> dict[str, Any]:
    """Record what became of one of your meetings once it has started in the published
    schedule: `held`, or `no_show` (the other side did not come). It can be corrected."""
    me = approved_delegate(request, slug)
    meeting = _my_meeting(me, meeting_id)
    with acting_as(request):
        meeting_outcome_record(meeting=meeting, outcome=payload.outcome, by=me)
    return _meeting_out(_my_meeting(me, meeting_id), me)


@router.get("/events/{slug}/agenda", response=with_errors({200: AgendaOut}, *PRIVATE_ERRORS))
def agenda(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Your meetings in the current published schedule and the sessions you chose.

    Times are in the event's time zone, as ISO 8601 with the offset.
    """
    me = approved_delegate(request, slug)
    event = me.event
    zone = event.tz
    release = schedule_current_release(event=event)
    items = []
    for row in agenda_rows(participant=me):
        entry, session = row.entry, row.session
        meeting = entry.meeting if entry is not None else None
        table = entry.table if entry is not None else None
        booth = entry.booth if entry is not None else None
        items.append(
            {
                "kind": row.kind,
                "start": row.start.astimezone(zone),
                "end": row.end.astimezone(zone),
                "meeting_id": meeting.pk if meeting else None,
                "meeting_status": meeting.status if meeting else None,
                "table": {"number": table.number, "label": str(table)} if table else None,
                "booth": booth.code if booth else None,
                "place": entry.place if entry is not None else session.place if session else "",
                "other": person_out(row.other) if row.other is not None else None,
                "language": meeting.language if meeting else "",
                "session_id": session.pk if session else None,
                "title": localize(session.title) if session else "",
                "room": localize(session.room) if session else "",
            }
        )
    return {
        "event": event.slug,
        "time_zone": event.time_zone,
        "version": release.version if release else None,
        "published_at": release.published_at if release else None,
        "items": items,
    }
