"""Validators for codes stored on people and organisations (countries, languages, taxonomy)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from keruen import reference


def validate_country(value: str) -> None:
    if not reference.is_country(value):
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code."),
            code="invalid_country",
            params={"value": value},
        )


def validate_country_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of country codes."), code="invalid_list")
    for code in value:
        validate_country(code)


def validate_language_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of language codes."), code="invalid_list")
    for code in value:
        if not isinstance(code, str) or not reference.is_language(code):
            raise ValidationError(
                _("“%(value)s” is not an ISO 639-1 language code."),
                code="invalid_language",
                params={"value": code},
            )


def validate_isic_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of ISIC codes."), code="invalid_list")
    for code in value:
        if not isinstance(code, str) or not reference.is_isic_code(code):
            raise ValidationError(
                _("“%(value)s” is not an ISIC Rev.4 section or division."),
                code="invalid_isic",
                params={"value": code},
            )


def validate_hs_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Expected a list of HS codes."), code="invalid_list")
    for code in value:
        if not isinstance(code, str) or not reference.is_hs_code(code):
            raise ValidationError(
                _("“%(value)s” is not an HS chapter (2 digits) or heading (4 digits)."),
                code="invalid_hs",
                params={"value": code},
            )


# A phone number as people write it: an optional "+", digits in groups separated by a space,
# a dot, a slash or a hyphen, an area code in parentheses, then an optional extension
# ("ext. 12", "x12", "#12", "доб. 12", "转12").
_PHONE_EXTENSION = re.compile(
    r"[\s,;]*(?:ext\.?|extension|x|#|доб\.?|вн\.?|转|分机)\s*\d{1,6}\s*$", re.IGNORECASE
)
_PHONE_GROUP = r"(?:\(\d{1,6}\)|\d+)"
_PHONE_NUMBER = re.compile(rf"\+?\s*{_PHONE_GROUP}(?:(?:\s*[-./]\s*|\s+)?{_PHONE_GROUP})*")
# E.164 numbers have at most 15 digits; fewer than 7 cannot be dialled from abroad.
PHONE_DIGITS = (7, 15)


def validate_phone(value: str) -> None:
    """A plausible international phone number, with an optional extension."""
    number = _PHONE_EXTENSION.sub("", value.strip())
    digits = sum(char.isdigit() for char in number)
    if (
        not _PHONE_NUMBER.fullmatch(number)
        or not number.isascii()
        or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]
    ):
        raise ValidationError(
            _(
                "Enter a phone number with its country code, like +7 701 555 0101: digits, "
                "spaces, +, - and parentheses, then an extension if needed (ext. 12)."
            ),
            code="invalid_phone",
        )
