"""Content in several languages, stored as ``{"en": "...", "ru": "..."}`` JSON objects.

Keys are the interface language codes of settings.LANGUAGES. Reading falls back to
English, then to any language present, so a label is never blank when some text exists.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

UI_LANGUAGES: tuple[str, ...] = ("en", "zh-hans", "ru", "kk")
# Content languages are ISO 639-1 codes (what an author wrote in); zh maps to zh-hans.
CONTENT_TO_UI = {"en": "en", "zh": "zh-hans", "ru": "ru", "kk": "kk"}
UI_TO_CONTENT = {ui: content for content, ui in CONTENT_TO_UI.items()}


# Each interface language in its own words, as a menu names it. Django's "Қазақ" means "a
# Kazakh" (a person); the language is "Қазақша".
_OWN_NAMES = {"kk": "Қазақша"}


def language_own_name(code: str) -> str:
    """An interface language's name in that language: "Русский", "简体中文", "Қазақша"."""
    return _OWN_NAMES.get(code) or get_language_info(code)["name_local"]


def ui_language(code: str | None = None) -> str:
    """Normalise a language code to one of the interface languages (default: active one)."""
    code = (code or get_language() or settings.LANGUAGE_CODE).lower()
    if code in UI_LANGUAGES:
        return code
    if code.startswith("zh"):
        return "zh-hans"
    base = code.split("-")[0]
    return CONTENT_TO_UI.get(base, "en")


def localize(texts: Mapping[str, str] | None, language: str | None = None) -> str:
    """The text in ``language`` (default: the active language), with fallbacks."""
    if not texts:
        return ""
    lang = ui_language(language)
    for key in (lang, UI_TO_CONTENT.get(lang, lang), "en"):
        if texts.get(key):
            return texts[key]
    return next((value for value in texts.values() if value), "")


def validate_translations(value: object) -> None:
    """Model-field validator: a mapping of known language codes to strings."""
    if not isinstance(value, dict):
        raise ValidationError("Expected an object of language code to text.")
    for key, text in value.items():
        if key not in UI_LANGUAGES:
            raise ValidationError(f"Unknown language code {key!r}.")
        if not isinstance(text, str):
            raise ValidationError(f"The {key} text must be a string.")


def validate_has_text(value: object) -> None:
    """At least one language must carry non-blank text."""
    validate_translations(value)
    assert isinstance(value, dict)
    if not any(text.strip() for text in value.values()):
        raise ValidationError("Give the text in at least one language.")


@deconstructible
class MaxTextLength:
    """Model-field validator: no language's text is longer than ``limit`` characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: object) -> None:
        if not isinstance(value, dict):
            return  # validate_translations reports the shape
        names = dict(settings.LANGUAGES)
        for key, text in value.items():
            if isinstance(text, str) and len(text) > self.limit:
                raise ValidationError(
                    _("The %(language)s text is longer than %(limit)d characters."),
                    code="max_length",
                    params={"language": names.get(key, key), "limit": self.limit},
                )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaxTextLength) and other.limit == self.limit

    def __hash__(self) -> int:
        return hash((MaxTextLength, self.limit))
