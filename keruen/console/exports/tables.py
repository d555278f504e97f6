"""The rows of each export, read for one event in a fixed number of queries.

Delegates, organisations and offers / requests come out in the import files' columns (taken
from the importers themselves), with every value written the way the importer parses it,
so an exported file can be edited and imported again. Meetings and agreements have columns
of their own. Values are plain: codes for choices, ``;``-separated lists, ``yes`` / ``no``,
one column per content language for a translated text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from keruen.agreements.models import Agreement
from keruen.common.i18n import CONTENT_TO_UI, localize
from keruen.common.tenancy import get_for_event
from keruen.events.models import Event
from keruen.imports.kinds import IMPORTERS
from keruen.marketplace.models import Opportunity
from keruen.meetings.models import Meeting, Schedule, ScheduledMeeting
from keruen.people.models import Organisation, Participant

Cell = str | int | Decimal | dt.date | dt.time | None
DRAFT = "draft"


@dataclass(frozen=True)
class ExportTable:
    """A file's content: its header (machine column names) and its rows of plain values."""

    header: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def table_of(header: Iterable[str], records: Iterable[Mapping[str, Cell]]) -> ExportTable:
    names = tuple(header)
    return ExportTable(
        header=names, rows=[tuple(record.get(name) for name in names) for record in records]
    )


def import_header(kind: str) -> tuple[str, ...]:
    """The columns of an import file, in the importer's order."""
    return tuple(column.name for column in IMPORTERS[kind].columns)


def _listed(values: Iterable[str] | None) -> str:
    """A list as the importer reads it: ``01;10``."""
    return ";".join(values or ())


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _per_language(prefix: str, texts: Mapping[str, str] | None) -> dict[str, str]:
    """A translated text (keyed by interface language) as ``name_en``, ``name_zh``, …"""
    texts = texts or {}
    return {f"{prefix}_{content}": texts.get(ui, "") for content, ui in CONTENT_TO_UI.items()}


# ---------------------------------------------------------------------------------------------
# Import layouts


def organisations_export(*, event: Event) -> ExportTable:
    """Every organisation of the event, by code, in the organisations import's columns."""
    organisations = (
        Organisation.objects.for_event(event)
        .select_related("delegation")
        .only(
            "code",
            "name",
            "description",
            "language",
            "type",
            "country",
            "city",
            "sectors",
            "hs_codes",
            "size",
            "website",
            "is_exhibitor",
            "delegation__code",
        )
        .order_by("code", "id")
    )
    records = (
        {
            "code": organisation.code,
            **_per_language("name", organisation.name),
            **_per_language("description", organisation.description),
            "language": organisation.language,
            "type": organisation.type,
            "country": organisation.country,
            "city": organisation.city,
            "sectors": _listed(organisation.sectors),
            "hs_codes": _listed(organisation.hs_codes),
            "size": organisation.size,
            "website": organisation.website,
            "delegation_code": organisation.delegation.code if organisation.delegation else "",
            "is_exhibitor": _yes_no(organisation.is_exhibitor),
        }
        for organisation in organisations
    )
    return table_of(import_header("organisations"), records)


def participants_export(*, event: Event) -> ExportTable:
    """Every person registered at the event (organisers too), with contact details.

    Only the account's e-mail address is read from the account: never its password hash;
    calendar-feed tokens are not exported either.
    """
    participants = (
        Participant.objects.for_event(event)
        .select_related("user", "organisation", "delegation")
        .only(
            "given_name",
            "family_name",
            "name_latin",
            "role",
            "status",
            "title",
            "languages",
            "public_listing",
            "contact_email",
            "phone",
            "messenger",
            "target_countries",
            "user__email",
            "organisation__code",
            "delegation__code",
        )
        .order_by("organisation__code", "family_name", "given_name", "user__email")
    )
    records = (
        {
            "email": participant.user.email,
            "given_name": participant.given_name,
            "family_name": participant.family_name,
            "name_latin": participant.name_latin,
            "organisation_code": participant.organisation.code,
            "role": participant.role,
            "status": participant.status,
            **_per_language("title", participant.title),
            "languages": _listed(participant.languages),
            "public_listing": _yes_no(participant.public_listing),
            "contact_email": participant.contact_email,
            "phone": participant.phone,
            "messenger": participant.messenger,
            "delegation_code": participant.delegation.code if participant.delegation else "",
            "target_countries": _listed(participant.target_countries),
        }
        for participant in participants
    )
    return table_of(import_header("participants"), records)


def opportunities_export(*, event: Event) -> ExportTable:
    """Every offer and request of the event, whatever its status, with its translations."""
    opportunities = (
        Opportunity.objects.for_event(event)
        .select_related("organisation", "author__user")
        .only(
            "direction",
            "kind",
            "language",
            "title",
            "body",
            "translations",
            "sectors",
            "hs_codes",
            "target_countries",
            "status",
            "organisation__code",
            "author__user__email",
        )
        .order_by("organisation__code", "direction", "title", "id")
    )
    records = (
        {
            "organisation_code": opportunity.organisation.code,
            "author_email": opportunity.author.user.email if opportunity.author else "",
            "direction": opportunity.direction,
            "kind": opportunity.kind,
            "language": opportunity.language,
            "title": opportunity.title,
            "body": opportunity.body,
            **_translations(opportunity.translations),
            "sectors": _listed(opportunity.sectors),
            "hs_codes": _listed(opportunity.hs_codes),
            "target_countries": _listed(opportunity.target_countries),
            "status": opportunity.status,
        }
        for opportunity in opportunities
    )
    return table_of(import_header("opportunities"), records)


def _translations(translations: Mapping[str, Any] | None) -> dict[str, str]:
    """``{"ru": {"title": …, "body": …}}`` (content languages) as title_ru, body_ru, …"""
    cells: dict[str, str] = {}
    for language in CONTENT_TO_UI:
        text = (translations or {}).get(language) or {}
        cells[f"title_{language}"] = text.get("title", "")
        cells[f"body_{language}"] = text.get("body", "")
    return cells


# ---------------------------------------------------------------------------------------------
# Meetings and agreements

MEETINGS_HEADER: tuple[str, ...] = (
    "meeting_id",
    "schedule_version",
    "slot",
    "day",
    "date",
    "start",
    "end",
    "table",
    "booth",
    *(
        f"delegate_{side}_{what}"
        for side in ("a", "b")
        for what in ("name", "email", "organisation", "organisation_code", "country")
    ),
    "status",
    "language",
)

AGREEMENTS_HEADER: tuple[str, ...] = (
    "agreement_id",
    "kind",
    *_per_language("title", {}),
    "parties",
    "party_names",
    "sector",
    "value",
    "currency",
    "status",
    "signed_on",
    "meeting_id",
)


def export_schedule(*, event: Event, choice: str) -> Schedule | None:
    """The schedule version a meetings export places meetings in.

    ``""``: the latest published release, else the draft; ``"draft"``: the draft; a number:
    that release of this event (NotFound otherwise). None when the event has no such
    schedule yet (no draft is created by a download).
    """
    releases = Schedule.objects.for_event(event).filter(published_at__isnull=False)
    draft = Schedule.objects.for_event(event).filter(published_at__isnull=True)
    if choice == DRAFT:
        return draft.first()
    if choice:
        return get_for_event(Schedule, event=event, pk=choice, published_at__isnull=False)
    return releases.order_by("-published_at", "-id").first() or draft.first()


def _person_fields(side: str) -> tuple[str, ...]:
    person = f"participant_{side}"
    return (
        f"{person}__given_name",
        f"{person}__family_name",
        f"{person}__user__email",
        f"{person}__organisation__code",
        f"{person}__organisation__name",
        f"{person}__organisation__country",
    )


def _person(side: str, participant: Participant) -> dict[str, Cell]:
    organisation = participant.organisation
    return {
        f"delegate_{side}_name": participant.display_name,
        f"delegate_{side}_email": participant.user.email,
        f"delegate_{side}_organisation": localize(organisation.name) or organisation.code,
        f"delegate_{side}_organisation_code": organisation.code,
        f"delegate_{side}_country": organisation.country,
    }


def meetings_export(*, event: Event, schedule: Schedule | None) -> ExportTable:
    """Every meeting of the event with its place in ``schedule``, in time order.

    Meetings the schedule does not place (not scheduled, or cancelled before it) follow,
    with empty time and place. Dates and times are in the event's time zone; organisation
    names are in the active language.
    """
    entries = {
        entry.meeting_id: entry
        for entry in ScheduledMeeting.objects.filter(schedule=schedule).select_related(
            "slot", "table", "booth"
        )
    }
    meetings = (
        Meeting.objects.for_event(event)
        .select_related(
            "participant_a__user",
            "participant_a__organisation",
            "participant_b__user",
            "participant_b__organisation",
        )
        .only("status", "language", *_person_fields("a"), *_person_fields("b"))
        .order_by("id")
    )
    version = DRAFT if schedule is None or schedule.is_draft else schedule.version
    tz = event.tz
    records: list[tuple[tuple[int, int, int, str, int], dict[str, Cell]]] = []
    for meeting in meetings:
        record: dict[str, Cell] = {
            "meeting_id": meeting.pk,
            "schedule_version": version,
            **_person("a", meeting.participant_a),
            **_person("b", meeting.participant_b),
            "status": meeting.status,
            "language": meeting.language,
        }
        entry = entries.get(meeting.pk)
        order: tuple[int, int, int, str, int] = (1, 0, 0, "", meeting.pk)
        if entry is not None:
            start, end = entry.slot.start.astimezone(tz), entry.slot.end.astimezone(tz)
            record |= {
                "slot": entry.slot.number,
                "day": entry.slot.day_index,
                "date": start.date(),
                "start": start.time().replace(tzinfo=None),
                "end": end.time().replace(tzinfo=None),
                "table": str(entry.table) if entry.table else "",
                "booth": entry.booth.code if entry.booth else "",
            }
            table_number = entry.table.number if entry.table else 0
            booth_code = entry.booth.code if entry.booth else ""
            order = (0, entry.slot.number, table_number, booth_code, meeting.pk)
        records.append((order, record))
    records.sort(key=lambda item: item[0])
    return table_of(MEETINGS_HEADER, (record for _, record in records))


def agreements_export(*, event: Event) -> ExportTable:
    """Every agreement recorded at the event, signed or not, in the order recorded."""
    parties = Organisation.objects.only("code", "name").order_by("code")
    agreements = (
        Agreement.objects.for_event(event)
        .prefetch_related(Prefetch("parties", queryset=parties))
        .order_by("id")
    )
    records = (
        {
            "agreement_id": agreement.pk,
            "kind": agreement.kind,
            **_per_language("title", agreement.title),
            "parties": _listed(party.code for party in agreement.parties.all()),
            "party_names": "; ".join(
                localize(party.name) or party.code for party in agreement.parties.all()
            ),
            "sector": agreement.sector,
            "value": agreement.value,
            "currency": agreement.currency,
            "status": agreement.status,
            "signed_on": agreement.signed_on,
            "meeting_id": agreement.meeting_id,
        }
        for agreement in agreements
    )
    return table_of(AGREEMENTS_HEADER, records)
