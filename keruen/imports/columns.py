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
from django.utils.translation import get_language, gettext, ngettext, pgettext

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


# Three letters that are ISO 3166-1's alpha-3 code of one country and the Olympic code of
# another: BRN is Brunei's in ISO and Bahrain's at the Olympics. Stored as ISO reads them, a
# Bahraini delegation would become Brunei's; they are refused, naming both (alpha-2 codes:
# ISO's country, then the Olympic one).
OLYMPIC_CLASHES = {"BRN": ("BN", "BH")}


def country(value: str) -> str:
    """A country's ISO 3166-1 alpha-2 code, also when the cell gives its alpha-3 code (KAZ)."""
    upper = value.upper()
    if reference.is_country(upper):
        return upper
    # Three letters are taken for the country they are ISO 3166-1's alpha-3 code of, and the
    # alpha-2 code is stored: ISO gives each country one of each, so KAZ cannot mean anything
    # but KZ and nothing of what the cell says is lost. Withdrawn codes (SUN) and most sports
    # codes that differ from ISO's (GER, SUI, NED) are no current country's alpha-3 code, so
    # they are refused rather than read as another country; the one that is another
    # country's (BRN) is refused too (``OLYMPIC_CLASHES``). Numbers are only hinted (below).
    if upper in OLYMPIC_CLASHES:
        raise CellError(_olympic_clash(value, *OLYMPIC_CLASHES[upper]))
    if len(upper) == 3 and upper.isascii() and upper.isalpha():
        try:
            return reference.country_alpha2(upper)
        except KeyError:
            pass
    raise CellError(_country_refusal(value))


def _olympic_clash(value: str, iso_code: str, olympic_code: str) -> str:
    language = get_language()
    # Translators: %(iso)s and %(olympic)s are countries' names as the interface shows them
    # ("the United States" in English); %(iso_code)s and %(olympic_code)s two letters to
    # write as they are.
    return gettext(
        "'%(value)s' is the ISO 3166-1 code of %(iso)s and the Olympic code of %(olympic)s: "
        "write %(iso_code)s or %(olympic_code)s"
    ) % {
        "value": shown(value),
        "iso": reference.country_in_sentence(iso_code, language),
        "olympic": reference.country_in_sentence(olympic_code, language),
        "iso_code": iso_code,
        "olympic_code": olympic_code,
    }


def _country_refusal(value: str) -> str:
    named = countries_by_name().get(country_name_key(value))
    if named:
        # Quoted twice: unquoted, "for Korea, Republic of write KR" reads as two phrases.
        return gettext(
            "'%(value)s' is not an ISO 3166-1 country code (for '%(value)s' write %(code)s)"
        ) % {"value": shown(value), "code": named}
    # A number is not taken for the country whose ISO 3166-1 numeric code it is: in a country
    # column it may as well be a calling code (380 is Italy's numeric code and Ukraine's
    # calling code, 372 Ireland's and Estonia's). The hint names the country, so that such a
    # mix-up shows.
    numbered = _country_numbered(value)
    if numbered:
        # Translators: %(country)s is a country's name as the interface shows it ("the United
        # States" in English), %(value)s three digits, %(code)s two letters to write as they are.
        return gettext(
            "'%(value)s' is not a two-letter country code (%(country)s has the ISO 3166-1 "
            "numeric code %(value)s: write %(code)s)"
        ) % {
            "value": shown(value),
            "country": reference.country_in_sentence(numbered, get_language()),
            "code": numbered,
        }
    return gettext("'%(value)s' is not an ISO 3166-1 country code") % {"value": shown(value)}


def _country_numbered(value: str) -> str | None:
    """The alpha-2 code of the country whose ISO 3166-1 numeric code is ``value`` (398: KZ).

    Three digits only, as ISO writes them: a shorter number is more likely something else
    (86 is China's calling code and the British Indian Ocean Territory's 086).
    """
    if len(value) != 3 or not (value.isascii() and value.isdigit()):
        return None
    try:
        return reference.country_alpha2(value)
    except KeyError:
        return None


_COMMA = re.compile(r" ?, ?")


def country_name_key(name: str) -> str:
    """A country's name folded as people write it: in any case and spacing (also around a
    comma), "е" for "ё", without a stress mark or a leading "the" ("the State of Palestine",
    "Gambia")."""
    text = unicodedata.normalize("NFC", name).casefold()
    # In NFC, a lone acute accent is a stress mark over a Cyrillic vowel ("Респу́блика"):
    # accented Latin letters ("Réunion") are single characters.
    text = text.replace("\u0301", "").replace("ё", "е")
    text = _COMMA.sub(", ", " ".join(text.split()))
    return text.removeprefix("the ")


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


def _list_items(value: str) -> list[str]:
    """The items of a list cell, split on ';' (or ','), without blanks."""
    return [item for part in LIST_SEPARATORS.split(value) if (item := part.strip())]


def _country_items(value: str) -> list[str]:
    """The items of a list of countries: as :func:`_list_items`, except that a country's name
    a comma splits ("Korea, Republic of") is kept whole, so that its refusal names the code
    to write rather than refusing "Korea" and "Republic of".

    Kept whole wherever it is, alone, between semicolons or among commas: a name is refused
    all the same, so this changes what the refusal says, never what is imported; and no
    country's name is made of pieces that are codes (a test checks), so codes separated by
    commas ("KZ, CN") are never read as a name.
    """
    items: list[str] = []
    for part in value.split(";"):
        pieces = part.split(",")
        start = 0
        while start < len(pieces):
            end = _name_end(pieces, start)
            if item := ",".join(pieces[start:end]).strip():
                items.append(item)
            start = end
    return items


def _name_end(pieces: list[str], start: int) -> int:
    """Where the longest run of ``pieces`` from ``start`` that is a country's name ends (a
    run of one piece if none is)."""
    names = countries_by_name()
    for end in range(min(len(pieces), start + _most_name_pieces()), start + 1, -1):
        if country_name_key(",".join(pieces[start:end])) in names:
            return end
    return start + 1


@functools.cache
def _most_name_pieces() -> int:
    return 1 + max(name.count(",") for name in countries_by_name())


def _code_list(items: Iterable[str], parse: Callable[[str], str]) -> list[str]:
    """Parse every item, keep each value once, report all bad items of the cell at once."""
    codes: list[str] = []
    errors: list[str] = []
    for item in items:
        try:
            parsed = parse(item)
        except CellError as error:
            errors.append(error.message)
            continue
        if parsed not in codes:
            codes.append(parsed)
    if errors:
        raise CellError(pgettext("between the problems of one cell", "; ").join(errors))
    return codes


def _isic(item: str) -> str:
    if reference.is_isic_code(item.upper()):
        return item.upper()
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


def _hs(item: str) -> str:
    # Stored as digits only: "10.01" and "1001" are one heading.
    if reference.is_hs_code(item):
        return reference.normalize_hs(item)
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


def _language(item: str) -> str:
    """The code as it is stored: "rus" and "RU" are "ru" (``reference.language_code``)."""
    try:
        return reference.language_code(item)
    except KeyError:
        raise CellError(
            gettext("'%(value)s' is not an ISO 639 language code") % {"value": shown(item)}
        ) from None


def isic_list(value: str) -> list[str]:
    return _code_list(_list_items(value), _isic)


def hs_list(value: str) -> list[str]:
    return _code_list(_list_items(value), _hs)


def country_list(value: str) -> list[str]:
    return _code_list(_country_items(value), country)


def language_list(value: str) -> list[str]:
    return _code_list(_list_items(value), _language)
