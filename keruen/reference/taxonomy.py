"""Industry and goods classifications: ISIC Rev.4, HS 2022 and the expo's sectors.

Data lives in ``data/isic_rev4.json``, ``data/hs2022.json``, ``data/hs_isic.json`` and
``data/sectors.json``; it is read on first use and cached for the life of the process.

Codes are strings: ISIC sections are letters ``"A"``..``"U"``, ISIC divisions two digits
``"01"``..``"99"``; HS chapters two digits ``"01"``..``"97"``, HS headings four digits
``"8429"``. HS codes may be written with dots or spaces (``"84.29"``, ``"8429.51"``); they are
normalised before lookup. Unknown codes raise :class:`KeyError`; unknown languages fall back to
English.

HS chapter 77 is reserved by the WCO for future use. It is present in the data with
``reserved=True`` so that ``hs_label("77")`` works, but :func:`hs_chapters` leaves it out unless
asked, and :func:`is_hs_code` rejects it (no goods can be classified there).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from keruen.reference._loader import load_json
from keruen.reference.languages import UI_LANGUAGES, normalize_lang

Choices = list[tuple[str, str]]
GroupedChoices = list[tuple[str, Choices]]


@dataclass(frozen=True, slots=True)
class Entry:
    """A code with its labels in the interface languages and its parent code (if any)."""

    code: str
    parent: str | None
    labels: Mapping[str, str] = field(compare=False, repr=False)

    def label(self, lang: str | None = "en") -> str:
        """The label in ``lang`` (any spelling accepted by ``normalize_lang``)."""
        return self.labels[normalize_lang(lang)]


@dataclass(frozen=True, slots=True)
class IsicSection(Entry):
    """An ISIC Rev.4 section (``"A"``..``"U"``); ``parent`` is ``None``."""


@dataclass(frozen=True, slots=True)
class IsicDivision(Entry):
    """An ISIC Rev.4 division (``"01"``..``"99"``); ``parent`` is its section letter."""

    @property
    def section(self) -> str:
        assert self.parent is not None
        return self.parent


@dataclass(frozen=True, slots=True)
class HsSection(Entry):
    """An HS 2022 section (``"I"``..``"XXI"``): a range of chapters; ``parent`` is ``None``."""

    first_chapter: str = ""
    last_chapter: str = ""


@dataclass(frozen=True, slots=True)
class HsChapter(Entry):
    """An HS 2022 chapter (``"01"``..``"97"``); ``parent`` is ``None``."""

    reserved: bool = False


@dataclass(frozen=True, slots=True)
class HsHeading(Entry):
    """An HS 2022 four-digit heading; ``parent`` is its chapter."""

    @property
    def chapter(self) -> str:
        assert self.parent is not None
        return self.parent


@dataclass(frozen=True, slots=True)
class Sector:
    """An expo sector (forum theme) with its ISIC divisions and typical HS codes.

    ``hs_codes`` holds HS chapters (two digits, meaning every heading of the chapter) and
    headings (four digits).
    """

    key: str
    labels: Mapping[str, str] = field(compare=False, repr=False)
    isic_divisions: tuple[str, ...] = field(compare=False)
    hs_codes: tuple[str, ...] = field(compare=False)

    def label(self, lang: str | None = "en") -> str:
        """The label in ``lang`` (any spelling accepted by ``normalize_lang``)."""
        return self.labels[normalize_lang(lang)]


# ---------------------------------------------------------------------------------------------
# Loading


def _labels(raw: Mapping[str, Any], where: str) -> Mapping[str, str]:
    labels: dict[str, str] = {lang: str(raw[lang]) for lang in UI_LANGUAGES if raw.get(lang)}
    missing = [lang for lang in UI_LANGUAGES if lang not in labels]
    if missing:  # pragma: no cover - guarded by the tests
        raise ValueError(f"keruen.reference: {where} has no label for {', '.join(missing)}")
    return MappingProxyType(labels)


@dataclass(frozen=True, slots=True)
class _Isic:
    sections: dict[str, IsicSection]
    divisions: dict[str, IsicDivision]


@dataclass(frozen=True, slots=True)
class _Hs:
    sections: tuple[HsSection, ...]
    chapters: dict[str, HsChapter]
    headings: dict[str, HsHeading]
    related_isic: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def _isic() -> _Isic:
    raw = load_json("isic_rev4.json")
    sections = {
        s["code"]: IsicSection(s["code"], None, _labels(s["labels"], f"ISIC {s['code']}"))
        for s in raw["sections"]
    }
    divisions = {
        d["code"]: IsicDivision(d["code"], d["section"], _labels(d["labels"], f"ISIC {d['code']}"))
        for d in raw["divisions"]
    }
    return _Isic(sections, divisions)


@lru_cache(maxsize=1)
def _hs() -> _Hs:
    raw = load_json("hs2022.json")
    sections = tuple(
        HsSection(
            s["code"],
            None,
            _labels(s["labels"], f"HS section {s['code']}"),
            s["first_chapter"],
            s["last_chapter"],
        )
        for s in raw["sections"]
    )
    chapters = {
        c["code"]: HsChapter(
            c["code"], None, _labels(c["labels"], f"HS {c['code']}"), bool(c.get("reserved"))
        )
        for c in raw["chapters"]
    }
    headings = {
        h["code"]: HsHeading(h["code"], h["chapter"], _labels(h["labels"], f"HS {h['code']}"))
        for h in raw["headings"]
    }
    related = {ch: tuple(divs) for ch, divs in load_json("hs_isic.json")["chapters"].items()}
    return _Hs(sections, chapters, headings, related)


@lru_cache(maxsize=1)
def _sectors() -> dict[str, Sector]:
    return {
        s["key"]: Sector(
            s["key"],
            _labels(s["labels"], f"sector {s['key']}"),
            tuple(s["isic"]),
            tuple(s["hs"]),
        )
        for s in load_json("sectors.json")["sectors"]
    }


# ---------------------------------------------------------------------------------------------
# ISIC Rev.4


def _norm_isic(code: str) -> str:
    return str(code).strip().upper()


def normalize_isic(code: str) -> str:
    """The stored spelling of an ISIC code: a section in upper case (``"a"`` -> ``"A"``)."""
    return _norm_isic(code)


def isic_sections() -> tuple[IsicSection, ...]:
    """All 21 ISIC Rev.4 sections, A to U."""
    return tuple(_isic().sections.values())


def isic_divisions(section: str | None = None) -> tuple[IsicDivision, ...]:
    """All 88 ISIC Rev.4 divisions in code order, or those of one ``section``.

    Raises :class:`KeyError` for an unknown section.
    """
    data = _isic()
    if section is None:
        return tuple(data.divisions.values())
    sec = _norm_isic(section)
    if sec not in data.sections:
        raise KeyError(f"unknown ISIC Rev.4 section: {section!r}")
    return tuple(d for d in data.divisions.values() if d.parent == sec)


def isic_entry(code: str) -> IsicSection | IsicDivision:
    """The section (letter) or division (two digits) for ``code``; :class:`KeyError` if unknown."""
    data = _isic()
    key = _norm_isic(code)
    entry: IsicSection | IsicDivision | None = data.sections.get(key) or data.divisions.get(key)
    if entry is None:
        raise KeyError(f"unknown ISIC Rev.4 section or division: {code!r}")
    return entry


def is_isic_code(code: object) -> bool:
    """Whether ``code`` is an ISIC Rev.4 section letter or division number."""
    if not isinstance(code, str):
        return False
    key = _norm_isic(code)
    data = _isic()
    return key in data.sections or key in data.divisions


def isic_label(code: str, lang: str | None = "en") -> str:
    """Label of an ISIC section or division in ``lang`` (English for unknown languages)."""
    return isic_entry(code).label(lang)


def isic_section_of(division: str) -> str:
    """The section letter of an ISIC division (``"10"`` -> ``"C"``)."""
    key = _norm_isic(division)
    try:
        return _isic().divisions[key].section
    except KeyError:
        raise KeyError(f"unknown ISIC Rev.4 division: {division!r}") from None


def isic_choices(lang: str | None = "en", *, whole_section: str | None = None) -> GroupedChoices:
    """Divisions grouped by section, for a Django ``choices`` (``"C — Manufacturing"``).

    With ``whole_section``, a ``%``-format of ``code`` and ``label`` (the caller translates
    it), each group opens with its section as a choice of its own: stored codes may name a
    whole section, and a form that cannot show one as chosen drops it on the next save.
    """
    return [
        (
            f"{s.code} — {s.label(lang)}",
            [
                *_whole(s, lang, whole_section),
                *((d.code, f"{d.code} — {d.label(lang)}") for d in isic_divisions(s.code)),
            ],
        )
        for s in isic_sections()
    ]


def _whole(entry: Entry, lang: str | None, label_format: str | None) -> Choices:
    """The choice of a whole section or chapter, or none without a label for it."""
    if label_format is None:
        return []
    return [(entry.code, label_format % {"code": entry.code, "label": entry.label(lang)})]


def isic_section_choices(lang: str | None = "en") -> Choices:
    """Sections as flat ``(code, "A — label")`` choices."""
    return [(s.code, f"{s.code} — {s.label(lang)}") for s in isic_sections()]


# ---------------------------------------------------------------------------------------------
# HS 2022

_HS_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_hs(code: str) -> str:
    """Strip dots, spaces and dashes from an HS code (``"84.29"`` -> ``"8429"``)."""
    return _HS_SEPARATORS.sub("", str(code))


def _well_formed_hs(code: str) -> bool:
    return code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 8, 10)


def hs_chapters(*, include_reserved: bool = False) -> tuple[HsChapter, ...]:
    """HS 2022 chapters in code order: 96 chapters, 97 with reserved chapter 77."""
    return tuple(c for c in _hs().chapters.values() if include_reserved or not c.reserved)


def hs_headings(chapter: str | None = None) -> tuple[HsHeading, ...]:
    """The curated four-digit headings in code order, or those of one ``chapter``.

    The set is a selection relevant to China–Central Asia trade, not the full nomenclature.
    Raises :class:`KeyError` for an unknown chapter.
    """
    data = _hs()
    if chapter is None:
        return tuple(data.headings.values())
    ch = normalize_hs(chapter)
    if ch not in data.chapters:
        raise KeyError(f"unknown HS 2022 chapter: {chapter!r}")
    return tuple(h for h in data.headings.values() if h.parent == ch)


def hs_entry(code: str) -> HsChapter | HsHeading:
    """The chapter (2 digits) or curated heading (4 digits); :class:`KeyError` if unknown."""
    data = _hs()
    key = normalize_hs(code)
    entry: HsChapter | HsHeading | None = (
        data.chapters.get(key) if len(key) == 2 else data.headings.get(key)
    )
    if entry is None:
        raise KeyError(f"unknown HS 2022 chapter or heading: {code!r}")
    return entry


def hs_nearest(code: str) -> HsChapter | HsHeading:
    """The most specific known entry for an HS code of any length (2–10 digits).

    ``"854140"`` -> heading 8541; ``"848071"`` (heading not curated) -> chapter 84.
    """
    key = normalize_hs(code)
    if not _well_formed_hs(key):
        raise KeyError(f"malformed HS code: {code!r}")
    data = _hs()
    if len(key) >= 4 and key[:4] in data.headings:
        return data.headings[key[:4]]
    if key[:2] in data.chapters:
        return data.chapters[key[:2]]
    raise KeyError(f"unknown HS 2022 chapter: {code!r}")


def hs_label(code: str, lang: str | None = "en") -> str:
    """Label of an HS chapter (2 digits) or curated heading (4 digits) in ``lang``."""
    return hs_entry(code).label(lang)


def hs_sections() -> tuple[HsSection, ...]:
    """The 21 HS 2022 sections in order; each holds a range of chapters."""
    return _hs().sections


def hs_section_of(code: str) -> HsSection:
    """The section of an HS code of any length (``"2607"`` -> section V, mineral products)."""
    chapter = hs_chapter_of(code)
    for section in _hs().sections:
        if section.first_chapter <= chapter <= section.last_chapter:
            return section
    raise KeyError(f"HS chapter {chapter!r} is in no section")  # pragma: no cover - data


def hs_chapter_of(code: str) -> str:
    """The chapter of an HS code of any length (``"8429"`` or ``"842951"`` -> ``"84"``)."""
    key = normalize_hs(code)
    if not _well_formed_hs(key) or key[:2] not in _hs().chapters:
        raise KeyError(f"unknown or malformed HS code: {code!r}")
    return key[:2]


def is_hs_code(code: object, *, known_only: bool = True) -> bool:
    """Whether ``code`` is a usable HS 2022 code.

    With ``known_only=True`` (the default) the code must be a non-reserved chapter or one of the
    curated headings. With ``known_only=False`` any well-formed code of 2, 4, 6, 8 or 10 digits
    whose chapter exists (and is not reserved) is accepted, e.g. ``"848071"``.
    """
    if not isinstance(code, str):
        return False
    key = normalize_hs(code)
    if not _well_formed_hs(key):
        return False
    data = _hs()
    chapter = data.chapters.get(key[:2])
    if chapter is None or chapter.reserved:
        return False
    if not known_only:
        return True
    return len(key) == 2 or (len(key) == 4 and key in data.headings)


def hs_related_isic(code: str) -> tuple[str, ...]:
    """ISIC divisions that typically produce goods of an HS chapter (any HS code accepted).

    Most typical first; empty for the reserved chapter 77.
    """
    return _hs().related_isic.get(hs_chapter_of(code), ())


def hs_chapter_choices(lang: str | None = "en") -> Choices:
    """Chapters as flat ``(code, "84 — label")`` choices (reserved chapter left out)."""
    return [(c.code, f"{c.code} — {c.label(lang)}") for c in hs_chapters()]


def hs_heading_choices(
    lang: str | None = "en", *, whole_chapter: str | None = None
) -> GroupedChoices:
    """Curated headings grouped by chapter, for a Django ``choices``.

    With ``whole_chapter`` (a ``%``-format like ``whole_section`` of :func:`isic_choices`)
    every chapter is a group, those without curated headings too, opening with the chapter
    itself as a choice.
    """
    groups: GroupedChoices = []
    for c in hs_chapters():
        items = [
            *_whole(c, lang, whole_chapter),
            *((h.code, f"{h.code} — {h.label(lang)}") for h in hs_headings(c.code)),
        ]
        if items:
            groups.append((f"{c.code} — {c.label(lang)}", items))
    return groups


# ---------------------------------------------------------------------------------------------
# Sectors


def sectors() -> tuple[Sector, ...]:
    """The 14 expo sectors, in the data file's order."""
    return tuple(_sectors().values())


def sector(key: str) -> Sector:
    """The sector for ``key``; :class:`KeyError` if unknown."""
    try:
        return _sectors()[str(key).strip().lower()]
    except KeyError:
        raise KeyError(f"unknown sector: {key!r}") from None


def is_sector(key: object) -> bool:
    """Whether ``key`` is one of the expo sector keys."""
    return isinstance(key, str) and key.strip().lower() in _sectors()


def sector_label(key: str, lang: str | None = "en") -> str:
    """Label of a sector in ``lang``."""
    return sector(key).label(lang)


def sector_isic_divisions(key: str) -> tuple[str, ...]:
    """ISIC divisions that make up a sector."""
    return sector(key).isic_divisions


def sector_hs_headings(key: str) -> tuple[HsHeading, ...]:
    """Curated HS headings typical of goods offered in a sector (empty for pure services)."""
    prefixes = sector(key).hs_codes
    return tuple(h for h in hs_headings() if any(h.code.startswith(p) for p in prefixes))


def sectors_for_isic(division: str) -> tuple[str, ...]:
    """Keys of the sectors that include an ISIC division (``"35"`` -> ``("energy",)``)."""
    key = _norm_isic(division)
    if key not in _isic().divisions:
        raise KeyError(f"unknown ISIC Rev.4 division: {division!r}")
    return tuple(s.key for s in sectors() if key in s.isic_divisions)


def sectors_for_hs(code: str) -> tuple[str, ...]:
    """Keys of the sectors whose typical HS codes cover ``code`` (any length)."""
    key = normalize_hs(code)
    hs_chapter_of(key)  # validates
    return tuple(
        s.key
        for s in sectors()
        if any(key.startswith(p) or (len(key) < len(p) and p.startswith(key)) for p in s.hs_codes)
    )


def sector_choices(lang: str | None = "en") -> Choices:
    """Sectors as ``(key, label)`` choices, in the data file's order."""
    return [(s.key, s.label(lang)) for s in sectors()]
