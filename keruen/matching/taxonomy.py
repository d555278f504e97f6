"""Closeness of ISIC sectors and HS codes.

HS: the same 4-digit heading beats the same 2-digit chapter, which beats two chapters of the
same HS section (chapters 84 and 85, machinery and electrical equipment, are both section XVI).
ISIC Rev. 4: class (4 digits) > group (3) > division (2) > section (letter).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

from keruen.matching.explain import HsLevel, SectorLevel

# ISIC Rev. 4 sections as (letter, first division, last division).
_ISIC_SECTIONS: Final = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip

HS_LEVEL_VALUE: Final[dict[HsLevel, float]] = {
    "heading": 1.0,
    "chapter": 0.6,
    "related_chapter": 0.3,
}
SECTOR_LEVEL_VALUE: Final[dict[SectorLevel, float]] = {
    "class": 1.0,
    "group": 0.8,
    "division": 0.6,
    "section": 0.3,
}


@cache
def _hs_section_ranges() -> tuple[tuple[int, int], ...]:
    """HS sections as (first chapter, last chapter), from the shipped nomenclature."""
    from keruen import reference as ref  # pure Python; lazy to keep imports cheap

    return tuple((int(s.first_chapter), int(s.last_chapter)) for s in ref.hs_sections())


@cache  # a few hundred distinct codes per event, looked up for every pair
def hs_section(code: str) -> int | None:
    """Index of the HS section of a code (by its first two digits), or None if invalid."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    chapter = int(code[:2])
    for index, (first, last) in enumerate(_hs_section_ranges()):
        if first <= chapter <= last:
            return index
    return None


@cache
def isic_section(code: str) -> str | None:
    """ISIC section letter of a code given as a letter or as 2-4 digits."""
    if len(code) == 1 and code.isalpha():
        return code.upper()
    if len(code) < 2 or not code[:2].isdigit():
        return None
    division = int(code[:2])
    for letter, first, last in _ISIC_SECTIONS:
        if first <= division <= last:
            return letter
    return None


def _hs_pair_level(a: str, b: str) -> HsLevel | None:
    if len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4]:
        return "heading"
    if a[:2] == b[:2] and a[:2].isdigit():
        return "chapter"
    section = hs_section(a)
    if section is not None and section == hs_section(b):
        return "related_chapter"
    return None


def hs_closeness(
    ours: Iterable[str], theirs: Iterable[str]
) -> tuple[HsLevel, tuple[str, ...], tuple[str, ...]] | None:
    """Best HS level shared by any two codes, with the codes that reach it; None if none."""
    best: HsLevel | None = None
    pairs: list[tuple[str, str]] = []
    for a in sorted(set(ours)):
        for b in sorted(set(theirs)):
            level = _hs_pair_level(a, b)
            if level is None:
                continue
            if best is None or HS_LEVEL_VALUE[level] > HS_LEVEL_VALUE[best]:
                best, pairs = level, [(a, b)]
            elif level == best:
                pairs.append((a, b))
    if best is None:
        return None
    return best, tuple(sorted({a for a, _ in pairs})), tuple(sorted({b for _, b in pairs}))


def _isic_shared(a: str, b: str) -> tuple[SectorLevel, str] | None:
    levels: tuple[tuple[int, SectorLevel], ...] = ((4, "class"), (3, "group"), (2, "division"))
    for length, level in levels:
        if len(a) >= length and len(b) >= length and a[:length] == b[:length] and a.isdigit():
            return level, a[:length]
    section = isic_section(a)
    if section is not None and section == isic_section(b):
        return "section", section
    return None


def sector_pairs(
    ours: Iterable[str], theirs: Iterable[str]
) -> tuple[SectorLevel, tuple[str, ...], tuple[str, ...], tuple[str, ...]] | None:
    """The finest ISIC level shared by any two codes, the shared codes at that level, and
    each side's codes that reach it: at the section level the shared code ("C",
    manufacturing) says little, and the two sides' own codes say how their industries
    differ."""
    best: SectorLevel | None = None
    pairs: list[tuple[str, str, str]] = []  # (shared code, ours, theirs)
    for a in sorted(set(ours)):
        for b in sorted(set(theirs)):
            found = _isic_shared(a, b)
            if found is None:
                continue
            level, code = found
            if best is None or SECTOR_LEVEL_VALUE[level] > SECTOR_LEVEL_VALUE[best]:
                best, pairs = level, [(code, a, b)]
            elif level == best:
                pairs.append((code, a, b))
    if best is None:
        return None
    shared, yours, theirs_ = (tuple(sorted({pair[i] for pair in pairs})) for i in range(3))
    return best, shared, yours, theirs_
