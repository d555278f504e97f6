"""Columns of an import file and the parsers that turn one cell's text into a value.

A column knows everything the documentation, the example files and the validator need: its
name, whether it is required, its format, an example and its allowed values. A parser gets
the trimmed, non-empty text of a cell and returns the value or raises :class:`CellError`.

A :class:`CellError`'s message is translated when it is raised (see
:mod:`keruen.imports.messages`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email, validate_slug
from django.utils.translation import gettext, ngettext, pgettext

from keruen import reference
from keruen.imports.messages import listed, shown
from keruen.imports.readers import CellValue, FormulaError

Parser = Callable[[str], Any]
LIST_SEPARATORS = re.compile(r"[;,]")


class CellError(Exception):
    """The reason one cell cannot be used; the caller adds the row and the column."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    name: str
    format: str  # what to write, for people: the docs and the example workbook show it
    example: str = ""
    required: bool = False
    parse: Parser = lambda text: text
    allowed: tuple[str, ...] = ()
    # The value of an empty cell in an optional column (a factory: lists must not be shared);
    # None: an empty cell gives no value, so the model's default (or, on update, the stored
    # value) stands. For choices that cannot be blank, such as a participant's role.
    empty: Callable[[], Any] | None = str


def too_long(length: int, limit: int) -> CellError:
    """The refusal of a text of ``length`` characters where ``limit`` is the most."""
    return CellError(
        ngettext(
            "is %(length)s character long; at most %(limit)s are allowed",
            "is %(length)s characters long; at most %(limit)s are allowed",
            length,
        )
        % {"length": length, "limit": limit}
    )


def cell_text(value: CellValue) -> str:
    """The text of a cell; refuse what a spreadsheet shows differently from what it holds.

    A date where text is expected usually means the spreadsheet converted what was typed
    (a phone number, a code like 03-12); a formula error means the cell shows ``#REF!``.
    """
    if value is None:
        return ""
    if isinstance(value, FormulaError):
        raise CellError(
            gettext("the cell holds the formula error %(error)s; fix the formula or type the value")
            % {"error": value.code}
        )
    if isinstance(value, dt.datetime | dt.date | dt.time):
        when = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        raise CellError(
            gettext(
                "a date/time cell (%(value)s) where text is expected; format the column as Text "
                "and type the value again"
            )
            % {"value": when}
        )
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def text(max_length: int) -> Parser:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise too_long(len(value), max_length)
        return value

    return parse


def choice(values: Iterable[str]) -> Parser:
    allowed = tuple(values)

    def parse(value: str) -> str:
        lowered = value.lower()
        if lowered not in allowed:
            raise CellError(
                gettext("'%(value)s' is not one of: %(allowed)s")
                % {"value": shown(value), "allowed": listed(allowed)}
            )
        return lowered

    return parse


TRUE_WORDS = ("yes", "y", "true", "1", "x")
FALSE_WORDS = ("no", "n", "false", "0")


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise CellError(gettext("'%(value)s' is not yes or no") % {"value": shown(value)})


def code(value: str) -> str:
    """An identifier such as an organisation or delegation code (a slug)."""
    try:
        validate_slug(value)
    except ValidationError as error:
        raise CellError(
            gettext(
                "'%(value)s' is not a valid code: use only letters a-z, digits, '-' and '_' "
                "(no spaces)"
            )
            % {"value": shown(value)}
        ) from error
    if len(value) > 80:
        raise too_long(len(value), 80)
    return value


def email(value: str) -> str:
    lowered = value.lower()
    try:
        validate_email(lowered)
    except ValidationError as error:
        raise CellError(
            gettext("'%(value)s' is not an e-mail address") % {"value": shown(value)}
        ) from error
    if len(lowered) > 254:
        raise CellError(gettext("is longer than the 254 characters an e-mail address may have"))
    return lowered


def phone(value: str) -> str:
    """A phone number as the portal accepts it (digits, spaces, +, -, brackets, an extension)."""
    from keruen.people.validators import validate_phone

    number = value.strip()
    try:
        validate_phone(number)
    except ValidationError as error:
        raise CellError(
            gettext("'%(value)s' is not a phone number with its country code (+7 701 555 0101)")
            % {"value": shown(value)}
        ) from error
    return number


def url(value: str) -> str:
    # People type "example.kz"; a web address without a scheme is meant to be https.
    full = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(full)
    except ValidationError as error:
        raise CellError(
            gettext("'%(value)s' is not a web address") % {"value": shown(value)}
        ) from error
    if len(full) > 200:
        raise too_long(len(full), 200)
    return full


def country(value: str) -> str:
    upper = value.upper()
    if not reference.is_country(upper):
        named = countries_by_name().get(country_name_key(value))
        if named:
            message = gettext(
                "'%(value)s' is not an ISO 3166-1 country code (for %(value)s write %(code)s)"
            )
        else:
            message = gettext("'%(value)s' is not an ISO 3166-1 country code")
        raise CellError(message % {"value": shown(value), "code": named})
    return upper


def country_name_key(name: str) -> str:
    """A country's name folded as people write it: in any case and spacing, "е" for "ё",
    without a stress mark or a leading "the" ("the State of Palestine", "Gambia")."""
    text = unicodedata.normalize("NFC", name).casefold()
    # In NFC, a lone acute accent is a stress mark over a Cyrillic vowel ("Респу́блика"):
    # accented Latin letters ("Réunion") are single characters.
    text = text.replace("\u0301", "").replace("ё", "е")
    return " ".join(text.split()).removeprefix("the ")


@functools.cache
def countries_by_name() -> dict[str, str]:
    """Country names (:func:`country_name_key`) -> code, to hint 'Казахстан' -> KZ.

    The names the pages show, in the four interface languages, and ISO 3166-1's ("Russian
    Federation", "Korea, Republic of", "Российская Федерация") in every language the
    catalogues have. A name that two countries share is left out, unless the pages show it
    for one of them (then it is that one's): Kazakh's catalogue calls Nepal by the Central
    African Republic's name.
    """
    codes = reference.country_codes()
    shown = _codes_by_name(
        (code, reference.country_name(code, lang))
        for code in codes
        for lang in reference.UI_LANGUAGES
    )
    official = _codes_by_name(
        (code, name) for code in codes for name in reference.country_iso_names(code)
    )
    named = {key: found.pop() for key, found in official.items() if len(found) == 1}
    for key, found in shown.items():
        if len(found) == 1:
            named[key] = found.pop()
        else:
            named.pop(key, None)
    return named


def _codes_by_name(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    codes: dict[str, set[str]] = {}
    for code, name in pairs:
        codes.setdefault(country_name_key(name), set()).add(code)
    return codes


def _code_list(value: str, check: Callable[[str], None]) -> list[str]:
    """Split on ';' (or ','), check every code, report all bad ones of the cell at once."""
    codes: list[str] = []
    errors: list[str] = []
    for part in LIST_SEPARATORS.split(value):
        item = part.strip()
        if not item:
            continue
        try:
            check(item)
        except CellError as error:
            errors.append(error.message)
            continue
        if item not in codes:
            codes.append(item)
    if errors:
        raise CellError(pgettext("between the problems of one cell", "; ").join(errors))
    return codes


def _check_isic(item: str) -> None:
    if reference.is_isic_code(item.upper()):
        return
    if item.isdigit() and len(item) == 1:
        message = gettext(
            "'%(value)s' is not an ISIC Rev.4 division (2 digits, e.g. 01) or section "
            "(a letter A-U) (divisions have two digits: write 01, not 1)"
        )
    else:
        message = gettext(
            "'%(value)s' is not an ISIC Rev.4 division (2 digits, e.g. 01) or section "
            "(a letter A-U)"
        )
    raise CellError(message % {"value": shown(item)})


def _check_hs(item: str) -> None:
    if reference.is_hs_code(item):
        return
    digits = reference.normalize_hs(item)
    if digits.isdigit() and len(digits) in {1, 3}:
        raise CellError(
            gettext(
                "'%(value)s' is not an HS chapter (2 digits) or heading (4 digits): a leading "
                "zero was probably lost, format the column as Text"
            )
            % {"value": shown(item)}
        )
    if len(digits) > 2 and digits[:2].isdigit() and reference.is_hs_code(digits[:2]):
        raise CellError(
            gettext(
                "'%(value)s' is not one of the HS headings Keruen knows; give its chapter "
                "(%(chapter)s) instead"
            )
            % {"value": shown(item), "chapter": digits[:2]}
        )
    raise CellError(
        gettext("'%(value)s' is not an HS chapter (2 digits) or heading (4 digits)")
        % {"value": shown(item)}
    )


def _check_country(item: str) -> None:
    country(item)


def _check_language(item: str) -> None:
    if not reference.is_language(item.lower()):
        raise CellError(
            gettext("'%(value)s' is not an ISO 639 language code") % {"value": shown(item)}
        )


def isic_list(value: str) -> list[str]:
    return [item.upper() for item in _code_list(value, _check_isic)]


def hs_list(value: str) -> list[str]:
    # Stored as digits only: "10.01" and "1001" are one heading.
    return list(
        dict.fromkeys(reference.normalize_hs(item) for item in _code_list(value, _check_hs))
    )


def country_list(value: str) -> list[str]:
    return list(dict.fromkeys(item.upper() for item in _code_list(value, _check_country)))


def language_list(value: str) -> list[str]:
    return list(dict.fromkeys(item.lower() for item in _code_list(value, _check_language)))
