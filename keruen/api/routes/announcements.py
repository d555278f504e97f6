"""Announcements for organisers' systems: write to a filtered list of participants, each in
their own language; the same services as the console's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.schema import Field
from pydantic import field_validator

from keruen.api.auth import acting_as, organiser_event, token_auth
from keruen.api.pagination import PageParams, page_schema
from keruen.api.routes import fields_as_in_the_request, with_errors
from keruen.api.schemas import Id, Text
from keruen.common.i18n import UI_LANGUAGES
from keruen.meetings.roster import RosterFilters, participant_roster, roster_filters_description
from keruen.people.announcements import (
    announcement_queue,
    announcement_recipients,
    delivery_counts,
)
from keruen.people.models import Announcement, Participant
from keruen.people.tasks import announcement_send_task

router = Router(tags=["announcements"], auth=token_auth)

TEXTS = "By interface language (en, zh-hans, ru, kk); each written language needs both parts."


class AudienceIn(Schema):
    """The same filters as the console's list of participants; none means everyone. Unlike
    the console's address bar, a value that is no filter is refused, never ignored: a typo
    must not turn into "everyone"."""

    status: str = Field(default="", description="pending, approved, rejected or withdrawn")
    role: str = ""
    delegation: Id | None = None
    country: str = Field(default="", description="ISO 3166-1 alpha-2")
    q: str = Field(default="", max_length=100, description="Name in any script, e-mail or badge")

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        return _one_of(value, Participant.Status.values)

    @field_validator("role")
    @classmethod
    def _known_role(cls, value: str) -> str:
        return _one_of(value, Participant.Role.values)

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str) -> str:
        code = value.strip().upper()
        if code and (len(code) != 2 or not code.isalpha()):
            raise ValueError(_("Give a two-letter ISO 3166-1 code, or nothing."))
        return code


def _one_of(value: str, allowed: list[str]) -> str:
    if value and value not in allowed:
        raise ValueError(_("One of %(values)s, or nothing.") % {"values": ", ".join(allowed)})
    return value


class AnnouncementIn(Schema):
    subject: dict[str, Text] = Field(description=TEXTS)
    body: dict[str, Text] = Field(description=TEXTS)
    audience: AudienceIn = Field(default_factory=AudienceIn)

    @field_validator("subject", "body")
    @classmethod
    def _interface_languages(cls, texts: dict[str, str]) -> dict[str, str]:
        # A text under "zh" or "de" would silently reach nobody in that language.
        unknown = sorted(set(texts) - set(UI_LANGUAGES))
        if unknown:
            raise ValueError(
                _("Write in %(languages)s; not %(unknown)s.")
                % {"languages": ", ".join(UI_LANGUAGES), "unknown": ", ".join(unknown)}
            )
        return texts


class AnnouncementOut(Schema):
    id: int
    subject: dict[str, str]
    audience: str = Field(description="The filters in words, in the writer's language.")
    status: str = Field(description="queued, sending, sent or failed")
    note: str = Field(description="Why the sending failed, if it did.")
    recipients: int
    sent: int
    created_at: dt.datetime


def _out(announcement: Announcement, sent: int, recipients: int) -> dict[str, Any]:
    return {
        "id": announcement.pk,
        "subject": announcement.subject,
        "audience": announcement.audience,
        "status": announcement.status,
        "note": announcement.note,
        "recipients": recipients,
        "sent": sent,
        "created_at": announcement.created_at,
    }


def _filters(audience: AudienceIn) -> RosterFilters:
    return RosterFilters.from_query(
        {
            "status": audience.status,
            "role": audience.role,
            "delegation": "" if audience.delegation is None else str(audience.delegation),
            "country": audience.country,
            "q": audience.q,
        }
    )


@router.post(
    "/events/{slug}/announcements",
    response=with_errors({202: AnnouncementOut}, 401, 403, 404, 422),
)
def announcement_create(
    request: HttpRequest, slug: str, payload: AnnouncementIn
) -> Status[dict[str, Any]]:
    """Queue an announcement (organisers only); it is sent in the background. Rejected and
    withdrawn registrations are left out unless ``audience.status`` names them."""
    event = organiser_event(request, slug)
    filters = _filters(payload.audience)
    recipients: list[Participant] = announcement_recipients(
        participant_roster(event=event, filters=filters), status_filter=filters.status
    )
    with acting_as(request), fields_as_in_the_request(_payload_field):
        announcement = announcement_queue(
            event=event,
            subject=payload.subject,
            body=payload.body,
            recipients=recipients,
            audience=roster_filters_description(event=event, filters=filters),
            portal_url=request.build_absolute_uri(reverse("portal-home", args=[event.slug])),
            by=getattr(request, "auth", None),
        )
    announcement_send_task.enqueue(announcement_id=announcement.pk)
    announcement.refresh_from_db()
    sent, total = delivery_counts([announcement]).get(announcement.pk, (0, len(recipients)))
    return Status(202, _out(announcement, sent, total))


def _payload_field(field: str | None) -> str | None:
    part, _sep, language = (field or "").partition("_")
    if part in ("subject", "body") and language in UI_LANGUAGES:
        return f"{part}.{language}"
    return field


AnnouncementPage = page_schema(AnnouncementOut, "AnnouncementPage")


@router.get(
    "/events/{slug}/announcements",
    response=with_errors({200: AnnouncementPage}, 401, 403, 404, 422),
)
def announcement_list(request: HttpRequest, slug: str, page: Query[PageParams]) -> dict[str, Any]:
    """The event's announcements, newest first, with how many were reached."""
    event = organiser_event(request, slug)
    window = list(Announcement.objects.for_event(event)[page.offset : page.offset + page.limit])
    counts = delivery_counts(window)
    return {
        "count": Announcement.objects.for_event(event).count(),
        "items": [_out(a, *counts.get(a.pk, (0, 0))) for a in window],
    }
