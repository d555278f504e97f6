"""Country profiles: names, languages, typical sectors, cities and currency."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountryProfile:
    """What the demo needs to know about one participating country.

    ``names`` are short names keyed by UI language (en, zh-hans, ru, kk); ``official`` the full
    official name (English with its article, Chinese, Russian genitive, Kazakh genitive) as
    used in the names of government bodies; ``genitive`` the Russian and Kazakh genitive of
    the short name. ``languages`` are the ISO 639-1 languages people speak, most common first;
    ``content_languages`` the weights of the four content languages (en, zh, ru, kk) in which
    organisations from the country write; ``sector_weights`` how typical each sector is;
    ``cities`` place keys (:mod:`.places`).
    """

    code: str
    names: dict[str, str]
    official: dict[str, str]
    genitive: dict[str, str]
    languages: tuple[str, ...]
    content_languages: dict[str, float]
    sector_weights: dict[str, int]
    cities: tuple[str, ...]
    currency: str
    tld: str


def _c(
    code: str,
    names: str,
    official: str,
    genitive: str,
    languages: str,
    content: dict[str, float],
    sectors: dict[str, int],
    cities: str,
    currency: str,
) -> CountryProfile:
    en, zh, ru, kk = names.split("|")
    oen, ozh, oru, okk = official.split("|")
    gru, gkk = genitive.split("|")
    return CountryProfile(
        code=code,
        names={"en": en, "zh-hans": zh, "ru": ru, "kk": kk},
        official={"en": oen, "zh-hans": ozh, "ru": oru, "kk": okk},
        genitive={"ru": gru, "kk": gkk},
        languages=tuple(languages.split()),
        content_languages=content,
        sector_weights=sectors,
        cities=tuple(cities.split()),
        currency=currency,
        tld=code.lower(),
    )


_ALL = [
    _c(
        "CN",
        "China|中国|Китай|Қытай",
        "the People's Republic of China|中华人民共和国|Китайской Народной Республики|"
        "Қытай Халық Республикасының",
        "Китая|Қытайдың",
        "zh en ru",
        {"zh": 0.85, "en": 0.1, "ru": 0.05},
        {
            "technology": 4,
            "energy": 4,
            "infrastructure": 3,
            "textiles": 2,
            "chemicals": 2,
            "logistics": 3,
            "health": 2,
            "agriculture": 1,
            "mining": 1,
            "education": 1,
            "finance": 1,
            "environment": 2,
            "water": 1,
            "tourism": 1,
        },
        "urumqi kashgar khorgos karamay xian chongqing chengdu lianyungang yiwu guangzhou "
        "shenzhen shanghai beijing qingdao",
        "CNY",
    ),
    _c(
        "KZ",
        "Kazakhstan|哈萨克斯坦|Казахстан|Қазақстан",
        "the Republic of Kazakhstan|哈萨克斯坦共和国|Республики Казахстан|"
        "Қазақстан Республикасының",
        "Казахстана|Қазақстанның",
        "kk ru en",
        {"ru": 0.5, "kk": 0.38, "en": 0.12},
        {
            "agriculture": 4,
            "mining": 3,
            "energy": 3,
            "logistics": 3,
            "infrastructure": 2,
            "chemicals": 1,
            "technology": 1,
            "finance": 1,
            "tourism": 1,
            "education": 1,
            "health": 1,
            "water": 1,
            "environment": 1,
            "textiles": 1,
        },
        "almaty astana shymkent karaganda aktau aktobe pavlodar kostanay atyrau turkistan "
        "kyzylorda",
        "KZT",
    ),
    _c(
        "UZ",
        "Uzbekistan|乌兹别克斯坦|Узбекистан|Өзбекстан",
        "the Republic of Uzbekistan|乌兹别克斯坦共和国|Республики Узбекистан|"
        "Өзбекстан Республикасының",
        "Узбекистана|Өзбекстанның",
        "uz ru en",
        {"ru": 0.75, "en": 0.25},
        {
            "textiles": 4,
            "agriculture": 3,
            "mining": 2,
            "energy": 2,
            "chemicals": 2,
            "infrastructure": 1,
            "logistics": 1,
            "tourism": 2,
            "health": 1,
            "education": 1,
            "finance": 1,
            "water": 1,
            "technology": 1,
        },
        "tashkent samarkand navoi bukhara fergana andijan termez",
        "UZS",
    ),
    _c(
        "KG",
        "Kyrgyzstan|吉尔吉斯斯坦|Кыргызстан|Қырғызстан",
        "the Kyrgyz Republic|吉尔吉斯共和国|Кыргызской Республики|Қырғыз Республикасының",
        "Кыргызстана|Қырғызстанның",
        "ky ru en",
        {"ru": 0.85, "en": 0.15},
        {
            "agriculture": 3,
            "mining": 2,
            "tourism": 2,
            "energy": 2,
            "textiles": 2,
            "logistics": 1,
            "water": 1,
            "education": 1,
        },
        "bishkek osh",
        "KGS",
    ),
    _c(
        "TJ",
        "Tajikistan|塔吉克斯坦|Таджикистан|Тәжікстан",
        "the Republic of Tajikistan|塔吉克斯坦共和国|Республики Таджикистан|"
        "Тәжікстан Республикасының",
        "Таджикистана|Тәжікстанның",
        "tg ru",
        {"ru": 0.85, "en": 0.15},
        {
            "energy": 3,
            "mining": 2,
            "agriculture": 2,
            "textiles": 2,
            "water": 2,
            "tourism": 1,
            "infrastructure": 1,
        },
        "dushanbe khujand",
        "TJS",
    ),
    _c(
        "TM",
        "Turkmenistan|土库曼斯坦|Туркменистан|Түрікменстан",
        "Turkmenistan|土库曼斯坦|Туркменистана|Түрікменстанның",
        "Туркменистана|Түрікменстанның",
        "tk ru",
        {"ru": 0.8, "en": 0.2},
        {
            "energy": 3,
            "chemicals": 3,
            "textiles": 2,
            "agriculture": 2,
            "logistics": 2,
            "infrastructure": 1,
            "water": 1,
        },
        "ashgabat turkmenbashi mary",
        "TMT",
    ),
    _c(
        "RU",
        "Russia|俄罗斯|Россия|Ресей",
        "the Russian Federation|俄罗斯联邦|Российской Федерации|Ресей Федерациясының",
        "России|Ресейдің",
        "ru en",
        {"ru": 0.9, "en": 0.1},
        {
            "mining": 2,
            "energy": 2,
            "chemicals": 2,
            "agriculture": 2,
            "logistics": 2,
            "technology": 2,
            "infrastructure": 1,
            "finance": 1,
            "education": 1,
            "health": 1,
        },
        "moscow kazan samara barnaul",
        "RUB",
    ),
    _c(
        "MN",
        "Mongolia|蒙古国|Монголия|Моңғолия",
        "Mongolia|蒙古国|Монголии|Моңғолияның",
        "Монголии|Моңғолияның",
        "mn ru en",
        {"en": 0.6, "ru": 0.4},
        {
            "mining": 3,
            "agriculture": 2,
            "textiles": 2,
            "energy": 2,
            "logistics": 1,
            "tourism": 1,
            "environment": 1,
        },
        "ulaanbaatar erdenet",
        "MNT",
    ),
    _c(
        "PK",
        "Pakistan|巴基斯坦|Пакистан|Пәкістан",
        "the Islamic Republic of Pakistan|巴基斯坦伊斯兰共和国|Исламской Республики Пакистан|"
        "Пәкістан Ислам Республикасының",
        "Пакистана|Пәкістанның",
        "ur en",
        {"en": 1.0},
        {
            "textiles": 3,
            "agriculture": 2,
            "energy": 2,
            "infrastructure": 2,
            "logistics": 2,
            "health": 1,
            "chemicals": 1,
        },
        "lahore karachi gwadar",
        "PKR",
    ),
    _c(
        "TR",
        "Türkiye|土耳其|Турция|Түркия",
        "the Republic of Türkiye|土耳其共和国|Турецкой Республики|Түркия Республикасының",
        "Турции|Түркияның",
        "tr en",
        {"en": 0.8, "ru": 0.2},
        {
            "infrastructure": 3,
            "textiles": 2,
            "chemicals": 2,
            "logistics": 2,
            "health": 1,
            "agriculture": 1,
            "tourism": 1,
            "energy": 1,
        },
        "istanbul ankara mersin",
        "TRY",
    ),
    _c(
        "AZ",
        "Azerbaijan|阿塞拜疆|Азербайджан|Әзірбайжан",
        "the Republic of Azerbaijan|阿塞拜疆共和国|Азербайджанской Республики|"
        "Әзірбайжан Республикасының",
        "Азербайджана|Әзірбайжанның",
        "az ru en",
        {"ru": 0.6, "en": 0.4},
        {"energy": 3, "logistics": 3, "chemicals": 2, "agriculture": 1, "tourism": 1, "finance": 1},
        "baku sumgait",
        "AZN",
    ),
    _c(
        "HU",
        "Hungary|匈牙利|Венгрия|Венгрия",
        "Hungary|匈牙利|Венгрии|Венгрияның",
        "Венгрии|Венгрияның",
        "hu en",
        {"en": 1.0},
        {"logistics": 2, "health": 2, "technology": 2, "agriculture": 1, "energy": 1, "water": 1},
        "budapest",
        "HUF",
    ),
]

COUNTRY_PROFILES: dict[str, CountryProfile] = {c.code: c for c in _ALL}
