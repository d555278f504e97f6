"""Offers and requests in four languages built from the catalogue and the shared frames."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any

from ._family import Family
from ._frames import CLOSERS, OPENERS, TITLES
from .catalogue import LANGS, SECTORS, families_by_sector
from .countries import COUNTRY_PROFILES
from .places import PLACES, Forms, forms

KINDS = ("product", "service", "investment", "project", "partnership", "expertise")
DIRECTIONS = ("offer", "request")

#: logistics hubs and destinations used by the shared frames
HUBS = ("khorgos", "dostyk", "almaty", "urumqi", "tashkent", "aktau", "xian", "baku")
DESTINATIONS = (
    "almaty",
    "astana",
    "tashkent",
    "bishkek",
    "dushanbe",
    "ashgabat",
    "urumqi",
    "xian",
    "chongqing",
    "moscow",
    "kazan",
    "baku",
    "istanbul",
    "ulaanbaatar",
    "lahore",
    "samarkand",
    "shymkent",
    "karaganda",
    "budapest",
    "osh",
    "khujand",
)
INCOTERMS = ("FCA", "CPT", "CIP", "DAP", "EXW")
DEFAULT_STANDARDS = ("ISO 9001", "EAC", "CE", "GOST")
YEARS = ("10", "12", "15", "18", "20", "25")
SHARES = ("25", "30", "40", "49")
MONTHS = ("18", "24", "30", "36")
INVEST = {
    "goods": ("5", "8", "12", "20", "35"),
    "service": ("3", "5", "8"),
    "project": ("30", "50", "80", "120"),
}

_ROMAN = ("I", "II", "III", "IV")
_ZH_NUM = ("一", "二", "三", "四")


@dataclass(frozen=True)
class OpportunityText:
    """One offer or request.

    ``title``/``body`` are in ``language`` (the author's language, one of en, zh, ru, kk);
    ``titles``/``bodies`` hold all four versions keyed by the same codes (they are
    translations of one another). ``hs_codes`` are 4-digit HS 2022 headings (empty for
    services and projects), ``isic_codes`` 2-digit ISIC Rev. 4 divisions. ``family`` is the
    catalogue key the text was built from.
    """

    sector: str
    kind: str
    direction: str
    language: str
    title: str
    body: str
    titles: dict[str, str]
    bodies: dict[str, str]
    hs_codes: tuple[str, ...]
    isic_codes: tuple[str, ...]
    family: str


def _cap(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _quarter(q: int, year: int, lang: str) -> str:
    if lang == "zh":
        return f"{year}年第{_ZH_NUM[q - 1]}季度"
    if lang == "ru":
        return f"{_ROMAN[q - 1]} квартале {year} года"
    if lang == "kk":
        return f"{year} жылдың {_ROMAN[q - 1]} тоқсанында"
    return f"Q{q} {year}"


def _zh_millions(millions: int) -> str:
    """Millions written the Chinese way: 8 → 800万, 120 → 1.2亿."""
    if millions >= 100:
        return f"{millions / 100:g}亿"
    return f"{millions * 100}万"


def _standard(code: str, lang: str) -> str:
    if lang in ("ru", "kk") and code == "GOST":
        return "ГОСТ"
    return code


def _choose_family(
    rng: random.Random, sector: str, kind: str, key: str | None = None
) -> tuple[Family, str]:
    """Pick a family of ``sector`` able to express ``kind``; return it and the frame kind."""
    families = families_by_sector()[sector]
    if key is not None:
        matching = [f for f in families if f.key == key]
        if not matching:
            raise ValueError(f"no family {key!r} in sector {sector!r}")
        families = tuple(matching)
    fitting = [f for f in families if kind in f.kinds]
    if fitting:
        return rng.choice(fitting), kind
    family = rng.choice(families)
    fallback = {"goods": "product", "service": "service", "project": "project"}[family.nature]
    return family, (kind if kind in family.kinds else fallback)


def _values(
    rng: random.Random, family: Family, country: str
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Choose slot values once; return per-language mappings and the raw choices."""
    profile = COUNTRY_PROFILES.get(country)
    cities = profile.cities if profile else ("urumqi",)
    own = set(cities)
    dests = [d for d in DESTINATIONS if d not in own] or list(DESTINATIONS)
    raw: dict[str, str] = {
        "city": "@" + rng.choice(cities),
        "hub": "@" + rng.choice(HUBS),
        "dest": "@" + rng.choice(dests),
        "_term": rng.choice(INCOTERMS),
        "_q": str(rng.randint(1, 4)),
        "_qyear": str(rng.choice((2026, 2026, 2027))),
        "standard": rng.choice(DEFAULT_STANDARDS),
        "years": rng.choice(YEARS),
        "inv": rng.choice(INVEST[family.nature]),
        "share": rng.choice(SHARES),
        "months": rng.choice(MONTHS),
    }
    for name in sorted(family.variables):
        raw[name] = rng.choice(family.variables[name])
    per_lang: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        values: dict[str, Any] = {}
        for name, value in raw.items():
            if value.startswith("@"):
                values[name] = forms(PLACES[value[1:]], lang)
            elif name == "standard":
                values[name] = _standard(value, lang)
            elif name == "inv" and lang == "zh":
                values[name] = _zh_millions(int(value))
            else:
                values[name] = value
        hub: Forms = values["hub"]
        values["incoterm"] = f"{raw['_term']}{'' if lang == 'zh' else ' '}{hub.nom}"
        values["quarter"] = _quarter(int(raw["_q"]), int(raw["_qyear"]), lang)
        per_lang[lang] = values
    return per_lang, raw


def _noun_forms(family: Family, lang: str, values: dict[str, Any]) -> dict[str, str]:
    nom, gen, acc = (form.format_map(values) for form in family.names[lang])
    out = {"item": nom, "item_gen": gen, "item_acc": acc}
    if family.nature == "goods":
        if lang == "en":
            dom = (f"production of {nom}",) * 3
        elif lang == "zh":
            dom = (f"{nom}生产",) * 3
        elif lang == "ru":
            dom = (f"производство {gen}", f"производства {gen}", f"производство {gen}")
        else:
            dom = (f"{nom} өндірісі", f"{nom} өндірісі", f"{nom} өндірісін")
    else:
        dom = (nom, gen, acc)
    out.update(dom=dom[0], dom_gen=dom[1], dom_acc=dom[2])
    return out


def _detail(family: Family, kind: str, direction: str) -> tuple[tuple[str, str, str, str], ...]:
    """Family detail sentences that fit ``kind``/``direction`` (may be empty)."""
    if kind == "expertise" or (kind == "investment" and direction == "offer"):
        return ()
    if kind == "investment":
        return family.offer if family.nature == "goods" else family.request
    return family.offer if direction == "offer" else family.request


def _render(template: str, values: dict[str, Any]) -> str:
    return _cap(template.format_map(values))


def opportunity(
    rng: random.Random,
    *,
    sector: str,
    kind: str,
    direction: str,
    language: str,
    country: str,
    family: str | None = None,
) -> OpportunityText:
    """A realistic offer or request of ``kind`` in ``sector``, written in ``language``.

    ``language`` is en, zh (``zh-hans`` accepted), ru or kk; ``country`` (ISO 3166 alpha-2)
    chooses the author's cities. All four language versions are returned. ``family`` forces
    a catalogue family of the sector (by key) instead of a random one.
    """
    language = "zh" if language in ("zh-hans", "zh-cn") else language
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if language not in LANGS:
        raise ValueError(f"unknown language {language!r}")
    chosen, frame_kind = _choose_family(rng, sector, kind, family)
    per_lang, _raw = _values(rng, chosen, country)
    openers = OPENERS[(frame_kind, direction)]
    opener = rng.choice(openers)
    title = rng.choice(TITLES[(frame_kind, direction)])
    details = _detail(chosen, frame_kind, direction)
    detail = rng.choice(details) if details and rng.random() < 0.85 else None
    closer_p = 0.45 if detail else 0.9
    closers = CLOSERS[direction]
    if direction == "offer" and frame_kind != "product":
        closers = closers[1:]  # "samples and a price list" only make sense for goods
    closer = rng.choice(closers) if rng.random() < closer_p else None
    titles: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for index, lang in enumerate(LANGS):
        values = dict(per_lang[lang])
        values.update(_noun_forms(chosen, lang, values))
        parts = [_render(opener[index], values)]
        if detail:
            parts.append(_render(detail[index], values))
        if closer:
            parts.append(_render(closer[index], values))
        separator = "" if lang == "zh" else " "
        bodies[lang] = separator.join(parts)
        titles[lang] = _render(title[index], values)
    return OpportunityText(
        sector=sector,
        kind=kind,
        direction=direction,
        language=language,
        title=titles[language],
        body=bodies[language],
        titles=titles,
        bodies=bodies,
        hs_codes=chosen.hs if chosen.nature == "goods" else (),
        isic_codes=chosen.isic,
        family=chosen.key,
    )


def placeholders_left(text: str) -> list[str]:
    """Names of ``{slots}`` still present in ``text`` (for tests)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
