"""Organisations, delegations, accounts and participants of the demo expo."""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from keruen.common.i18n import CONTENT_TO_UI
from keruen.demo import content
from keruen.demo.config import COUNTRY_SHARES, NON_COMPANY_BODIES, DemoSize
from keruen.events.models import Event
from keruen.people.models import (
    Delegation,
    Organisation,
    Participant,
    User,
    organisation_search_text,
    participant_search_text,
)

ROLE_BY_ORG_TYPE = {
    "government": Participant.Role.GOVERNMENT,
    "agency": Participant.Role.GOVERNMENT,
    "association": Participant.Role.BUSINESS,
    "university": Participant.Role.EXPERT,
    "media": Participant.Role.MEDIA,
    "company": Participant.Role.BUSINESS,
}


@dataclass
class Cast:
    """Everything generated about people, kept for the later stages."""

    organisations: list[Organisation] = field(default_factory=list)
    sectors: dict[int, str] = field(default_factory=dict)  # organisation pk -> sector key
    participants: list[Participant] = field(default_factory=list)
    delegations: dict[str, Delegation] = field(default_factory=dict)


def country_counts(total: int) -> dict[str, int]:
    """Organisations per country, summing exactly to ``total``."""
    counts = {code: int(total * share) for code, share in COUNTRY_SHARES}
    missing = total - sum(counts.values())
    for code, _ in COUNTRY_SHARES[:missing]:
        counts[code] += 1
    return counts


def _weighted(rng: random.Random, weights: dict[str, int] | tuple[tuple[str, int], ...]) -> str:
    items = list(weights.items()) if isinstance(weights, dict) else list(weights)
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


DRAWS_FOR_A_NEW_NAME = 8


def _unique_code(base: str, used: Counter[str]) -> str:
    used[base] += 1
    return base if used[base] == 1 else f"{base}-{used[base]}"


def _org_types(country_total: int) -> list[str]:
    bodies = [kind for kind, n in NON_COMPANY_BODIES.items() for _ in range(n)]
    bodies = bodies[: max(1, country_total // 4)]
    return bodies + ["company"] * (country_total - len(bodies))


def _fresh_organisation(
    rng: random.Random,
    profile: content.CountryProfile,
    country: str,
    org_type: str,
    used_names: Counter[str],
) -> tuple[str, content.OrganisationText]:
    """A sector and an organisation whose name is not taken yet, if a few draws find one:
    the content repeats some ministry, agency and media names, and "Ministry of … (2)" in a
    catalogue looks like a data error."""
    for _ in range(DRAWS_FOR_A_NEW_NAME):
        sector = _weighted(rng, profile.sector_weights)
        text = content.organisation(rng, country=country, sector=sector, org_type=org_type)
        if used_names[text.names["en"]] == 0:
            break
    return sector, text


def build_organisations(event: Event, rng: random.Random, size: DemoSize) -> Cast:
    cast = Cast()
    used_codes: Counter[str] = Counter()
    used_names: Counter[str] = Counter()
    rows: list[tuple[Organisation, str]] = []
    for country, total in country_counts(size.organisations).items():
        profile = content.COUNTRY_PROFILES[country]
        for org_type in _org_types(total):
            sector, text = _fresh_organisation(rng, profile, country, org_type, used_names)
            names = dict(text.names)
            used_names[names["en"]] += 1
            if used_names[names["en"]] > 1:  # still a repeat after a few draws: number it
                suffix = f" ({used_names[names['en']]})"
                names = {lang: name + suffix for lang, name in names.items()}
            code = _unique_code(
                text.website.split(".")[0][:40] or f"org-{country.lower()}", used_codes
            )
            organisation = Organisation(
                event=event,
                code=code,
                name=names,
                description=dict(text.descriptions),
                language=content.to_content_language(text.description_language),
                type=org_type,
                country=country,
                city=text.city_names.get("en", ""),
                size=text.size,
                website=f"https://{text.website}",
                is_exhibitor=org_type == "company" and rng.random() < 0.3,
            )
            organisation.search_text = organisation_search_text(organisation)
            rows.append((organisation, sector))
    cast.organisations = Organisation.objects.bulk_create([org for org, _ in rows])
    cast.sectors = {
        org.pk: sector for org, (_, sector) in zip(cast.organisations, rows, strict=True)
    }
    return cast


def build_delegations(event: Event, cast: Cast) -> None:
    """One government delegation per country; its public bodies join it."""
    for country in sorted({org.country for org in cast.organisations}):
        profile = content.COUNTRY_PROFILES[country]
        delegation = Delegation.objects.create(
            event=event,
            code=f"delegation-{country.lower()}",
            name=_delegation_name(profile.names),
            kind=Delegation.Kind.GOVERNMENT,
            country=country,
        )
        cast.delegations[country] = delegation
    for organisation in cast.organisations:
        if organisation.type in ("government", "agency"):
            organisation.delegation = cast.delegations[organisation.country]
    Organisation.objects.bulk_update(cast.organisations, ["delegation"])


def _delegation_name(country_names: dict[str, str]) -> dict[str, str]:
    return {
        "en": f"Government delegation of {country_names['en']}",
        "zh-hans": f"{country_names['zh-hans']}政府代表团",
        "ru": f"Правительственная делегация: {country_names['ru']}",
        "kk": f"{country_names['kk']} үкіметтік делегациясы",
    }


def interface_language(spoken: Iterable[str]) -> str:
    """The first language a person speaks that the interface has (Kazakh delegates read
    Kazakh or Russian, Uzbek ones Russian), else English."""
    for language in spoken:
        if language in CONTENT_TO_UI:
            return CONTENT_TO_UI[language]
    return "en"


def _people_per_organisation(cast: Cast, total: int, rng: random.Random) -> list[int]:
    base = [2 if org.type in ("government", "agency") else 1 for org in cast.organisations]
    while sum(base) < total:
        base[rng.randrange(len(base))] += 1
    return base


#: Job titles of people who buy, not sell: not the ones who staff an exhibitor's stand.
BUYING_ROLES = ("procurement_manager",)


def build_participants(event: Event, rng: random.Random, size: DemoSize, cast: Cast) -> None:
    unusable = make_password(None)  # one unusable hash: the demo's delegates log in by invitation
    users: list[User] = []
    participants: list[Participant] = []
    used_emails: Counter[str] = Counter()
    counts = _people_per_organisation(cast, size.delegates, rng)
    for organisation, count in zip(cast.organisations, counts, strict=True):
        domain = organisation.website.removeprefix("https://")
        for _ in range(count):
            person = content.person(rng, country=organisation.country, org_type=organisation.type)
            email = _unique_email(person.email_local_part, domain, used_emails)
            users.append(
                User(
                    email=email,
                    full_name=person.full_name_latin,
                    password=unusable,
                    language=interface_language(person.languages),
                )
            )
            participants.append(_participant(event, organisation, person, rng))
    users = _with_returning_users(users)
    for user, participant in zip(users, participants, strict=True):
        participant.user = user
        participant.contact_email = user.email
    cast.participants = Participant.objects.bulk_create(participants)
    _appoint_delegation_heads(cast)


def _with_returning_users(users: list[User]) -> list[User]:
    """The accounts of ``users``, created where new: a delegate of another demo edition (the
    past one) keeps their account, as a returning delegate would."""
    known = {u.email: u for u in User.objects.filter(email__in=[u.email for u in users])}
    created = iter(User.objects.bulk_create([u for u in users if u.email not in known]))
    return [known[u.email] if u.email in known else next(created) for u in users]


def _unique_email(local: str, domain: str, used: Counter[str]) -> str:
    address = f"{local}@{domain}".lower()
    used[address] += 1
    return address if used[address] == 1 else f"{local}{used[address]}@{domain}".lower()


def _participant(
    event: Event, organisation: Organisation, person: content.PersonText, rng: random.Random
) -> Participant:
    role = ROLE_BY_ORG_TYPE[organisation.type]
    title = dict(person.job_title)
    if organisation.is_exhibitor and rng.random() < 0.5:
        role = Participant.Role.EXHIBITOR
        if person.role in BUYING_ROLES:
            # The one staffing the stand sells: a purchasing manager there read oddly.
            title = dict(
                zip(("en", "zh-hans", "ru", "kk"), content.ROLES["export_manager"], strict=True)
            )
    participant = Participant(
        event=event,
        organisation=organisation,
        delegation=organisation.delegation,
        role=role,
        status=Participant.Status.APPROVED if rng.random() < 0.93 else Participant.Status.PENDING,
        given_name=person.given_name,
        family_name=person.family_name,
        name_latin=person.full_name_latin,
        title=title,
        languages=list(person.languages),
        public_listing=rng.random() < 0.7,
        phone=_mobile_number(organisation.country, rng),
        feed_token=secrets.token_urlsafe(32),
    )
    # Written by bulk_create, which skips Participant.save: the desk's name search reads it.
    participant.search_text = participant_search_text(participant)
    return participant


# Country calling code and a mobile number's shape ("#" a random digit) in each demo country,
# so that a Kazakh delegate's number starts with +7 7.., a Chinese one's with +86 1...
MOBILE_FORMATS: dict[str, str] = {
    "CN": "+86 13# #### ####",
    "KZ": "+7 70# ### ## ##",
    "UZ": "+998 9# ### ## ##",
    "RU": "+7 9## ###-##-##",
    "KG": "+996 55# ### ###",
    "PK": "+92 3## #######",
    "TR": "+90 5## ### ## ##",
    "TJ": "+992 9# ### ####",
    "MN": "+976 99## ####",
    "AZ": "+994 50 ### ## ##",
    "TM": "+993 6# ######",
    "HU": "+36 30 ### ####",
}
OTHER_MOBILE_FORMAT = "+44 7### ######"


def _mobile_number(country: str, rng: random.Random) -> str:
    shape = MOBILE_FORMATS.get(country, OTHER_MOBILE_FORMAT)
    return "".join(str(rng.randint(0, 9)) if char == "#" else char for char in shape)


def _appoint_delegation_heads(cast: Cast) -> None:
    """The most senior approved government official of each country heads its delegation."""
    for delegation in cast.delegations.values():
        officials = [
            p
            for p in cast.participants
            if p.delegation_id == delegation.pk
            and p.role == Participant.Role.GOVERNMENT
            and p.status == Participant.Status.APPROVED  # a head is one whose place is sure
        ]
        if officials:
            delegation.head = officials[0]
            delegation.save(update_fields=["head"])
