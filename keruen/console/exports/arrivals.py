"""The badges and arrivals export: who has which badge code, and who collected it when."""

from __future__ import annotations

from keruen.console.exports.tables import ExportTable, table_of
from keruen.events.models import Event
from keruen.people.badge_codes import badge_code_display
from keruen.people.models import Participant

ARRIVALS_HEADER = (
    "email",
    "given_name",
    "family_name",
    "name_latin",
    "organisation_code",
    "delegation_code",
    "role",
    "status",
    "badge_code",
    "checked_in_date",
    "checked_in_time",
)


def arrivals_export(*, event: Event) -> ExportTable:
    """Everyone registered, by delegation and name, with the badge code and the arrival (on
    the event's clock; empty until the delegate checks in)."""
    people = (
        Participant.objects.for_event(event)
        .select_related("user", "organisation", "delegation")
        .order_by("delegation__code", "family_name", "given_name", "pk")
    )
    tz = event.tz
    records = []
    for person in people:
        arrived = person.checked_in_at.astimezone(tz) if person.checked_in_at else None
        records.append(
            {
                "email": person.user.email,
                "given_name": person.given_name,
                "family_name": person.family_name,
                "name_latin": person.name_latin,
                "organisation_code": person.organisation.code,
                "delegation_code": person.delegation.code if person.delegation else "",
                "role": person.role,
                "status": person.status,
                "badge_code": badge_code_display(person.badge_code),
                "checked_in_date": arrived.date() if arrived else None,
                "checked_in_time": arrived.time().replace(second=0, microsecond=0, tzinfo=None)
                if arrived
                else None,
            }
        )
    return table_of(ARRIVALS_HEADER, records)
