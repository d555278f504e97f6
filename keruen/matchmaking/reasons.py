"""The core's structured reasons as sentences in the reader's language.

Offer and request titles stay in the language they were written in, followed by their
translation into the reader's language when the opportunity carries one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _

from keruen import reference
from keruen.common.i18n import UI_TO_CONTENT, ui_language
from keruen.marketplace.models import Opportunity
from keruen.matching import explain

ROLE_LABELS: Mapping[str, Callable[[], str]] = {
    "buyer": lambda: _("buyer"),
    "supplier": lambda: _("supplier"),
    "investor": lambda: _("investor"),
    "government": lambda: _("government body"),
    "service_provider": lambda: _("service provider"),
    "research": lambda: _("research institution"),
    "other": lambda: _("other"),
}


# Quotation marks of the reader's language: Russian and Kazakh use guillemets.
QUOTES: Mapping[str, tuple[str, str]] = {"ru": ("«", "»"), "kk": ("«", "»")}

# Marks that show a name carries quotation marks of its own: «ОсОО «Тенир-Агро»», ТОО "Агро".
_OWN_QUOTES = frozenset('«»“”„"')


def quoted_name(name: str, *, language: str) -> str:
    """An organisation's name in the reader's quotation marks (“Silo Works”, «Силос»), or as it
    is when it carries its own: ``ОсОО «Тенир-Агро»``, not ``«ОсОО «Тенир-Агро»»``."""
    if _OWN_QUOTES.intersection(name):
        return name
    opening, closing = QUOTES.get(language, ("“", "”"))
    return f"{opening}{name}{closing}"


def quoted_title(opportunity: Opportunity | None, *, language: str) -> str:
    """“Original title”, plus (“translation”) when one exists in the reader's language."""
    opening, closing = QUOTES.get(language, ("“", "”"))
    if opportunity is None:
        return f"{opening}…{closing}"
    text = f"{opening}{opportunity.title}{closing}"
    content_lang = UI_TO_CONTENT.get(language, language)
    if opportunity.language != content_lang:
        translated = ((opportunity.translations or {}).get(content_lang) or {}).get("title")
        if translated and translated != opportunity.title:
            text += f" ({opening}{translated}{closing})"
    return text


def _label(func: Callable[[str, str], str], code: str, language: str) -> str:
    try:
        return func(code, language)
    except KeyError:
        return code


def _isic(code: str, language: str) -> str:
    # The core may name ISIC groups or classes (3-4 digits); label them by their division.
    key = code[:2] if code.isdigit() and len(code) > 2 else code
    return _label(reference.isic_label, key, language)


def _hs(code: str, language: str) -> str:
    key = code[:4] if len(code) > 4 else code
    label = _label(reference.hs_label, key, language)
    return label if label == code else f"{code} {label}"


def _join(items: Sequence[str]) -> str:
    return _(", ").join(items)


def _languages(codes: Sequence[str], language: str) -> str:
    return _join([_label(reference.language_in_sentence, code, language) for code in codes])


def _opportunity_match(
    r: explain.OpportunityMatch,
    opps: Mapping[str, Opportunity],
    offer_counts: Mapping[int, int],
    language: str,
) -> str:
    your_opportunity = opps.get(r.your_opportunity_id)
    their_opportunity = opps.get(r.their_opportunity_id)
    words = {
        "theirs": quoted_title(their_opportunity, language=language),
        "yours": quoted_title(your_opportunity, language=language),
    }
    # An offer that does not stand out (not ``close``) is only the nearest of the offering
    # side's: say no more than that.
    if r.direction == "their_offer_answers_your_request":
        if r.close:
            sentence = _("Their offer %(theirs)s answers your request %(yours)s.")
        elif _only_offer(their_opportunity, offer_counts):
            sentence = _("Their only offer, %(theirs)s, comes closest to your request %(yours)s.")
        else:
            sentence = _("Of their offers, %(theirs)s comes closest to your request %(yours)s.")
    elif r.close:
        sentence = _("Your offer %(yours)s answers their request %(theirs)s.")
    elif _only_offer(your_opportunity, offer_counts):
        sentence = _("Your only offer, %(yours)s, comes closest to their request %(theirs)s.")
    else:
        sentence = _("Of your offers, %(yours)s comes closest to their request %(theirs)s.")
    return sentence % words


def _only_offer(offer: Opportunity | None, offer_counts: Mapping[int, int]) -> bool:
    """Whether ``offer`` is its organisation's only published offer, where "of their
    offers" would read as if it had several. Without the counts, the plural wording stays."""
    return offer is not None and offer_counts.get(offer.organisation_id) == 1


def _hs_match(r: explain.HsMatch, language: str) -> str:
    yours = _join([_hs(c, language) for c in r.your_codes])
    theirs = _join([_hs(c, language) for c in r.their_codes])
    if r.level == "related_chapter":
        # Say what relates them: lead ores and coal are both "mineral products" (HS section
        # V), which the reader could not guess from the two labels.
        try:
            section = reference.hs_section_of(r.your_codes[0]).label(language)
        except (KeyError, IndexError):
            return _("Related goods: yours %(yours)s, theirs %(theirs)s.") % {
                "yours": yours,
                "theirs": theirs,
            }
        return _("Related goods, both “%(section)s”: yours %(yours)s, theirs %(theirs)s.") % {
            "section": section,
            "yours": yours,
            "theirs": theirs,
        }
    if yours == theirs:
        return _("Both trade %(goods)s.") % {"goods": yours}
    return _("Same kind of goods: yours %(yours)s, theirs %(theirs)s.") % {
        "yours": yours,
        "theirs": theirs,
    }


# Industries named per side in the section-level reason: a delegate listing five industries
# made it a paragraph longer than all the other reasons together.
SECTION_INDUSTRIES_SHOWN = 2


def _shared_sectors(r: explain.SharedSectors, language: str) -> str:
    sectors = _join([_isic(code, language) for code in r.sectors])
    yours = _industries(r.your_codes, language)
    theirs = _industries(r.their_codes, language)
    # A side known only by the section itself ("A") may be in the other's very industry.
    vague = any(set(codes) <= set(r.sectors) for codes in (r.your_codes, r.their_codes))
    if r.level != "section" or vague or yours == theirs:
        return _("Both in %(sectors)s.") % {"sectors": sectors}
    # "Both in Manufacturing" alone reads as a likeness: a flour mill and a printing house
    # share only the section. Say which industry each side is in, as related goods do.
    return _(
        "Both in “%(sector)s”, in different industries: yours %(yours)s, theirs %(theirs)s."
    ) % {
        "sector": sectors,
        "yours": yours,
        "theirs": theirs,
    }


def _industries(codes: Sequence[str], language: str) -> str:
    labels = list(dict.fromkeys(_isic(code, language) for code in codes))
    shown = _join(labels[:SECTION_INDUSTRIES_SHOWN])
    return shown + "…" if len(labels) > SECTION_INDUSTRIES_SHOWN else shown


def _target_country(
    r: explain.TargetCountryMatch, opps: Mapping[str, Opportunity], language: str
) -> str:
    values = {
        "title": quoted_title(opps.get(r.opportunity_id), language=language),
        "country": _label(reference.country_in_sentence, r.country, language),
    }
    if r.direction == "you_target_them":
        return _("Your %(title)s looks for partners in %(country)s, their country.") % values
    return _("Their %(title)s looks for partners in %(country)s, your country.") % values


def reason_text(
    reason: explain.Reason,
    *,
    opportunities: Mapping[str, Opportunity],
    language: str | None,
    offer_counts: Mapping[int, int] | None = None,
) -> str:
    """One reason as a sentence in ``language`` (the active interface language by default).

    ``opportunities`` maps the opportunity ids used in the core's profiles to the rows;
    ``offer_counts`` gives the number of published offers per organisation id, to call an
    organisation's single offer "their only offer".
    """
    text = _reason_text(reason, opportunities, offer_counts or {}, ui_language(language))
    # A label that ends a sentence may end with its own full stop ("… n.e.c."), or a list
    # with an ellipsis (``_industries``): no second stop after either.
    return text[:-1] if text.endswith(("..", "….", "…。")) else text


def _reason_text(
    reason: explain.Reason,
    opportunities: Mapping[str, Opportunity],
    offer_counts: Mapping[int, int],
    lang: str,
) -> str:
    if isinstance(reason, explain.OpportunityMatch):
        return _opportunity_match(reason, opportunities, offer_counts, lang)
    if isinstance(reason, explain.SharedSectors):
        return _shared_sectors(reason, lang)
    if isinstance(reason, explain.HsMatch):
        return _hs_match(reason, lang)
    if isinstance(reason, explain.TargetCountryMatch):
        return _target_country(reason, opportunities, lang)
    if isinstance(reason, explain.ComplementaryRoles):
        return _("You are a %(yours)s, they are a %(theirs)s: a natural match.") % {
            "yours": ROLE_LABELS.get(reason.your_role, ROLE_LABELS["other"])(),
            "theirs": ROLE_LABELS.get(reason.their_role, ROLE_LABELS["other"])(),
        }
    if isinstance(reason, explain.CommonLanguages):
        return _("You both speak %(languages)s.") % {
            "languages": _languages(reason.languages, lang)
        }
    if isinstance(reason, explain.InterpreterNeeded):
        if not reason.their_languages:
            return _("An interpreter may be needed: they named no language.")
        return _("An interpreter is needed: they speak %(languages)s.") % {
            "languages": _languages(reason.their_languages, lang)
        }
    if isinstance(reason, explain.MetBefore):
        return _("You met before, so it is ranked lower.")
    return reason.code  # a reason this layer does not know yet: its code, never nothing


def reason_data(reason: explain.Reason) -> dict[str, Any]:
    """The structured part of a reason (for the API), without code and contribution."""
    data = reason.to_dict()
    data.pop("code", None)
    data.pop("contribution", None)
    return data
