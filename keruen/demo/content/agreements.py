"""Signed agreements: titles in four languages, value and currency."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .catalogue import SECTORS, families_by_sector
from .opportunities import _noun_forms, _values, fill

AGREEMENT_KINDS = ("mou", "contract", "investment", "other")

#: approximate units of each currency per US dollar (for realistic amounts only)
USD_RATES: dict[str, float] = {
    "USD": 1.0,
    "CNY": 7.2,
    "EUR": 0.92,
    "KZT": 510.0,
    "RUB": 90.0,
    "UZS": 12700.0,
}
_CURRENCY_WEIGHTS = (("CNY", 40), ("USD", 35), ("KZT", 8), ("RUB", 7), ("UZS", 5), ("EUR", 5))

# (kind, nature) → title frames (en, zh, ru, kk)
_TITLES: dict[tuple[str, str], tuple[str, str, str, str]] = {
    ("mou", "project"): (
        "Memorandum of understanding on the {item}",
        "关于{item}项目的谅解备忘录",
        "Меморандум о взаимопонимании по проекту {item_gen}",
        "{item} жобасы бойынша өзара түсіністік туралы меморандум",
    ),
    ("mou", "other"): (
        "Memorandum of understanding on cooperation in {dom}",
        "关于{dom}领域合作的谅解备忘录",
        "Меморандум о взаимопонимании и сотрудничестве в сфере {dom_gen}",
        "{dom} саласындағы ынтымақтастық туралы өзара түсіністік меморандумы",
    ),
    ("contract", "goods"): (
        "Supply contract for {item}",
        "{item}供货合同",
        "Контракт на поставку {item_gen}",
        "{item} жеткізу келісімшарты",
    ),
    ("contract", "project"): (
        "Contract for the {item}",
        "{item}项目合同",
        "Контракт на {item_acc}",
        "{item} жобасы бойынша келісімшарт",
    ),
    ("contract", "service"): (
        "Service agreement on {item}",
        "{item}服务协议",
        "Договор об оказании услуг в сфере {item_gen}",
        "{item} саласындағы қызмет көрсету шарты",
    ),
    ("investment", "other"): (
        "Investment agreement on {dom}",
        "关于{dom}的投资协议",
        "Инвестиционное соглашение по проекту {dom_gen}",
        "{dom} жобасы бойынша инвестициялық келісім",
    ),
    ("other", "other"): (
        "Cooperation agreement in {dom}",
        "{dom}合作协议",
        "Соглашение о сотрудничестве в сфере {dom_gen}",
        "{dom} саласындағы ынтымақтастық туралы келісім",
    ),
}
# value ranges in millions of USD
_RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("mou", "project"): (50, 800),
    ("mou", "goods"): (5, 200),
    ("mou", "service"): (1, 30),
    ("contract", "goods"): (0.5, 60),
    ("contract", "project"): (20, 600),
    ("contract", "service"): (0.2, 10),
    ("investment", "project"): (20, 900),
    ("investment", "goods"): (5, 150),
    ("investment", "service"): (2, 40),
    ("other", "goods"): (1, 50),
    ("other", "project"): (5, 100),
    ("other", "service"): (0.5, 20),
}


@dataclass(frozen=True)
class AgreementText:
    """An agreement signed at the Expo.

    ``titles`` are keyed by UI language (en, zh-hans, ru, kk). ``value`` lies in
    ``[value_low, value_high]``, all in whole units of ``currency`` (CNY, USD, KZT, RUB, UZS or
    EUR). ``family`` is the catalogue family the agreement is about.
    """

    sector: str
    kind: str
    titles: dict[str, str]
    currency: str
    value: int
    value_low: int
    value_high: int
    family: str


def _round(amount: float) -> int:
    if amount <= 0:
        return 0
    digits = len(str(int(amount)))
    step = 10 ** max(digits - 2, 0)
    return max(step, int(round(amount / step) * step))


def agreement(rng: random.Random, *, sector: str, kind: str) -> AgreementText:
    """A realistic agreement of ``kind`` (mou, contract, investment, other) in ``sector``."""
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}")
    if kind not in AGREEMENT_KINDS:
        raise ValueError(f"unknown agreement kind {kind!r}")
    families = families_by_sector()[sector]
    preferred = {
        "mou": ("project", "goods"),
        "contract": ("goods", "project", "service"),
        "investment": ("project", "goods"),
        "other": ("goods", "service"),
    }[kind]
    pool = [f for f in families if f.nature in preferred] or list(families)
    family = rng.choice(pool)
    per_lang, raw = _values(rng, family, "CN")
    key = (kind, family.nature) if (kind, family.nature) in _TITLES else (kind, "other")
    frame = _TITLES[key]
    titles: dict[str, str] = {}
    for index, (lang, ui) in enumerate(
        (("en", "en"), ("zh", "zh-hans"), ("ru", "ru"), ("kk", "kk"))
    ):
        values = dict(per_lang[lang])
        values.update(_noun_forms(family, lang, values))
        text = fill(frame[index], values, lang)
        titles[ui] = text[:1].upper() + text[1:]
    low, high = _RANGES[(kind, family.nature)]
    if "inv" in family.variables and family.nature == "project":
        centre = float(raw["inv"])
        low, high = centre * 0.6, centre * 1.4
    usd = low * (high / low) ** rng.random()
    names = [c for c, _ in _CURRENCY_WEIGHTS]
    weights = [w for _, w in _CURRENCY_WEIGHTS]
    currency = rng.choices(names, weights=weights, k=1)[0]
    rate = USD_RATES[currency] * 1_000_000
    value_low, value_high = _round(low * rate), _round(high * rate)
    value = min(max(_round(usd * rate), value_low), value_high)
    return AgreementText(
        sector=sector,
        kind=kind,
        titles=titles,
        currency=currency,
        value=value,
        value_low=value_low,
        value_high=value_high,
        family=family.key,
    )
