"""Plain typed profiles: what the web layer hands to the matching core.

Identifiers are strings chosen by the caller (database ids, slugs); countries are ISO 3166-1
alpha-2 codes, languages ISO 639-1 codes, sectors ISIC Rev. 4 codes (section letter "D",
division "35", group "351" or class "3510") and HS codes 2 to 6 digits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OpportunityKind = Literal["offer", "request"]
Role = Literal[
    "buyer", "supplier", "investor", "government", "service_provider", "research", "other"
]
CorrectionKind = Literal["not_interested", "competitor", "already_client", "met_before"]


@dataclass(frozen=True)
class Opportunity:
    """A cooperation offer (what one provides) or request (what one looks for)."""

    id: str
    kind: OpportunityKind
    text: str
    language: str | None = None  # None: detected from the script of ``text``
    isic: frozenset[str] = frozenset()
    hs: frozenset[str] = frozenset()
    target_countries: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Organisation:
    """A company, ministry, agency or university taking part in the event."""

    id: str
    name: str
    country: str
    roles: frozenset[Role] = frozenset()
    isic: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Participant:
    """A delegate: the person who gets suggestions and meets people."""

    id: str
    organisation: Organisation
    languages: frozenset[str] = frozenset()
    delegation: str | None = None  # e.g. "KZ-ministry-of-trade"; members rarely meet each other
    opportunities: tuple[Opportunity, ...] = ()


@dataclass(frozen=True)
class Correction:
    """A delegate's correction of their own suggestions.

    ``target`` is a participant id or an organisation id.
    """

    by: str
    target: str
    kind: CorrectionKind


@dataclass(frozen=True)
class OrganiserRules:
    """Who may meet whom, and how many suggestions, as set by the organiser."""

    # Pairs (participant or organisation ids) that must never be suggested to each other.
    excluded_pairs: frozenset[frozenset[str]] = frozenset()
    # Participants or organisations never suggested to anyone (e.g. VIPs on a fixed programme).
    hidden: frozenset[str] = frozenset()
    # Unordered role pairs allowed to meet; None allows every pair.
    allowed_role_pairs: frozenset[frozenset[Role]] | None = None
    # Members of one delegation came together; by default they are not matched with each other.
    same_delegation_allowed: bool = False
    max_suggestions: int = 10  # length of one suggestion list
    max_per_organisation: int = 2  # diversity: at most this many people of one organisation
    # How many lists one participant may appear in when suggesting for everyone at once.
    appearance_quota: dict[str, int] = field(default_factory=dict)
    default_appearance_quota: int | None = None


@dataclass(frozen=True)
class ScoreWeights:
    """How structured signals add to the text similarity (centred cosine, about -0.3..0.6)."""

    text: float = 1.0
    # A match that answers the *other* side's request (your offer, their request) counts this
    # much for you: you still want the customer, but a list should first answer your needs.
    # It also makes the mutual score favour pairs that answer both sides' needs.
    their_need: float = 0.8
    sector: float = 0.10  # per level: class 1.0, group 0.8, division 0.6, section 0.3
    hs: float = 0.15  # heading 1.0, chapter 0.6, related chapter 0.3
    target_country: float = 0.08
    roles: float = 0.05
    common_language: float = 0.04
    interpreter_penalty: float = 0.04
    met_before_penalty: float = 0.25
