"""The structured signals of a pair of delegates: sectors, HS codes, target countries, roles,
languages and "met before", each a ``Reason`` carrying its contribution to the score.

``score.Matcher`` adds them to the text similarity; the weights are ``ScoreWeights``'.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

from keruen.matching.explain import (
    CommonLanguages,
    ComplementaryRoles,
    HsMatch,
    InterpreterNeeded,
    MetBefore,
    Reason,
    SharedSectors,
    TargetCountryMatch,
)
from keruen.matching.profile import Participant, ScoreWeights
from keruen.matching.taxonomy import (
    HS_LEVEL_VALUE,
    SECTOR_LEVEL_VALUE,
    hs_closeness,
    sector_pairs,
)

COMPLEMENTARY_ROLES: Final = frozenset(
    frozenset(pair)
    for pair in (
        ("buyer", "supplier"),
        ("buyer", "service_provider"),
        ("investor", "government"),
        ("investor", "supplier"),
        ("government", "supplier"),
        ("research", "supplier"),
    )
)


def structured_reasons(
    viewer: Participant,
    other: Participant,
    w: ScoreWeights,
    *,
    sectors: tuple[set[str], set[str]],
    hs: tuple[set[str], set[str]],
    met_before: bool,
) -> list[Reason]:
    """Every structured reason ``other`` has for ``viewer``; ``sectors`` and ``hs`` are both
    sides' codes (``isic_codes``, ``hs_codes``, computed once per delegate by the caller)."""
    reasons: list[Reason] = []
    shared = sector_pairs(*sectors)
    if shared:
        value = w.sector * SECTOR_LEVEL_VALUE[shared[0]]
        reasons.append(SharedSectors("shared_sectors", value, *shared))
    codes = hs_closeness(*hs)
    if codes:
        reasons.append(HsMatch("hs_match", w.hs * HS_LEVEL_VALUE[codes[0]], *codes))
    reasons.extend(_target_countries(viewer, other, w.target_country))
    roles = [
        (ra, rb)
        for ra in sorted(viewer.organisation.roles)
        for rb in sorted(other.organisation.roles)
        if frozenset({ra, rb}) in COMPLEMENTARY_ROLES
    ]
    if roles:
        reasons.append(ComplementaryRoles("complementary_roles", w.roles, *roles[0]))
    reasons.append(_language_reason(viewer, other, w))
    if met_before:
        reasons.append(MetBefore("met_before", -w.met_before_penalty))
    return reasons


def isic_codes(p: Participant) -> set[str]:
    codes = set(p.organisation.isic)
    for opp in p.opportunities:
        codes |= opp.isic
    return codes


def hs_codes(p: Participant) -> set[str]:
    return {code for opp in p.opportunities for code in opp.hs}


TargetDirection = Literal["you_target_them", "they_target_you"]


def _target_countries(viewer: Participant, other: Participant, weight: float) -> list[Reason]:
    """One reason per direction in which an opportunity of one side targets the other's
    country: the viewer's first ("you_target_them"), then the other's ("they_target_you")."""
    reasons: list[Reason] = []
    directions: tuple[tuple[Participant, Participant, TargetDirection], ...] = (
        (viewer, other, "you_target_them"),
        (other, viewer, "they_target_you"),
    )
    for source, target, direction in directions:
        country = target.organisation.country
        hit = next((o for o in source.opportunities if country in o.target_countries), None)
        if hit is not None:
            reasons.append(TargetCountryMatch("target_country", weight, hit.id, country, direction))
    return reasons


def _language_reason(viewer: Participant, other: Participant, w: ScoreWeights) -> Reason:
    common = viewer.languages & other.languages
    if common:
        return CommonLanguages("common_languages", w.common_language, _sorted_tuple(common))
    return InterpreterNeeded(
        "interpreter_needed",
        -w.interpreter_penalty,
        _sorted_tuple(viewer.languages),
        _sorted_tuple(other.languages),
    )


def _sorted_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(values))
