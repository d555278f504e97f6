"""Template filters for content in several languages and reference data labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext, npgettext

from keruen import reference
from keruen.common.i18n import localize, ui_language
from keruen.common.numbers import compact_number

register = template.Library()


# The words under a key figure ("1 agreement signed", "5 организаций"), by how many there are;
# literal calls, so that makemessages finds them.
FIGURE_LABELS: dict[str, Callable[[int], str]] = {
    "organisations": lambda n: npgettext("figure", "organisation", "organisations", n),
    "countries": lambda n: npgettext("figure", "country", "countries", n),
    "delegates": lambda n: npgettext("figure", "delegate", "delegates", n),
    "exhibitors": lambda n: npgettext("figure", "exhibitor", "exhibitors", n),
    "offers": lambda n: npgettext("figure", "offer", "offers", n),
    "requests": lambda n: npgettext("figure", "request", "requests", n),
    "meetings": lambda n: npgettext("figure", "meeting", "meetings", n),
    "meetings held": lambda n: npgettext("figure", "meeting held", "meetings held", n),
    "meetings accepted": lambda n: npgettext("figure", "meeting accepted", "meetings accepted", n),
    "meetings scheduled": lambda n: npgettext(
        "figure", "meeting scheduled", "meetings scheduled", n
    ),
    "meeting requests": lambda n: npgettext("figure", "meeting request", "meeting requests", n),
    "agreements signed": lambda n: npgettext("figure", "agreement signed", "agreements signed", n),
    "members": lambda n: npgettext("figure", "member", "members", n),
    "approved delegates": lambda n: npgettext(
        "figure", "approved delegate", "approved delegates", n
    ),
    "checked in at the desk": lambda n: npgettext(
        "figure", "checked in at the desk", "checked in at the desk", n
    ),
}


@register.filter
def figure_label(count: object, key: str) -> str:
    """The words under a key figure, agreeing with it: ``{{ n|figure_label:"offers" }}``."""
    try:
        n = int(count)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        n = 0
    return FIGURE_LABELS[key](n)


@register.filter
def clock_at(event: Any, moment: Any) -> str:
    """The event's clock with its offset at ``moment``: ``{{ event|clock_at:deadline }}``."""
    return str(event.clock_label_at(moment)) if moment else str(event.clock_label)


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
def country_after_name(organisation: Any) -> str:
    """``{{ org.name|tr }}{{ org|country_after_name }}`` (``Organisation.country_after_name``)."""
    return str(organisation.country_after_name)


@register.filter
def language_name(code: str) -> str:
    try:
        return reference.language_name(code, ui_language())
    except KeyError:
        return code


@register.filter
def language_in_sentence(code: str) -> str:
    """A language's name inside a sentence: "язык оригинала: китайский"."""
    try:
        return reference.language_in_sentence(code, ui_language())
    except KeyError:
        return code


@register.filter
def language_list(codes: list[str]) -> str:
    """Languages as a list in running text: "Kazakh, Russian"; "казахский, русский"."""
    return gettext(", ").join(language_in_sentence(code) for code in codes or ())


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


@register.simple_tag
def interface_languages() -> list[tuple[str, str]]:
    """(code, the language's own name) of each interface language, for the language menu."""
    from keruen.common.i18n import UI_LANGUAGES, language_own_name

    return [(code, language_own_name(code)) for code in UI_LANGUAGES]
