"""Countries (ISO 3166-1), languages (ISO 639) and currencies (ISO 4217) with localized names.

Names come from pycountry and the gettext catalogues of Debian's iso-codes that pycountry ships
(``pycountry.LOCALES_DIR``). UI languages map to gettext locales ``en``, ``zh_CN``, ``ru``,
``kk`` (see :data:`keruen.reference.languages.GETTEXT_LOCALES`).

Coverage of the shipped catalogues (pycountry 26):

=========  ===========  ===========  ===========
locale     iso3166-1    iso639-3     iso4217
=========  ===========  ===========  ===========
zh_CN      yes          yes          yes
ru         yes          yes          yes
kk         yes          **no**       **no**
=========  ===========  ===========  ===========

Lookup order for every name: ``data/iso_names.json`` (a small set of corrections, e.g.
"Кыргызстан", mainland Chinese names where the zh_CN catalogue has a typo or a Taiwan form,
Chinese and Russian names of the ISO 639-1 languages those catalogues leave in English, Kazakh
names for every ISO 639-1 language and for the currencies most used at the expo), then the
pycountry translation for the locale, then English. So in Kazakh, currencies outside that file
are shown in English; so is any entry a catalogue leaves untranslated.
Countries use pycountry's ``common_name`` where it has one ("Iran", "South Korea", "Bolivia")
and its ``name`` otherwise.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any, Final

import pycountry

from keruen.reference._loader import load_json
from keruen.reference.collation import sort_key
from keruen.reference.languages import GETTEXT_LOCALES, UI_LANGUAGES, UiLang, normalize_lang

Choices = list[tuple[str, str]]

_COUNTRY_DOMAIN: Final = "iso3166-1"
_LANGUAGE_DOMAIN: Final = "iso639-3"
_CURRENCY_DOMAIN: Final = "iso4217"


@lru_cache(maxsize=16)
def _translator(domain: str, lang: UiLang) -> gettext.NullTranslations | None:
    if lang == "en":
        return None
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[GETTEXT_LOCALES[lang]])
    except OSError:
        return None


def has_translation(domain: str, lang: str | None) -> bool:
    """Whether pycountry ships the gettext catalogue ``domain`` for a UI language.

    ``domain`` is ``"iso3166-1"``, ``"iso639-3"`` or ``"iso4217"``. English always counts as
    translated.
    """
    ui = normalize_lang(lang)
    return ui == "en" or _translator(domain, ui) is not None


def _translate(domain: str, lang: UiLang, msgids: Iterable[str]) -> str | None:
    tr = _translator(domain, lang)
    if tr is None:
        return None
    for msgid in msgids:
        text = tr.gettext(msgid)
        if text and text != msgid:
            return text
    return None


def _overrides(kind: str) -> Mapping[str, Mapping[str, str]]:
    data: dict[str, Any] = load_json("iso_names.json")
    table: Mapping[str, Mapping[str, str]] = data[kind]
    return table


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------------------------
# Countries


def _country(code: str) -> Any:
    if isinstance(code, str) and len(code.strip()) == 2 and code.strip().isalpha():
        found = pycountry.countries.get(alpha_2=code.strip().upper())
        if found is not None:
            return found
    raise KeyError(f"unknown ISO 3166-1 alpha-2 country code: {code!r}")


def is_country(code: object) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-2 country code (case-insensitive)."""
    try:
        _country(code)  # type: ignore[arg-type]
    except KeyError:
        return False
    return True


@lru_cache(maxsize=1)
def _alpha2_by_code() -> dict[str, str]:
    return {
        code: country.alpha_2
        for country in pycountry.countries
        for code in (country.alpha_2, country.alpha_3, country.numeric)
    }


def country_alpha2(code: str) -> str:
    """The alpha-2 code of the country ISO 3166-1 gives ``code``: its alpha-2, alpha-3 or
    (three-digit) numeric code, in any case: ``country_alpha2("kaz") == "KZ"``, and so is
    ``country_alpha2("398")``.

    Current codes only: a withdrawn one (SUN, the Soviet Union's) raises :class:`KeyError`,
    as does anything else.
    """
    found = _alpha2_by_code().get(str(code).strip().upper())
    if found is None:
        raise KeyError(f"unknown ISO 3166-1 country code: {code!r}")
    return found


@lru_cache(maxsize=4096)
def _country_name(alpha2: str, lang: UiLang) -> str:
    country = _country(alpha2)
    override = _overrides("countries").get(country.alpha_2, {})
    if lang in override:
        return override[lang]
    english = [n for n in (getattr(country, "common_name", None), country.name) if n]
    if lang != "en":
        translated = _translate(_COUNTRY_DOMAIN, lang, english)
        if translated:
            return translated
    return override.get("en") or english[0]


def country_name(alpha2: str, lang: str | None = "en") -> str:
    """Localized short name of a country (``country_name("KZ", "ru") == "Казахстан"``).

    Raises :class:`KeyError` for an unknown code; unknown languages give English.
    """
    return _country_name(str(alpha2).strip().upper(), normalize_lang(lang))


# Countries whose English short name takes "the" inside a sentence ("partners in the United
# States"); a name at the start of a list or a label stands alone.
_ENGLISH_THE: Final = frozenset(
    (
        "AE AX BS CC CD CF CG CK DO FK FO GB GM GS HM IO "
        + "KM KY MH MP MV NL PH SB SC TC TF UM US VG VI"
    ).split()
)


def country_in_sentence(alpha2: str, lang: str | None = "en") -> str:
    """``country_name`` as it reads inside a sentence: "the United States" in English."""
    code = str(alpha2).strip().upper()
    name = country_name(code, lang)
    if normalize_lang(lang) == "en" and code in _ENGLISH_THE:
        return f"the {name}"
    return name


# ISO 3166-1's inverted names, "Korea, Republic of": the part after the comma goes first.
_INVERTED_NAME: Final = re.compile(r"(?P<head>[^,]+), (?P<rest>.+ of(?: the)?)", re.IGNORECASE)


@lru_cache(maxsize=512)
def _country_iso_names(alpha2: str) -> tuple[str, ...]:
    country = _country(alpha2)
    english = [
        name
        for name in (
            country.name,
            getattr(country, "official_name", None),
            getattr(country, "common_name", None),
        )
        if name
    ]
    names = list(english)
    for name in english:
        inverted = _INVERTED_NAME.fullmatch(name)
        if inverted:
            names.append(f"{inverted['rest']} {inverted['head']}")
    for lang in UI_LANGUAGES:
        if lang == "en":
            continue
        for name in english:
            translated = _translate(_COUNTRY_DOMAIN, lang, [name])
            if translated:
                names.append(translated)
    return tuple(dict.fromkeys(names))


def country_iso_names(alpha2: str) -> tuple[str, ...]:
    """Every name ISO 3166-1 gives a country, in English and in each interface language whose
    catalogue translates it: the name ("Russian Federation", "Korea, Republic of"), official
    name and common name, and an inverted name put straight ("Republic of Korea").

    The names official papers use, which :func:`country_name` may not show ("Russia"): for
    recognising a name someone wrote, not for showing one. As the catalogues write them (the
    Russian one puts a stress mark in a few: "Респу́блика"); a name of one country may be
    another's in a catalogue that got it wrong. Raises :class:`KeyError` for an unknown code.
    """
    return _country_iso_names(str(alpha2).strip().upper())


def country_codes() -> tuple[str, ...]:
    """All ISO 3166-1 alpha-2 codes, in code order."""
    return tuple(sorted(c.alpha_2 for c in pycountry.countries))


@lru_cache(maxsize=32)
def _country_choices(lang: UiLang) -> tuple[tuple[str, str], ...]:
    return _sorted_choices(((c, _country_name(c, lang)) for c in country_codes()), lang)


def country_choices(lang: str | None = "en", codes: Iterable[str] | None = None) -> Choices:
    """``(alpha2, name)`` pairs sorted by localized name: all countries, or only ``codes``."""
    ui = normalize_lang(lang)
    if codes is None:
        return list(_country_choices(ui))
    return list(_sorted_choices(((c.upper(), country_name(c, ui)) for c in codes), ui))


# ---------------------------------------------------------------------------------------------
# Languages


def _language(code: str) -> Any:
    if isinstance(code, str):
        key = code.strip().lower()
        found = None
        if len(key) == 2 and key.isalpha():
            found = pycountry.languages.get(alpha_2=key)
        elif len(key) == 3 and key.isalpha():
            found = pycountry.languages.get(alpha_3=key)
        if found is not None:
            return found
    raise KeyError(f"unknown ISO 639 language code: {code!r}")


def language_code(code: str) -> str:
    """The one spelling a language code is stored in: its ISO 639-1 code where it has one,
    else its ISO 639-3 code, lower case (``"RU"``, ``"rus"`` -> ``"ru"``); :class:`KeyError`
    for an unknown code."""
    found = _language(code)
    return str(getattr(found, "alpha_2", None) or found.alpha_3)


def is_language(code: object) -> bool:
    """Whether ``code`` is an ISO 639-1 (two letters) or ISO 639-3 (three letters) code."""
    try:
        _language(code)  # type: ignore[arg-type]
    except KeyError:
        return False
    return True


def _clean_language_name(name: str) -> str:
    # "中文; 汉语; 华语" -> "中文"; "Nepali (macrolanguage)" -> "Nepali"
    name = name.split(";", 1)[0].strip()
    name = name.replace(" (macrolanguage)", "")
    return _upper_first(name)


@lru_cache(maxsize=4096)
def _language_name(code: str, lang: UiLang) -> str:
    language = _language(code)
    key = getattr(language, "alpha_2", None) or language.alpha_3
    override = _overrides("languages").get(key, {})
    if lang in override:
        return override[lang]
    if lang != "en":
        translated = _translate(_LANGUAGE_DOMAIN, lang, [language.name])
        if translated:
            return _clean_language_name(translated)
    return override.get("en") or _clean_language_name(language.name)


def language_name(code: str, lang: str | None = "en") -> str:
    """Localized name of a language (``language_name("kk", "ru") == "Казахский"``).

    ``code`` is ISO 639-1 (``"kk"``) or ISO 639-3 (``"kaz"``). Raises :class:`KeyError` for an
    unknown code; unknown UI languages give English.
    """
    return _language_name(str(code).strip().lower(), normalize_lang(lang))


# UI languages that write language names in lower case inside a sentence or a list
# ("казахский, русский"); the catalogues capitalise them, as labels.
_LOWER_CASE_LANGUAGE_NAMES: Final = frozenset({"ru", "kk"})


def language_in_sentence(code: str, lang: str | None = "en") -> str:
    """``language_name`` as it reads inside a sentence or a list: "русский" in Russian."""
    name = language_name(code, lang)
    if normalize_lang(lang) in _LOWER_CASE_LANGUAGE_NAMES:
        return name[:1].lower() + name[1:]
    return name


def language_codes() -> tuple[str, ...]:
    """All ISO 639-1 (two-letter) language codes, in code order."""
    return tuple(sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")))


@lru_cache(maxsize=32)
def _language_choices(lang: UiLang) -> tuple[tuple[str, str], ...]:
    return _sorted_choices(((c, _language_name(c, lang)) for c in language_codes()), lang)


def language_choices(lang: str | None = "en", codes: Iterable[str] | None = None) -> Choices:
    """``(code, name)`` pairs sorted by localized name: all ISO 639-1 languages, or ``codes``."""
    ui = normalize_lang(lang)
    if codes is None:
        return list(_language_choices(ui))
    return list(_sorted_choices(((c.lower(), language_name(c, ui)) for c in codes), ui))


# ---------------------------------------------------------------------------------------------
# Currencies


def _currency(code: str) -> Any:
    if isinstance(code, str) and len(code.strip()) == 3 and code.strip().isalpha():
        found = pycountry.currencies.get(alpha_3=code.strip().upper())
        if found is not None:
            return found
    raise KeyError(f"unknown ISO 4217 currency code: {code!r}")


def is_currency(code: object) -> bool:
    """Whether ``code`` is a current ISO 4217 alphabetic currency code (case-insensitive)."""
    try:
        _currency(code)  # type: ignore[arg-type]
    except KeyError:
        return False
    return True


@lru_cache(maxsize=2048)
def _currency_name(code: str, lang: UiLang) -> str:
    currency = _currency(code)
    override = _overrides("currencies").get(currency.alpha_3, {})
    if lang in override:
        return override[lang]
    if lang != "en":
        translated = _translate(_CURRENCY_DOMAIN, lang, [currency.name])
        if translated:
            return _upper_first(translated)
    return override.get("en") or currency.name


def currency_name(code: str, lang: str | None = "en") -> str:
    """Localized name of a currency (``currency_name("RUB", "ru") == "Российский рубль"``).

    Raises :class:`KeyError` for an unknown code; unknown UI languages give English.
    """
    return _currency_name(str(code).strip().upper(), normalize_lang(lang))


def currency_codes() -> tuple[str, ...]:
    """All current ISO 4217 alphabetic codes, in code order."""
    return tuple(sorted(c.alpha_3 for c in pycountry.currencies))


@lru_cache(maxsize=32)
def _currency_choices(lang: UiLang) -> tuple[tuple[str, str], ...]:
    return _sorted_choices(((c, _currency_name(c, lang)) for c in currency_codes()), lang)


def currency_choices(lang: str | None = "en", codes: Iterable[str] | None = None) -> Choices:
    """``(code, name)`` pairs sorted by localized name: all currencies, or only ``codes``."""
    ui = normalize_lang(lang)
    if codes is None:
        return list(_currency_choices(ui))
    return list(_sorted_choices(((c.upper(), currency_name(c, ui)) for c in codes), ui))


# ---------------------------------------------------------------------------------------------


def _sorted_choices(pairs: Iterable[tuple[str, str]], lang: UiLang) -> tuple[tuple[str, str], ...]:
    key = sort_key(lang)
    return tuple(sorted(pairs, key=lambda pair: (key(pair[1]), pair[0])))
