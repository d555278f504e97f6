"""The six exports of the organiser console: what each file is and what its columns mean.

Column names are machine names, the same in every language (the import layouts' own names
for delegates, organisations and offers / requests); the page explains each column in the
organiser's language, with the codes a column may hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.agreements.models import Agreement
from keruen.common.i18n import ui_language
from keruen.console.exports import tables
from keruen.console.exports.arrivals import ARRIVALS_HEADER, arrivals_export
from keruen.events.models import Event
from keruen.marketplace.models import CONTENT_LANGUAGES, Opportunity
from keruen.meetings.models import Meeting, Schedule
from keruen.people.models import Organisation, Participant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Codes = Sequence[tuple[str, "StrOrPromise"]]


@dataclass(frozen=True)
class ColumnDoc:
    """One or more columns (``name_en``, ``name_zh``…) and what they hold."""

    names: tuple[str, ...]
    label: StrOrPromise
    codes: Codes | Callable[[], Codes] = ()

    @property
    def code_list(self) -> Codes:
        return self.codes() if callable(self.codes) else self.codes


@dataclass(frozen=True)
class ExportKind:
    slug: str  # in the URL and the file name: "delegates"
    title: StrOrPromise
    description: StrOrPromise
    sheet: str  # the XLSX sheet: the import kind for the import layouts
    header: tuple[str, ...]  # the file's columns, in order
    model: type[models.Model]
    columns: tuple[ColumnDoc, ...]
    build: Callable[[Event, Schedule | None], tables.ExportTable]
    import_layout: bool = False  # the columns of an import file: all text, re-importable
    needs_schedule: bool = False

    def count(self, event: Event) -> int:
        return self.model._default_manager.filter(event=event).count()


def _per_language(*prefixes: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}_{language}" for language, _label in CONTENT_LANGUAGES for prefix in prefixes
    )


def _sectors() -> Codes:
    language = ui_language()
    return [
        (sector.key, reference.sector_label(sector.key, language)) for sector in reference.sectors()
    ]


CODE_OF_ORGANISATION = _("Code of the organisation (see the organisations file)")
CODE_OF_DELEGATION = _("Code of the delegation, if any (delegations are created in the admin)")
SECTORS = _("Sectors: ISIC Rev.4 divisions (2 digits) or sections (a letter), separated by ;")
HS_CODES = _("Products: HS chapters (2 digits) or headings (4 digits), separated by ;")
TARGET_COUNTRIES = _("Target countries: ISO 3166-1 codes, separated by ;")

ORGANISATIONS = ExportKind(
    slug="organisations",
    title=_("Organisations"),
    description=_(
        "Every organisation of the event, in the columns of the organisations import file."
    ),
    sheet="organisations",
    header=tables.import_header("organisations"),
    model=Organisation,
    import_layout=True,
    build=lambda event, _schedule: tables.organisations_export(event=event),
    columns=(
        ColumnDoc(("code",), _("Code of the organisation, unique in the event")),
        ColumnDoc(_per_language("name"), _("Name, one column per language")),
        ColumnDoc(_per_language("description"), _("Description, one column per language")),
        ColumnDoc(("language",), _("The organisation's own language"), CONTENT_LANGUAGES),
        ColumnDoc(("type",), _("Type"), Organisation.Type.choices),
        ColumnDoc(("country",), _("Country: ISO 3166-1 code")),
        ColumnDoc(("city",), _("City")),
        ColumnDoc(("sectors",), SECTORS),
        ColumnDoc(("hs_codes",), HS_CODES),
        ColumnDoc(("size",), _("Size: number of employees"), Organisation.Size.choices),
        ColumnDoc(("website",), _("Website")),
        ColumnDoc(("delegation_code",), CODE_OF_DELEGATION),
        ColumnDoc(("is_exhibitor",), _("Exhibitor: yes or no")),
    ),
)

DELEGATES = ExportKind(
    slug="delegates",
    title=_("Delegates"),
    description=_(
        "Everyone registered at the event, organisers included, with their contact details, "
        "in the columns of the participants import file."
    ),
    sheet="participants",
    header=tables.import_header("participants"),
    model=Participant,
    import_layout=True,
    build=lambda event, _schedule: tables.participants_export(event=event),
    columns=(
        ColumnDoc(("email",), _("E-mail address: the person's login")),
        ColumnDoc(("given_name",), _("Given name")),
        ColumnDoc(("family_name",), _("Family name")),
        ColumnDoc(("name_latin",), _("Name in Latin letters")),
        ColumnDoc(("organisation_code",), CODE_OF_ORGANISATION),
        ColumnDoc(("role",), _("Role"), Participant.Role.choices),
        ColumnDoc(("status",), _("Status of the registration"), Participant.Status.choices),
        ColumnDoc(_per_language("title"), _("Job title, one column per language")),
        ColumnDoc(("languages",), _("Languages spoken: ISO 639 codes, separated by ;")),
        ColumnDoc(
            ("public_listing",),
            _("In the public participant list (the person agreed to it): yes or no"),
        ),
        ColumnDoc(
            ("contact_email",), _("Contact e-mail, shown to delegates after an accepted meeting")
        ),
        ColumnDoc(("phone",), _("Phone")),
        ColumnDoc(("messenger",), _("Messenger: WeChat, Telegram or another handle")),
        ColumnDoc(("delegation_code",), CODE_OF_DELEGATION),
        ColumnDoc(("target_countries",), TARGET_COUNTRIES),
    ),
)

OPPORTUNITIES = ExportKind(
    slug="opportunities",
    title=_("Offers and requests"),
    description=_(
        "Every offer and request, drafts and rejected ones included, in the columns of the "
        "offers and requests import file."
    ),
    sheet="opportunities",
    header=tables.import_header("opportunities"),
    model=Opportunity,
    import_layout=True,
    build=lambda event, _schedule: tables.opportunities_export(event=event),
    columns=(
        ColumnDoc(("organisation_code",), CODE_OF_ORGANISATION),
        ColumnDoc(("author_email",), _("E-mail address of the author (see the delegates file)")),
        ColumnDoc(("direction",), _("Offer or request"), Opportunity.Direction.choices),
        ColumnDoc(("kind",), _("Kind"), Opportunity.Kind.choices),
        ColumnDoc(("language",), _("Language of the title and the text"), CONTENT_LANGUAGES),
        ColumnDoc(("title",), _("Title")),
        ColumnDoc(("body",), _("Text")),
        ColumnDoc(
            _per_language("title", "body"),
            _("Translations of the title and the text, a pair of columns per language"),
        ),
        ColumnDoc(("sectors",), SECTORS),
        ColumnDoc(("hs_codes",), HS_CODES),
        ColumnDoc(("target_countries",), TARGET_COUNTRIES),
        ColumnDoc(("status",), _("Status"), Opportunity.Status.choices),
    ),
)


def _pair(what: str) -> tuple[str, str]:
    return f"delegate_a_{what}", f"delegate_b_{what}"


MEETINGS = ExportKind(
    slug="meetings",
    title=_("Meetings"),
    description=_(
        "Every meeting of the event with its slot, time and table or booth in the chosen "
        "version of the schedule. Meetings without a place in that version come last, with "
        "empty time and place."
    ),
    sheet="meetings",
    header=tables.MEETINGS_HEADER,
    model=Meeting,
    needs_schedule=True,
    build=lambda event, schedule: tables.meetings_export(event=event, schedule=schedule),
    columns=(
        ColumnDoc(("meeting_id",), _("Number of the meeting (the agreements file refers to it)")),
        ColumnDoc(("schedule_version",), _("Version of the schedule: a release, or draft")),
        ColumnDoc(("slot",), _("Number of the slot")),
        ColumnDoc(("day",), _("Meeting day: 1 is the first meeting day")),
        ColumnDoc(("date",), _("Date: YYYY-MM-DD")),
        ColumnDoc(("start", "end"), _("Start and end: HH:MM, in the event's time zone")),
        ColumnDoc(("table",), _("Table, when the meeting is at a shared table")),
        ColumnDoc(("booth",), _("Booth code, when the meeting is at an exhibitor's booth")),
        ColumnDoc(_pair("name"), _("Names of the two delegates")),
        ColumnDoc(_pair("email"), _("Their e-mail addresses (as in the delegates file)")),
        ColumnDoc(_pair("organisation"), _("Their organisations, named in the page's language")),
        ColumnDoc(_pair("organisation_code"), _("Codes of their organisations")),
        ColumnDoc(_pair("country"), _("Countries of their organisations: ISO 3166-1 codes")),
        ColumnDoc(("status",), _("Status"), Meeting.Status.choices),
        ColumnDoc(("language",), _("Language of the meeting: ISO 639 code, if known")),
    ),
)

AGREEMENTS = ExportKind(
    slug="agreements",
    title=_("Agreements"),
    description=_("Every agreement recorded at the event, signed or not."),
    sheet="agreements",
    header=tables.AGREEMENTS_HEADER,
    model=Agreement,
    build=lambda event, _schedule: tables.agreements_export(event=event),
    columns=(
        ColumnDoc(("agreement_id",), _("Number of the agreement")),
        ColumnDoc(("kind",), _("Kind"), Agreement.Kind.choices),
        ColumnDoc(_per_language("title"), _("Title, one column per language")),
        ColumnDoc(("parties",), _("Codes of the parties' organisations, separated by ;")),
        ColumnDoc(("party_names",), _("Names of the parties, in the page's language")),
        ColumnDoc(("sector",), _("Sector"), _sectors),
        ColumnDoc(("value",), _("Value (amounts are not converted between currencies)")),
        ColumnDoc(("currency",), _("Currency: ISO 4217 code")),
        ColumnDoc(("status",), _("Status"), Agreement.Status.choices),
        ColumnDoc(("signed_on",), _("Date of signing: YYYY-MM-DD")),
        ColumnDoc(("meeting_id",), _("Number of the meeting it came from (see the meetings file)")),
    ),
)

ARRIVALS = ExportKind(
    slug="arrivals",
    title=_("Badges and arrivals"),
    description=_(
        "Everyone registered, by delegation, with the code printed on their badge and when "
        "they checked in at the registration desk (empty until they do)."
    ),
    sheet="arrivals",
    header=ARRIVALS_HEADER,
    model=Participant,
    build=lambda event, _schedule: arrivals_export(event=event),
    columns=(
        ColumnDoc(("email",), _("E-mail address: the person's login")),
        ColumnDoc(("given_name", "family_name", "name_latin"), _("Name, as on the badge")),
        ColumnDoc(("organisation_code",), CODE_OF_ORGANISATION),
        ColumnDoc(("delegation_code",), CODE_OF_DELEGATION),
        ColumnDoc(("role",), _("Role"), Participant.Role.choices),
        ColumnDoc(("status",), _("Status of the registration"), Participant.Status.choices),
        ColumnDoc(("badge_code",), _("Code printed on the badge, under its QR code")),
        ColumnDoc(
            ("checked_in_date", "checked_in_time"),
            _("Arrival at the registration desk: date and time on the event's clock"),
        ),
    ),
)

EXPORTS: dict[str, ExportKind] = {
    kind.slug: kind
    for kind in (DELEGATES, ORGANISATIONS, OPPORTUNITIES, MEETINGS, AGREEMENTS, ARRIVALS)
}
FILE_FORMATS: tuple[str, ...] = ("csv", "xlsx")
