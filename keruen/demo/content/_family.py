"""The product/project family record used by the opportunity catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

#: nature of a family: goods (HS-coded products), services, or projects (action nouns).
NATURES = ("goods", "service", "project")

#: which opportunity kinds a family of each nature can express directly.
KINDS_BY_NATURE: dict[str, tuple[str, ...]] = {
    "goods": ("product", "investment", "partnership", "expertise"),
    "service": ("service", "partnership", "expertise"),
    "project": ("project", "investment", "partnership", "expertise"),
}

Quad = tuple[str, str, str, str]  # en, zh, ru, kk


@dataclass(frozen=True)
class Family:
    """One family of products, services or projects, with phrasings in four languages.

    ``names`` maps a language (en, zh, ru, kk) to the case forms of the family's noun phrase:
    ``(nominative, genitive, accusative)``; English and Chinese repeat one form, Kazakh gives
    ``(nominative, nominative, accusative)``. Offer and request detail sentences are
    translations of one another (en, zh, ru, kk). ``variables`` fill ``{slots}``; values that
    start with ``@`` are place keys (see :mod:`.places`). ``producers`` (ISO alpha-2) limit
    who offers raw goods.
    """

    key: str
    nature: str
    hs: tuple[str, ...]
    isic: tuple[str, ...]
    names: dict[str, tuple[str, str, str]]
    offer: tuple[Quad, ...]
    request: tuple[Quad, ...]
    variables: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sector: str = ""
    # Countries that produce it, for raw goods that come from where they grow or are mined
    # (cotton, coal): only their organisations offer it. Empty: anyone may.
    producers: tuple[str, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return KINDS_BY_NATURE[self.nature]


def fam(
    key: str,
    nature: str,
    hs: str,
    isic: str,
    names: Quad,
    offer: list[Quad],
    request: list[Quad],
    **variables: tuple[str, ...],
) -> Family:
    """Compact constructor: ``names`` is (en, zh, "ru nom|gen|acc", "kk nom|acc")."""
    en, zh, ru, kk = names
    r = ru.split("|")
    if len(r) == 2:
        r.append(r[0])
    k = kk.split("|")
    if len(k) == 1:
        k.append(k[0])
    return Family(
        key=key,
        nature=nature,
        hs=tuple(hs.split()),
        isic=tuple(isic.split()),
        names={
            "en": (en, en, en),
            "zh": (zh, zh, zh),
            "ru": (r[0], r[1], r[2]) if len(r) == 3 else (r[0], r[0], r[0]),
            "kk": (k[0], k[0], k[1]),
        },
        offer=tuple(offer),
        request=tuple(request),
        variables=dict(variables),
    )


def sector(key: str, *families: Family) -> list[Family]:
    """Tag ``families`` with sector ``key``."""
    return [replace(f, sector=key) for f in families]
