"""The functions that render rows into the API's response schemas.

Rendering is explicit (a function per resource) rather than magic attribute resolution, so
what leaves the server is visible in one place: contact details appear only in the
renderers that are handed a reason to show them.
"""

from __future__ import annotations

from typing import Any

from keruen import reference
from keruen.common.i18n import localize, ui_language
from keruen.events.models import Event
from keruen.marketplace.models import Opportunity
from keruen.people.models import Organisation, Participant


def event_out(event: Event) -> dict[str, Any]:
    venue = event.venue
    return {
        "slug": event.slug,
        "name": localize(event.name),
        "theme": localize(event.theme),
        "start_date": event.start_date,
        "end_date": event.end_date,
        "time_zone": event.time_zone,
        "languages": list(event.languages),
        "registration_open": event.accepts_registrations,
        "venue": None
        if venue is None
        else {"name": localize(venue.name), "city": localize(venue.city), "country": venue.country},
    }


def organisation_ref(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "code": organisation.code,
        "name": localize(organisation.name),
        "country": organisation.country,
    }


def organisation_out(organisation: Organisation) -> dict[str, Any]:
    """An organisation as the public catalogue shows it (needs `published_opportunities`)."""
    delegation = organisation.delegation
    return {
        **organisation_ref(organisation),
        "country_name": reference.country_name(organisation.country, ui_language()),
        "description": localize(organisation.description),
        "type": organisation.type,
        "city": organisation.city,
        "sectors": list(organisation.sectors),
        "hs_codes": list(organisation.hs_codes),
        "size": organisation.size,
        "website": organisation.website,
        "is_exhibitor": organisation.is_exhibitor,
        "delegation": None
        if delegation is None
        else {
            "id": delegation.pk,
            "code": delegation.code,
            "name": localize(delegation.name),
            "country": delegation.country,
        },
        "published_opportunities": getattr(organisation, "published_opportunities", 0),
    }


def person_out(participant: Participant) -> dict[str, Any]:
    """Another delegate, without contact details (needs `organisation` loaded)."""
    return {
        "id": participant.pk,
        "name": participant.display_name,
        "title": localize(participant.title),
        "role": participant.role,
        "languages": list(participant.languages),
        "organisation": organisation_ref(participant.organisation),
    }


def person_with_contact_out(participant: Participant, *, show_contact: bool) -> dict[str, Any]:
    contact = None
    if show_contact:
        contact = {
            "email": participant.contact_email,
            "phone": participant.phone,
            "messenger": participant.messenger,
        }
    return {**person_out(participant), "contact": contact}


def opportunity_out(opportunity: Opportunity) -> dict[str, Any]:
    """An offer or request in the reader's language when a translation exists."""
    content_language = {"zh-hans": "zh"}.get(ui_language(), ui_language())
    title, body = opportunity.text_in(content_language)
    return {
        "id": opportunity.pk,
        "organisation": organisation_ref(opportunity.organisation),
        "direction": opportunity.direction,
        "kind": opportunity.kind,
        "language": opportunity.language,
        "title": title,
        "body": body,
        "sectors": list(opportunity.sectors),
        "hs_codes": list(opportunity.hs_codes),
        "target_countries": list(opportunity.target_countries),
        "status": opportunity.status,
        "created_at": opportunity.created_at,
    }


def me_out(participant: Participant) -> dict[str, Any]:
    fields = [
        "given_name",
        "family_name",
        "name_latin",
        "public_listing",
        "contact_email",
        "phone",
        "messenger",
        "arrives_at",
        "departs_at",
    ]
    return {
        "id": participant.pk,
        "status": participant.status,
        "role": participant.role,
        "title": dict(participant.title),
        "languages": list(participant.languages),
        "target_countries": list(participant.target_countries),
        "organisation": organisation_ref(participant.organisation),
        "meetings_ruled_out": meetings_ruled_out(participant),
        **{name: getattr(participant, name) for name in fields},
    }


def meetings_ruled_out(participant: Participant) -> list[dict[str, Any]]:
    """Your published meetings at a time you have since ruled out, and why: they stay where
    they are until the organisers move them (the portal warns of the same)."""
    from keruen.meetings import clashes

    rows = [
        {
            "meeting_id": found.clash.entry.meeting_id,
            "start": found.clash.start,
            "end": found.clash.end,
            "other_id": found.clash.other.pk,
            "reason": found.reason,
        }
        for found in clashes.meetings_ruled_out(participant=participant)
    ]
    return sorted(rows, key=lambda row: (row["start"], row["meeting_id"]))
