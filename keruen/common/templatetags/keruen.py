"""Template filters for content in several languages and reference data labels."""

from __future__ import annotations

from collections.abc import Mapping

from django import template

from keruen import reference
from keruen.common.i18n import localize, ui_language

register = template.Library()


@register.filter
def tr(value: Mapping[str, str] | None) -> str:
    """Translated content in the active language, with fallbacks."""
    return localize(value)


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
