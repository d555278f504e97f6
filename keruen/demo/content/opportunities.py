"""Offers and requests in four languages built from the catalogue and the shared frames."""

from __future__ import annotations

import datetime as dt
import random
import re
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
    catalogue key the text was built from; ``site_countries`` are those of the places it
    names.
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
    # Countries of the places the family names (a project's site): a text about a camp near
    # Ulaanbaatar is for Mongolia, whatever else it targets.
    site_countries: tuple[str, ...] = ()


def _cap(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _quarter_after(day: dt.date, quarters: int) -> tuple[int, int]:
    """The quarter ``quarters`` (≥ 1) after the one of ``day``, as (quarter, year)."""
    index = day.year * 4 + (day.month - 1) // 3 + quarters
    return index % 4 + 1, index // 4


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
    rng: random.Random,
    sector: str,
    kind: str,
    key: str | None = None,
    *,
    seller: str | None = None,
) -> tuple[Family, str]:
    """Pick a family of ``sector`` able to express ``kind``; return it and the frame kind.
    An offer's ``seller`` (country) offers raw goods only where they are produced."""
    families = families_by_sector()[sector]
    if key is not None:
        matching = [f for f in families if f.key == key]
        if not matching:
            raise ValueError(f"no family {key!r} in sector {sector!r}")
        families = tuple(matching)
    elif seller is not None:
        families = tuple(f for f in families if _produces(f, seller)) or families
    fitting = [f for f in families if kind in f.kinds]
    if fitting:
        return rng.choice(fitting), kind
    family = rng.choice(families)
    fallback = {"goods": "product", "service": "service", "project": "project"}[family.nature]
    return family, (kind if kind in family.kinds else fallback)


def _produces(family: Family, country: str) -> bool:
    """Whether an organisation of ``country`` can sell the family's goods: raw cotton comes
    from where it grows, not from Samara."""
    return not family.producers or country in family.producers


# Incoterms whose named place is where the seller hands the goods over (the others name the
# destination): "FCA Ürümqi" from a seller there; "CPT Ürümqi" for a buyer there.
ORIGIN_TERMS = ("EXW", "FCA")


def _named_place(term: str, direction: str | None) -> str:
    """Which place value an Incoterm names: the author's own city where the term names the
    author's side (a seller's origin, a buyer's destination), else a logistics hub."""
    at_origin = term in ORIGIN_TERMS
    own_side = (direction == "offer" and at_origin) or (direction == "request" and not at_origin)
    return "city" if own_side else "hub"


def _values(
    rng: random.Random,
    family: Family,
    country: str,
    after: dt.date | None = None,
    direction: str | None = None,
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Choose slot values once; return per-language mappings and the raw choices.

    ``{quarter}`` (a delivery, a tender, a contract's start) is one of the six quarters
    that follow the one of ``after`` (the last day of the edition), so a text never asks for
    something before the expo where it is discussed; ``{next_year}``, ``{year_plus_2}``
    and ``{year_plus_3}`` count from its year. Without ``after`` there are none of these.
    """
    profile = COUNTRY_PROFILES.get(country)
    cities = profile.cities if profile else ("urumqi",)
    own = set(cities)
    dests = [d for d in DESTINATIONS if d not in own] or list(DESTINATIONS)
    raw: dict[str, str] = {
        "city": "@" + rng.choice(cities),
        "hub": "@" + rng.choice(HUBS),
        "dest": "@" + rng.choice(dests),
        "_term": rng.choice(INCOTERMS),
        # Quarters after the edition's: 1-4, or 3-6 one time in three.
        "_q": str(rng.randint(1, 4) + 2 * rng.choice((0, 0, 1))),
        "standard": rng.choice(DEFAULT_STANDARDS),
        "years": rng.choice(YEARS),
        "inv": rng.choice(INVEST[family.nature]),
        "share": rng.choice(SHARES),
        "months": rng.choice(MONTHS),
    }
    for name in sorted(family.variables):
        raw[name] = rng.choice(family.variables[name])
    # "A partner in Bishkek for … in Bishkek": the partner's place is another than the
    # project's (in Kazakh the two stood side by side, "Бішкекте Бішкекте").
    sites = {value for name, value in raw.items() if name not in ("dest", "city", "hub")}
    if raw["dest"] in sites:
        others = [d for d in dests if "@" + d not in sites] or dests
        raw["dest"] = "@" + others[dests.index(raw["dest"][1:]) % len(others)]
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
        place: Forms = values[_named_place(raw["_term"], direction)]
        values["incoterm"] = f"{raw['_term']}{'' if lang == 'zh' else ' '}{place.nom}"
        if after is not None:
            values["quarter"] = _quarter(*_quarter_after(after, int(raw["_q"])), lang)
            values["next_year"] = str(after.year + 1)
            values["year_plus_2"] = str(after.year + 2)
            values["year_plus_3"] = str(after.year + 3)
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


_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _join_zh(left: str, right: str) -> str:
    """``left + right``, a word both share at the seam written once.

    A frame's "{item}服务商" or "{dom}合作协议" meets names that end in 服务 or 合作 ("物流服务",
    "实验室合作"): Chinese compounds absorb the repeated word (物流服务商, not 物流服务服务商).
    """
    for size in range(min(len(left), len(right)), 1, -1):
        word = right[:size]
        if left.endswith(word) and _HAN.fullmatch(word):
            return left + right[size:]
    return left + right


def fill(template: str, values: dict[str, Any], lang: str) -> str:
    """``template.format_map(values)``; in Chinese, without a word doubled at a slot's seam."""
    if lang not in ("zh", "zh-hans"):
        return template.format_map(values)
    text = ""
    for literal, name, spec, conversion in string.Formatter().parse(template):
        text = _join_zh(text, literal)
        if name is not None:
            slot = "{" + name + (f"!{conversion}" if conversion else "") + f":{spec}}}"
            text = _join_zh(text, slot.format_map(values))
    return text


def _render(template: str, values: dict[str, Any], lang: str) -> str:
    return _cap(fill(template, values, lang))


def opportunity(
    rng: random.Random,
    *,
    sector: str,
    kind: str,
    direction: str,
    language: str,
    country: str,
    after: dt.date,
    family: str | None = None,
) -> OpportunityText:
    """A realistic offer or request of ``kind`` in ``sector``, written in ``language``.

    ``language`` is en, zh (``zh-hans`` accepted), ru or kk; ``country`` (ISO 3166 alpha-2)
    chooses the author's cities. Dates in the text come after ``after``, the last day of the
    edition where the text is published. All four language versions are returned.
    ``family`` forces a catalogue family of the sector (by key) instead of a random one.
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
    seller = country if direction == "offer" and kind == "product" else None
    chosen, frame_kind = _choose_family(rng, sector, kind, family, seller=seller)
    per_lang, raw = _values(rng, chosen, country, after, direction)
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
        parts = [_render(opener[index], values, lang)]
        if detail:
            parts.append(_render(detail[index], values, lang))
        if closer:
            parts.append(_render(closer[index], values, lang))
        separator = "" if lang == "zh" else " "
        bodies[lang] = separator.join(parts)
        titles[lang] = _render(title[index], values, lang)
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
        site_countries=_site_countries(chosen, raw),
    )


def _site_countries(family: Family, raw: dict[str, str]) -> tuple[str, ...]:
    """The countries of the places the family's own slots were filled with."""
    places = [raw[name][1:] for name in sorted(family.variables) if raw[name].startswith("@")]
    return tuple(dict.fromkeys(PLACES[key].country for key in places))


def placeholders_left(text: str) -> list[str]:
    """Names of ``{slots}`` still present in ``text`` (for tests)."""
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
