"""Template filters for content in several languages and reference data labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from keruen import reference
from keruen.common.i18n import localize, ui_language
from keruen.common.numbers import compact_number

register = template.Library()


@register.filter
def tr(value: Mapping[str, str] | None) -> str:
    """Translated content in the active language, with fallbacks."""
    return localize(value)


@register.filter
def in_reader_language(opportunity: Any) -> dict[str, Any]:
    """An opportunity's title and body in the reader's language when a translation exists."""
    from keruen.common.i18n import UI_TO_CONTENT

    wanted = UI_TO_CONTENT.get(ui_language(), "en")
    title, body = opportunity.text_in(wanted)
    translated = opportunity.has_translation(wanted)
    return {
        "title": title,
        "body": body,
        "lang": wanted if translated else opportunity.language,
        "translated": translated,
    }


@register.filter
def organises(user: object, event: object) -> bool:
    """Whether ``user`` may open the organiser console of ``event``."""
    from keruen.common.permissions import is_organiser
    from keruen.events.models import Event

    return isinstance(event, Event) and is_organiser(user, event)


@register.filter
def country_name(code: str) -> str:
    try:
        return reference.country_name(code, ui_language())
    except KeyError:
        return code


@register.filter
def language_name(code: str) -> str:
    try:
        return reference.language_name(code, ui_language())
    except KeyError:
        return code


@register.filter
def isic_label(code: str) -> str:
    try:
        return reference.isic_label(code, ui_language())
    except KeyError:
        return code


@register.filter
def hs_label(code: str) -> str:
    try:
        return reference.hs_label(code, ui_language())
    except KeyError:
        return code


@register.filter
def sector_name(key: str) -> str:
    """An expo sector's label in the reader's language (the key itself if unknown)."""
    try:
        return reference.sector_label(key, ui_language())
    except KeyError:
        return key


@register.filter
def compact(value: Any) -> str:
    """A large amount written short in the reader's language ("17.7 bn", "177亿")."""
    if value is None or value == "":
        return ""
    return compact_number(value)
