"""Structured reasons attached to every suggestion.

Reasons are codes plus data, never English prose: the web layer renders them in the reader's
language ("their offer '…' answers your request '…'; both in energy; both speak Russian").
Each reason also records how much it added to the score, so a list can be explained and
audited.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Direction = Literal["their_offer_answers_your_request", "your_offer_answers_their_request"]
SectorLevel = Literal["class", "group", "division", "section"]
HsLevel = Literal["heading", "chapter", "related_chapter"]


@dataclass(frozen=True)
class Reason:
    """Base of all reasons; ``code`` identifies the sentence template."""

    code: str
    contribution: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (tuples serialise as lists).

        Shallow on purpose: every field is a string, a number or a tuple of strings, and
        ``asdict``'s deep copy was most of the cost of rendering a list of suggestions.
        """
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class OpportunityMatch(Reason):
    """One side's offer answers the other side's request."""

    direction: Direction
    your_opportunity_id: str
    their_opportunity_id: str
    similarity: float
    # The offer stands out among the event's offers for the request (``Matcher._answers``):
    # it can be said to answer it. Otherwise it is only the closest pair of the two
    # delegates, and the sentence must not claim more.
    close: bool = True


@dataclass(frozen=True)
class SharedSectors(Reason):
    """Both work in the same ISIC sectors (the finest level shared); ``your_codes`` and
    ``their_codes`` are each side's codes that meet there."""

    level: SectorLevel
    sectors: tuple[str, ...]
    your_codes: tuple[str, ...] = ()
    their_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class HsMatch(Reason):
    """Traded goods coincide: same HS heading, same chapter or related chapters."""

    level: HsLevel
    your_codes: tuple[str, ...]
    their_codes: tuple[str, ...]


@dataclass(frozen=True)
class TargetCountryMatch(Reason):
    """An opportunity targets the other organisation's country."""

    opportunity_id: str
    country: str
    direction: Literal["you_target_them", "they_target_you"]


@dataclass(frozen=True)
class ComplementaryRoles(Reason):
    """Roles that naturally do business (buyer and supplier, investor and government…)."""

    your_role: str
    their_role: str


@dataclass(frozen=True)
class CommonLanguages(Reason):
    """Languages both delegates speak."""

    languages: tuple[str, ...]


@dataclass(frozen=True)
class InterpreterNeeded(Reason):
    """No language in common: the organiser should plan an interpreter."""

    your_languages: tuple[str, ...]
    their_languages: tuple[str, ...]


@dataclass(frozen=True)
class MetBefore(Reason):
    """The delegate said they met before; the suggestion is kept but ranked lower."""
