"""Interface languages and how they map to label keys and gettext locales.

Keruen's interface speaks four languages. Everywhere in :mod:`keruen.reference` a ``lang``
argument accepts any reasonable spelling of them (``"zh-hans"``, ``"zh-Hans"``, ``"zh_CN"``,
``"zh"``, ``"ru-RU"``, ``"kk_KZ"`` ...) and falls back to English for anything else.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final, Literal

UiLang = Literal["en", "zh-hans", "ru", "kk"]

#: The interface languages, in the order the UI lists them.
UI_LANGUAGES: Final[tuple[UiLang, ...]] = ("en", "zh-hans", "ru", "kk")

#: The default (and fallback) language.
DEFAULT_LANGUAGE: Final[UiLang] = "en"

#: UI language -> gettext locale directory name used by pycountry's iso-codes catalogues.
GETTEXT_LOCALES: Final[dict[UiLang, str]] = {
    "en": "en",
    "zh-hans": "zh_CN",
    "ru": "ru",
    "kk": "kk",
}

_ALIASES: Final[dict[str, UiLang]] = {
    "en": "en",
    "zh": "zh-hans",
    "zh-hans": "zh-hans",
    "zh-cn": "zh-hans",
    "zh-sg": "zh-hans",
    "zh-hans-cn": "zh-hans",
    "ru": "ru",
    "kk": "kk",
    "kk-cyrl": "kk",
}


@lru_cache(maxsize=256)
def normalize_lang(lang: str | None) -> UiLang:
    """Return the UI language code for ``lang``; English for unknown or empty values.

    >>> normalize_lang("zh_CN"), normalize_lang("ru-RU"), normalize_lang("de")
    ('zh-hans', 'ru', 'en')
    """
    if not lang:
        return DEFAULT_LANGUAGE
    key = lang.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    if key.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")):
        # Traditional Chinese is not an interface language; Simplified is closer than English.
        return "zh-hans"
    primary = key.split("-", 1)[0]
    return _ALIASES.get(primary, DEFAULT_LANGUAGE)


def gettext_locale(lang: str | None) -> str:
    """Return the gettext locale (``en``, ``zh_CN``, ``ru``, ``kk``) for a UI language."""
    return GETTEXT_LOCALES[normalize_lang(lang)]
