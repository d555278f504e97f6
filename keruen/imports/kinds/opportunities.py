"""Opportunities: offers and requests of the event's organisations.

They have no code of their own, so a repeated import is caught by its content: the same
organisation, direction and title (any case) already in the event or earlier in the file.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext

from keruen.common.errors import ProblemList
from keruen.imports import columns as c
from keruen.imports.kinds.base import (
    CONTENT_LANGUAGES,
    LANGUAGE_LABELS,
    Importer,
    Plan,
    casefold_key,
    unknown_organisation_message,
)
from keruen.imports.validation import ParsedRow
from keruen.marketplace.models import Opportunity
from keruen.marketplace.services import opportunity_create
from keruen.people.models import Organisation, Participant

DIRECTIONS = tuple(Opportunity.Direction.values)
KINDS = tuple(Opportunity.Kind.values)
STATUSES = tuple(Opportunity.Status.values)
DEFAULT_STATUS = Opportunity.Status.PUBLISHED


def _translation_columns() -> tuple[c.Column, ...]:
    return tuple(
        c.Column(
            f"{part}_{language}",
            format=f"optional {label} translation of the {part}; give title and body together",
            parse=c.text(200 if part == "title" else 10000),
        )
        for language, label in LANGUAGE_LABELS.items()
        for part in ("title", "body")
    )


COLUMNS: tuple[c.Column, ...] = (
    c.Column(
        "organisation_code",
        required=True,
        format="code of an organisation of the event (import organisations first)",
        example="kaz-grain",
        parse=c.code,
    ),
    c.Column(
        "author_email",
        format="e-mail of a participant of that organisation (import participants first)",
        example="aigerim.nurlanova@example.com",
        parse=c.email,
    ),
    c.Column(
        "direction",
        required=True,
        format="offer (we provide) or request (we look for)",
        example="offer",
        parse=c.choice(DIRECTIONS),
        allowed=DIRECTIONS,
    ),
    c.Column(
        "kind",
        required=True,
        format="what is offered or requested",
        example="product",
        parse=c.choice(KINDS),
        allowed=KINDS,
    ),
    c.Column(
        "language",
        required=True,
        format="language of title and body",
        example="en",
        parse=c.choice(CONTENT_LANGUAGES),
        allowed=CONTENT_LANGUAGES,
    ),
    c.Column(
        "title",
        required=True,
        format="text, at most 200 characters",
        example="Milling wheat, 50,000 t a year",
        parse=c.text(200),
    ),
    c.Column(
        "body",
        required=True,
        format="text, at most 10,000 characters",
        example="Class 3 milling wheat ...",
        parse=c.text(10000),
    ),
    *_translation_columns(),
    c.Column(
        "sectors",
        format="ISIC Rev.4 divisions (2 digits) or sections (a letter), separated by ;",
        example="01",
        parse=c.isic_list,
        empty=list,
    ),
    c.Column(
        "hs_codes",
        format="HS chapters (2 digits) or headings (4 digits), separated by ;",
        example="1001",
        parse=c.hs_list,
        empty=list,
    ),
    c.Column(
        "target_countries",
        format="ISO 3166-1 alpha-2 codes, separated by ;",
        example="CN;UZ",
        parse=c.country_list,
        empty=list,
    ),
    c.Column(
        "status",
        format="default: published (the organiser imports what it has reviewed)",
        example="published",
        parse=c.choice(STATUSES),
        allowed=STATUSES,
        empty=None,
    ),
)

_PLAIN = (
    "direction",
    "kind",
    "language",
    "title",
    "body",
    "sectors",
    "hs_codes",
    "target_countries",
    "status",
)


class OpportunityImporter(Importer):
    kind = "opportunities"
    noun = "opportunity"
    columns = COLUMNS
    field_columns: ClassVar[dict[str, str]] = {
        "organisation": "organisation_code",
        "author": "author_email",
        "translations": "title_en",
    }

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.organisations = {
            casefold_key(organisation.code): organisation
            for organisation in Organisation.objects.for_event(self.event)
        }
        emails = {row.values["author_email"] for row in rows if row.values.get("author_email")}
        self.authors = {
            participant.user.email: participant
            for participant in Participant.objects.for_event(self.event)
            .filter(user__email__in=emails)
            .select_related("user", "organisation")
        }
        self.titles = {
            _duplicate_key(organisation_id, direction, title)
            for organisation_id, direction, title in Opportunity.objects.for_event(
                self.event
            ).values_list("organisation_id", "direction", "title")
        }
        self.seen: dict[tuple[int, str, str], int] = {}

    def check(self, row: ParsedRow, problems: ProblemList) -> Plan | None:
        organisation = self._organisation(row, problems)
        author = self._author(row, organisation, problems)
        fields: dict[str, Any] = {name: row.values[name] for name in _PLAIN if row.has(name)}
        fields.setdefault("status", DEFAULT_STATUS)
        fields["translations"] = self._translations(row, problems)
        if organisation is not None:
            self._check_duplicate(row, organisation, problems)
        candidate = Opportunity(event=self.event, **fields)
        self.model_problems(candidate, row, problems, exclude=["event", "organisation", "author"])
        if row.bad:
            return None
        return Plan(
            row=row.number, fields=fields, refs={"organisation": organisation, "author": author}
        )

    def _organisation(self, row: ParsedRow, problems: ProblemList) -> Organisation | None:
        code = row.values.get("organisation_code")
        if not code:
            return None
        organisation = self.organisations.get(casefold_key(code))
        if organisation is None:
            row.problem(problems, "organisation_code", unknown_organisation_message(code))
        return organisation

    def _author(
        self, row: ParsedRow, organisation: Organisation | None, problems: ProblemList
    ) -> Participant | None:
        email = row.values.get("author_email")
        if not email:
            return None
        author = self.authors.get(email)
        if author is None:
            unknown = gettext(
                "'%(email)s' is not a participant of this event (import the participants first)"
            )
            row.problem(problems, "author_email", unknown % {"email": email})
        elif organisation is not None and author.organisation_id != organisation.pk:
            elsewhere = gettext(
                "'%(email)s' is registered with the organisation '%(registered)s', not '%(given)s'"
            )
            row.problem(
                problems,
                "author_email",
                elsewhere
                % {
                    "email": email,
                    "registered": author.organisation.code,
                    "given": organisation.code,
                },
            )
        return author

    def _translations(self, row: ParsedRow, problems: ProblemList) -> dict[str, dict[str, str]]:
        """``{"ru": {"title": ..., "body": ...}}``; a translation needs both its title and body."""
        translations = {}
        for language in CONTENT_LANGUAGES:
            title, body = row.values.get(f"title_{language}"), row.values.get(f"body_{language}")
            if not title and not body:
                continue
            if language == row.values.get("language"):
                same = gettext(
                    "the opportunity is written in %(language)s: put its text in title and body"
                )
                row.problem(
                    problems,
                    f"title_{language}" if title else f"body_{language}",
                    same % {"language": language},
                )
            elif not (title and body):
                missing = f"body_{language}" if title else f"title_{language}"
                row.problem(
                    problems, missing, gettext("a translation needs both its title and its body")
                )
            else:
                translations[language] = {"title": title, "body": body}
        return translations

    def _check_duplicate(
        self, row: ParsedRow, organisation: Organisation, problems: ProblemList
    ) -> None:
        if not (row.has("direction") and row.has("title")):
            return
        key = _duplicate_key(organisation.pk, row.values["direction"], row.values["title"])
        # The direction is shown as the file's "direction" column has it: offer or request.
        where = {"direction": key[1], "code": organisation.code}
        if key in self.seen:
            again = gettext(
                "the same %(direction)s of '%(code)s' appears again (first on row %(first)s)"
            )
            row.problem(problems, "title", again % {**where, "first": self.seen[key]})
        elif key in self.titles:
            exists = gettext(
                "'%(code)s' already has an opportunity (%(direction)s) with this title in "
                "this event"
            )
            row.problem(problems, "title", exists % where)
        self.seen.setdefault(key, row.number)

    def write(self, plan: Plan) -> list[str]:
        opportunity_create(
            organisation=plan.refs["organisation"], author=plan.refs["author"], **plan.fields
        )
        return ["created"]


def _duplicate_key(organisation_id: int, direction: str, title: str) -> tuple[int, str, str]:
    return organisation_id, direction, title.strip().casefold()
