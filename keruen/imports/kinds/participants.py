"""Participants: people registered at the event, each with an account keyed by e-mail.

A new e-mail address gets a new account with no usable password (the organiser sends the
invitations later); a known one reuses its account. A person registers once per event, so
an address repeated in the file, or already registered, is refused with its row.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models.functions import Lower
from django.utils.translation import gettext

from keruen.common.errors import ProblemList
from keruen.common.i18n import CONTENT_TO_UI
from keruen.imports import columns as c
from keruen.imports.kinds.base import (
    Importer,
    Plan,
    casefold_key,
    repeated_message,
    translated_columns,
    translations_from,
    unknown_delegation_message,
    unknown_organisation_message,
)
from keruen.imports.validation import ParsedRow
from keruen.people.models import Delegation, Organisation, Participant, User
from keruen.people.services import participant_register, user_create

ROLES = tuple(Participant.Role.values)
STATUSES = tuple(Participant.Status.values)
DEFAULT_STATUS = Participant.Status.APPROVED

COLUMNS: tuple[c.Column, ...] = (
    c.Column(
        "email",
        required=True,
        format="e-mail address: the person's login; unique in the file",
        example="aigerim.nurlanova@example.com",
        parse=c.email,
    ),
    c.Column(
        "given_name",
        required=True,
        format="text, at most 100 characters",
        example="Aigerim",
        parse=c.text(100),
    ),
    c.Column(
        "family_name", format="text, at most 100 characters", example="Nurlanova", parse=c.text(100)
    ),
    c.Column(
        "name_latin",
        format="the name in Latin letters, when it is written in another script",
        example="Aigerim Nurlanova",
        parse=c.text(200),
    ),
    c.Column(
        "organisation_code",
        required=True,
        format="code of an organisation of the event (import organisations first)",
        example="kaz-grain",
        parse=c.code,
    ),
    c.Column(
        "role",
        format="default: business",
        example="business",
        parse=c.choice(ROLES),
        allowed=ROLES,
        empty=None,
    ),
    c.Column(
        "status",
        format="registration status; default: approved (the organiser imports people it accepts)",
        example="approved",
        parse=c.choice(STATUSES),
        allowed=STATUSES,
        empty=None,
    ),
    *translated_columns("title", "Job title", 200, example="Export director"),
    c.Column(
        "languages",
        format="ISO 639-1 codes (two letters; ISO 639-3 for languages without one) of the "
        "languages the person speaks, separated by ;",
        example="kk;ru;en",
        parse=c.language_list,
        empty=list,
    ),
    c.Column(
        "public_listing",
        format="yes only if the person agreed to appear in the public participant list; "
        "default: no",
        example="yes",
        parse=c.boolean,
        empty=lambda: False,
    ),
    c.Column(
        "contact_email",
        format="e-mail shown to delegates after an accepted meeting",
        example="export@kazgrain.example.com",
        parse=c.email,
    ),
    c.Column(
        "phone",
        format="with the country code: digits, spaces, +, -, brackets",
        example="+7 701 000 0000",
        parse=c.phone,
    ),
    c.Column(
        "messenger",
        format="e.g. WeChat or Telegram handle; at most 100 characters",
        parse=c.text(100),
    ),
    c.Column(
        "delegation_code",
        format="code of a delegation that already exists in the event (create it in the admin)",
        parse=c.code,
    ),
    c.Column(
        "target_countries",
        format="ISO 3166-1 alpha-2 codes of countries of interest, separated by ;",
        example="CN;UZ",
        parse=c.country_list,
        empty=list,
    ),
)

_PLAIN = (
    "given_name",
    "family_name",
    "name_latin",
    "role",
    "status",
    "languages",
    "public_listing",
    "contact_email",
    "phone",
    "messenger",
    "target_countries",
)


class ParticipantImporter(Importer):
    kind = "participants"
    noun = "participant"
    columns = COLUMNS
    field_columns: ClassVar[dict[str, str]] = {
        "title": "title_en",
        "organisation": "organisation_code",
        "delegation": "delegation_code",
        "user": "email",
    }

    def prepare(self, rows: list[ParsedRow]) -> None:
        emails = {row.values["email"] for row in rows if row.values.get("email")}
        # Whatever case an account was stored in (an older one, or one typed in the admin).
        found = User.objects.annotate(address=Lower("email")).filter(address__in=emails)
        self.accounts = {user.address: user for user in found}
        self.registered = set(
            Participant.objects.for_event(self.event)
            .annotate(address=Lower("user__email"))
            .filter(address__in=emails)
            .values_list("address", flat=True)
        )
        self.organisations = {
            casefold_key(organisation.code): organisation
            for organisation in Organisation.objects.for_event(self.event)
        }
        self.delegations = {
            casefold_key(delegation.code): delegation
            for delegation in Delegation.objects.for_event(self.event)
        }
        self.seen: dict[str, int] = {}

    def check(self, row: ParsedRow, problems: ProblemList) -> Plan | None:
        self._check_email(row, problems)
        organisation = self._reference(row, problems, "organisation_code", self.organisations)
        delegation = self._reference(row, problems, "delegation_code", self.delegations)
        fields: dict[str, Any] = {name: row.values[name] for name in _PLAIN if row.has(name)}
        fields.setdefault("status", DEFAULT_STATUS)
        fields["title"] = translations_from(row, "title")
        candidate = Participant(event=self.event, **fields)
        self.model_problems(
            candidate,
            row,
            problems,
            exclude=["event", "user", "organisation", "delegation", "booth"],
        )
        if row.bad:
            return None
        email = row.values["email"]
        return Plan(
            row=row.number,
            fields=fields,
            existing=self.accounts.get(email),
            refs={"email": email, "organisation": organisation, "delegation": delegation},
        )

    def _check_email(self, row: ParsedRow, problems: ProblemList) -> None:
        if not row.has("email"):
            return
        email = row.values["email"]
        if email in self.seen:
            row.problem(problems, "email", repeated_message(email, self.seen[email]))
            return
        self.seen[email] = row.number
        if email in self.registered:
            registered = gettext("'%(email)s' is already registered at this event")
            row.problem(problems, "email", registered % {"email": email})

    def _reference(
        self, row: ParsedRow, problems: ProblemList, column: str, known: dict[str, Any]
    ) -> Any:
        code = row.values.get(column)
        if not code:
            return None
        found = known.get(casefold_key(code))
        if found is None:
            unknown = (
                unknown_organisation_message
                if column == "organisation_code"
                else unknown_delegation_message
            )
            row.problem(problems, column, unknown(code))
        return found

    def write(self, plan: Plan) -> list[str]:
        outcome = ["created"]
        user = plan.existing
        if user is None:
            user = user_create(
                email=plan.refs["email"],
                password=None,  # unusable until the person accepts the organiser's invitation
                full_name=_full_name(plan.fields),
                language=_account_language(plan.fields.get("languages", [])),
            )
            outcome.append("new accounts")
        else:
            outcome.append("existing accounts")
        participant_register(
            event=self.event,
            user=user,
            organisation=plan.refs["organisation"],
            delegation=plan.refs["delegation"],
            **plan.fields,
        )
        return outcome


def _full_name(fields: dict[str, Any]) -> str:
    return " ".join(part for part in (fields.get("given_name"), fields.get("family_name")) if part)


def _account_language(languages: list[str]) -> str:
    """The account's interface language: the first spoken language the interface has."""
    return next((CONTENT_TO_UI[code] for code in languages if code in CONTENT_TO_UI), "en")
