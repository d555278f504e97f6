"""Request and response schemas of the API (``renderers`` turns rows into the responses)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator

from keruen import reference
from keruen.api.errors import ErrorBodyOut
from keruen.marketplace.models import BODY_MAX_LENGTH
from keruen.people.selectors import hs_filter_code

MAX_ID = 2**63 - 1  # larger ids cannot exist and would overflow the database driver


def _refuse_control_characters(value: str) -> None:
    # NUL cannot be stored by PostgreSQL; other control characters are never meant.
    if any(ord(char) < 32 and char not in "\n\r\t" for char in value):
        raise ValueError(_("Control characters are not allowed."))


def _plain_text(value: str) -> str:
    """Text as stored: without control characters and without surrounding spaces; text that
    is only spaces or invisible characters (a zero-width space) is refused rather than
    stored blank-looking."""
    _refuse_control_characters(value)
    if value and all(char.isspace() or unicodedata.category(char) == "Cf" for char in value):
        raise ValueError(_("This field cannot be blank."))
    return value.strip()


def _search_text(value: str) -> str:
    """A search box's text: control characters refused, spaces around it dropped; blank is
    no filter (a type-ahead client sends " ")."""
    _refuse_control_characters(value)
    return value.strip()


PLAIN_TEXT = AfterValidator(_plain_text)
SEARCH_TEXT = AfterValidator(_search_text)
Text = Annotated[str, PLAIN_TEXT]
# An optional text's length goes before the validator, ``Annotated[str, Field(max_length=40),
# PLAIN_TEXT] | None``: set on the union, or after the validator, pydantic checks it as a
# collection's ("At most 40 items").
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


# --- Output -------------------------------------------------------------------------------


class VenueOut(Schema):
    name: str
    city: str
    country: str


class EventOut(Schema):
    slug: str
    name: str
    theme: str
    start_date: dt.date
    end_date: dt.date
    time_zone: str
    languages: list[str]
    registration_open: bool
    venue: VenueOut | None


class FiguresOut(Schema):
    organisations: int
    countries: int
    participants: int
    exhibitors: int
    offers: int
    requests: int
    meetings: int = Field(
        description="Meetings arranged and not cancelled; once the event is over (held), "
        "those that took place."
    )
    agreements_signed: int
    sessions: int
    held: bool = Field(description="The event's last day has ended on its own clock.")


class EventDetailOut(EventOut):
    description: str
    request_deadline: dt.datetime | None
    figures: FiguresOut


class DelegationRefOut(Schema):
    id: int
    code: str
    name: str
    country: str


class OrganisationRefOut(Schema):
    id: int
    code: str
    name: str
    country: str


class OrganisationOut(OrganisationRefOut):
    country_name: str
    description: str
    type: str
    city: str
    sectors: list[str]
    hs_codes: list[str]
    size: str
    website: str
    is_exhibitor: bool
    delegation: DelegationRefOut | None
    published_opportunities: int


class PersonOut(Schema):
    """Another delegate as anyone at the event may see them: never contact details."""

    id: int
    name: str
    title: str
    role: str
    languages: list[str]
    organisation: OrganisationRefOut


class ContactOut(Schema):
    email: str
    phone: str
    messenger: str


class PersonWithContactOut(PersonOut):
    contact: ContactOut | None = Field(
        description="Only once a meeting between the two of you is accepted."
    )


class BoothOut(Schema):
    code: str
    hall: str


class OpportunityOut(Schema):
    id: int
    organisation: OrganisationRefOut
    direction: str
    kind: str
    language: str
    title: str
    body: str
    sectors: list[str]
    hs_codes: list[str]
    target_countries: list[str]
    status: str
    created_at: dt.datetime


class OrganisationDetailOut(OrganisationOut):
    participants: list[PersonOut]
    booths: list[BoothOut]
    opportunities: list[OpportunityOut]


class RuledOutMeetingOut(Schema):
    meeting_id: int
    start: dt.datetime
    end: dt.datetime
    other_id: int = Field(description="The other delegate (participant id).")
    reason: Literal["unavailable", "before_arrival", "after_departure"] = Field(
        description="What rules it out: a slot you marked unavailable, your arrival, your "
        "departure."
    )


class MeOut(Schema):
    id: int
    status: str
    role: str
    given_name: str
    family_name: str
    name_latin: str
    title: dict[str, str]
    languages: list[str]
    public_listing: bool
    contact_email: str
    phone: str
    messenger: str
    arrives_at: dt.datetime | None
    departs_at: dt.datetime | None
    target_countries: list[str]
    organisation: OrganisationRefOut
    meetings_ruled_out: list[RuledOutMeetingOut] = Field(
        description="Your published meetings at a time you have since ruled out; they stay "
        "until the organisers move them: write to them."
    )


class MeetingRequestOut(Schema):
    id: int
    box: Literal["sent", "received"]
    status: str
    other: PersonOut
    message: str
    opportunity_id: int | None
    decline_reason: str
    created_at: dt.datetime
    responded_at: dt.datetime | None
    expires_at: dt.datetime | None


class MeetingOut(Schema):
    id: int
    status: str
    language: str
    other: PersonWithContactOut
    created_at: dt.datetime


class MeetingConflictBodyOut(ErrorBodyOut):
    meeting: MeetingOut | None = Field(
        None,
        description="The meeting the two of you already have (accepted, held or missed): "
        "one meeting per pair. Absent from the route's other conflicts.",
    )


class MeetingConflictOut(Schema):
    """The API's error shape, naming the meeting the two delegates already have."""

    error: MeetingConflictBodyOut


class MeetingRequestConflictBodyOut(MeetingConflictBodyOut):
    meeting_request: MeetingRequestOut | None = Field(
        None,
        description="The request between the two of you already waiting for an answer: "
        '`box` "received" is theirs (accept or decline it), "sent" is yours (withdraw it '
        "to send another). Absent from the route's other conflicts.",
    )


class MeetingRequestConflictOut(Schema):
    """The API's error shape, naming the request or the meeting that stopped a new one."""

    error: MeetingRequestConflictBodyOut


class TableOut(Schema):
    number: int
    label: str


class AgendaItemOut(Schema):
    kind: Literal["meeting", "session"]
    start: dt.datetime = Field(description="ISO 8601 in the event's time zone, with offset.")
    end: dt.datetime
    meeting_id: int | None
    meeting_status: str | None
    table: TableOut | None
    booth: str | None = Field(description="Booth code when the meeting is at a booth.")
    place: str = Field(
        description="Where it is, for people, in the language of Accept-Language: a "
        "meeting's table or booth and its hall, a session's room and hall ('Meeting room 1, "
        "Hall B'); '' when nothing is known."
    )
    other: PersonOut | None
    language: str
    session_id: int | None
    title: str
    room: str = Field(description="In the language of Accept-Language, else in English.")


class AgendaOut(Schema):
    event: str
    time_zone: str
    version: str | None
    published_at: dt.datetime | None
    items: list[AgendaItemOut]


# --- Input --------------------------------------------------------------------------------


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.upper()
    if not reference.is_country(code):
        raise ValueError(_("Not an ISO 3166-1 alpha-2 country code."))
    return code


def _sector(value: str | None) -> str | None:
    if value is not None and not reference.is_sector(value):
        raise ValueError(_("Not a known sector."))
    return value


def _hs(value: str | None) -> str | None:
    if value is None:
        return None
    code = hs_filter_code(value)
    if not code:
        raise ValueError(_("Not a known HS chapter or heading (two or four digits)."))
    return code


def _spoken_language(value: str | None) -> str | None:
    """As languages are stored: "rus" and "RU" are "ru" (``reference.language_code``)."""
    if value is None:
        return None
    try:
        return reference.language_code(value)
    except KeyError:
        raise ValueError(_("Not an ISO 639 language code.")) from None


# Spelled out for the type checker and the schema; a test keeps them equal to the models'.
OrganisationType = Literal["company", "government", "agency", "association", "university", "media"]
Direction = Literal["offer", "request"]
Kind = Literal["product", "service", "investment", "project", "partnership", "expertise"]
RequestStatus = Literal["pending", "accepted", "declined", "cancelled", "expired"]
ContentLanguage = Literal["en", "zh", "ru", "kk"]


class OrganisationQuery(Schema):
    q: Annotated[str, Field(max_length=100), SEARCH_TEXT] | None = Field(
        None, description="Part of a name, code or city."
    )
    country: Annotated[str | None, AfterValidator(_country)] = Field(None, max_length=2)
    sector: Annotated[str | None, AfterValidator(_sector)] = Field(None, max_length=40)
    type: OrganisationType | None = None
    exhibitors: bool = Field(False, description="Exhibitors only.")
    hs: Annotated[str | None, AfterValidator(_hs)] = Field(
        None, max_length=10, description="An HS chapter or heading it trades in (85, 8541)."
    )
    language: Annotated[str | None, AfterValidator(_spoken_language)] = Field(
        None, max_length=3, description="A language one of its listed delegates speaks."
    )
    delegation: Id | None = Field(None, description="A delegation id.")


class OpportunityQuery(Schema):
    q: Annotated[str, Field(max_length=100), SEARCH_TEXT] | None = Field(
        None, description="Part of the title or text."
    )
    direction: Direction | None = None
    kind: Kind | None = None
    sector: Annotated[str | None, AfterValidator(_sector)] = Field(None, max_length=40)
    language: ContentLanguage | None = None
    hs: Annotated[str | None, AfterValidator(_hs)] = Field(
        None, max_length=10, description="An HS chapter or heading (85, 8541)."
    )
    country: Annotated[str | None, AfterValidator(_country)] = Field(
        None, max_length=2, description="The organisation's country."
    )


class OpportunityIn(Schema):
    direction: Direction
    kind: Kind
    language: ContentLanguage
    title: Text = Field(min_length=1, max_length=200)
    body: Text = Field(min_length=1, max_length=BODY_MAX_LENGTH)
    sectors: list[Annotated[str, Field(max_length=10)]] = Field(default_factory=list, max_length=30)
    hs_codes: list[Annotated[str, Field(max_length=10)]] = Field(
        default_factory=list, max_length=50
    )
    target_countries: list[Annotated[str, Field(max_length=2)]] = Field(
        default_factory=list, max_length=60
    )


class MeUpdateIn(Schema):
    """Only the fields sent are changed."""

    given_name: Annotated[str, Field(min_length=1, max_length=100), PLAIN_TEXT] | None = None
    family_name: Annotated[str, Field(max_length=100), PLAIN_TEXT] | None = None
    name_latin: Annotated[str, Field(max_length=200), PLAIN_TEXT] | None = None
    title: (
        dict[Literal["en", "zh-hans", "ru", "kk"], Annotated[Text, Field(max_length=200)]] | None
    ) = None
    languages: list[Annotated[str, Field(max_length=3)]] | None = Field(None, max_length=20)
    public_listing: bool | None = None
    contact_email: Annotated[str, Field(max_length=254), PLAIN_TEXT] | None = None
    phone: Annotated[str, Field(max_length=40), PLAIN_TEXT] | None = None
    messenger: Annotated[str, Field(max_length=100), PLAIN_TEXT] | None = None
    arrives_at: dt.datetime | None = None
    departs_at: dt.datetime | None = None
    target_countries: list[Annotated[str, Field(max_length=2)]] | None = Field(None, max_length=60)


class MeetingRequestIn(Schema):
    target_id: Id = Field(description="The delegate (participant id) you want to meet.")
    message: Text = Field("", max_length=2000)
    opportunity_id: Id | None = Field(None, description="The offer or request it is about.")


class DeclineIn(Schema):
    reason: Text = Field("", max_length=500)


class CancelIn(Schema):
    reason: Text = Field("", max_length=500)
