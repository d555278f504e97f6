"""Organisations: companies, government bodies, agencies… of one event, keyed by ``code``.

A code already in the event is refused, unless the import runs with ``update``: then the
organisation's fields that the file has columns for are replaced (see docs/import.md).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils.translation import gettext

from keruen.common.edits import edit_base
from keruen.common.errors import ProblemList
from keruen.common.i18n import CONTENT_TO_UI
from keruen.imports import columns as c
from keruen.imports.kinds.base import (
    CONTENT_LANGUAGES,
    Importer,
    Plan,
    casefold_key,
    repeated_message,
    translated_columns,
    translations_from,
    unknown_delegation_message,
)
from keruen.imports.messages import listed
from keruen.imports.validation import ParsedRow
from keruen.people.models import (
    ORGANISATION_DESCRIPTION_MAX,
    ORGANISATION_NAME_MAX,
    Delegation,
    Organisation,
)
from keruen.people.services import (
    ORGANISATION_UNORDERED,
    organisation_create,
    organisation_update,
)

NAME_COLUMNS = tuple(f"name_{language}" for language in CONTENT_LANGUAGES)
TYPES = tuple(Organisation.Type.values)
SIZES = tuple(Organisation.Size.values)

COLUMNS: tuple[c.Column, ...] = (
    c.Column(
        "code",
        required=True,
        format="short identifier, unique in the event; letters a-z, digits, - and _; "
        "participants and opportunities refer to it",
        example="kaz-grain",
        parse=c.code,
    ),
    *translated_columns("name", "Name", ORGANISATION_NAME_MAX, example="KazGrain Holding"),
    *translated_columns("description", "Description", ORGANISATION_DESCRIPTION_MAX),
    c.Column(
        "language",
        format="the organisation's own language; default: en if name_en is given, else the "
        "first of zh, ru, kk that is",
        example="ru",
        parse=c.choice(CONTENT_LANGUAGES),
        allowed=CONTENT_LANGUAGES,
    ),
    c.Column(
        "type",
        format="default: company",
        example="company",
        parse=c.choice(TYPES),
        allowed=TYPES,
        empty=None,
    ),
    c.Column(
        "country",
        required=True,
        format="ISO 3166-1 alpha-2 country code",
        example="KZ",
        parse=c.country,
    ),
    c.Column("city", format="text, at most 100 characters", example="Astana", parse=c.text(100)),
    c.Column(
        "sectors",
        format="ISIC Rev.4 divisions (2 digits) or sections (a letter), separated by ;",
        example="01;10",
        parse=c.isic_list,
        empty=list,
    ),
    c.Column(
        "hs_codes",
        format="HS chapters (2 digits) or headings (4 digits), separated by ;",
        example="10;1001",
        parse=c.hs_list,
        empty=list,
    ),
    c.Column(
        "size", format="number of employees", example="large", parse=c.choice(SIZES), allowed=SIZES
    ),
    c.Column(
        "website",
        format="web address; https:// is added when missing",
        example="https://kazgrain.example.com",
        parse=c.url,
    ),
    c.Column(
        "delegation_code",
        format="code of a delegation that already exists in the event (create it in the admin)",
        parse=c.code,
    ),
    c.Column(
        "is_exhibitor",
        format="yes or no (also true/false, 1/0); default: no",
        example="yes",
        parse=c.boolean,
        empty=lambda: False,
    ),
)

# Plain columns copied to the model field of the same name.
_PLAIN = ("type", "country", "city", "sectors", "hs_codes", "size", "website", "is_exhibitor")


class OrganisationImporter(Importer):
    kind = "organisations"
    noun = "organisation"
    columns = COLUMNS
    one_of = (NAME_COLUMNS,)
    field_columns: ClassVar[dict[str, str]] = {
        "name": "name_en",
        "description": "description_en",
        "delegation": "delegation_code",
    }

    def prepare(self, rows: list[ParsedRow]) -> None:
        self.existing = {
            casefold_key(organisation.code): organisation
            for organisation in Organisation.objects.for_event(self.event)
        }
        self.delegations = {
            casefold_key(delegation.code): delegation
            for delegation in Delegation.objects.for_event(self.event)
        }
        self.seen: dict[str, int] = {}  # code -> first row with it

    def check(self, row: ParsedRow, problems: ProblemList) -> Plan | None:
        existing = self._check_code(row, problems)
        fields = self._fields(row, existing)
        self._check_names(row, fields, problems)
        delegation = self._delegation(row, problems)
        if "delegation_code" in row.present:
            fields["delegation"] = delegation  # an empty cell clears it on update
        candidate = Organisation(event=self.event, **(self._current(existing) | fields))
        self.model_problems(candidate, row, problems, exclude=["event", "delegation"])
        if row.bad:
            return None
        return Plan(row=row.number, fields=fields, existing=existing)

    def _check_code(self, row: ParsedRow, problems: ProblemList) -> Organisation | None:
        if not row.has("code"):
            return None
        code = row.values["code"]
        key = casefold_key(code)
        if key in self.seen:
            row.problem(problems, "code", repeated_message(code, self.seen[key]))
            return None
        self.seen[key] = row.number
        existing = self.existing.get(key)
        if existing is not None and not self.update:
            exists = gettext(
                "the organisation '%(code)s' already exists in this event; to change it, "
                "import with --update (admin: 'update existing organisations')"
            )
            row.problem(problems, "code", exists % {"code": existing.code})
        return existing

    def _fields(self, row: ParsedRow, existing: Organisation | None) -> dict[str, Any]:
        """Model fields from the row: all of them for a new organisation, only the file's
        columns for an update (an absent column leaves the stored value alone)."""
        fields: dict[str, Any] = {name: row.values[name] for name in _PLAIN if row.has(name)}
        for prefix in ("name", "description"):
            base = getattr(existing, prefix) if existing is not None else None
            fields[prefix] = translations_from(row, prefix, base)
        if existing is None:
            fields["code"] = row.values.get("code", "")
            fields["language"] = row.values.get("language") or default_language(fields["name"])
        elif row.values.get("language"):
            fields["language"] = row.values["language"]
        return fields

    def _check_names(self, row: ParsedRow, fields: dict[str, Any], problems: ProblemList) -> None:
        if any(name in row.bad for name in NAME_COLUMNS) or any(fields["name"].values()):
            return
        present = [name for name in NAME_COLUMNS if name in row.present]
        if present:
            give = gettext("give the name in at least one of %(columns)s")
            row.problem(problems, present[0], give % {"columns": listed(present)})
        row.bad.update(NAME_COLUMNS)  # the model's own "no name" message would repeat it

    def _delegation(self, row: ParsedRow, problems: ProblemList) -> Delegation | None:
        code = row.values.get("delegation_code")
        if not code:
            return None
        delegation = self.delegations.get(casefold_key(code))
        if delegation is None:
            row.problem(problems, "delegation_code", unknown_delegation_message(code))
        return delegation

    @staticmethod
    def _current(existing: Organisation | None) -> dict[str, Any]:
        """The stored values an update keeps, so the backstop validates the merged result."""
        if existing is None:
            return {}
        names = ["code", "name", "description", "language", *_PLAIN]
        return {name: getattr(existing, name) for name in names}

    def write(self, plan: Plan) -> list[str]:
        if plan.existing is not None:
            # The file was checked against the organisation as read then (``prepare``): only
            # what the file changes is written, so an edit saved meanwhile in the console
            # stands, and one the file contradicts refuses the import on this row. The base
            # covers every field the row writes (the exhibitor flag and the delegation too).
            base = edit_base(plan.existing, plan.fields, unordered=ORGANISATION_UNORDERED)
            organisation_update(organisation=plan.existing, base=base, **plan.fields)
            return ["updated"]
        organisation_create(event=self.event, **plan.fields)
        return ["created"]


def default_language(name: dict[str, str]) -> str:
    """English when the name is given in English, else the first language that has one."""
    for language in CONTENT_LANGUAGES:
        if name.get(CONTENT_TO_UI[language]):
            return language
    return "en"
