"""Validators for codes stored on people and organisations (countries, languages, taxonomy)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from keruen import reference


def validate_country(value: str) -> None:
    if not reference.is_country(value):
        raise ValidationError(f"{value!r} is not an ISO 3166-1 alpha-2 country code.")


def validate_country_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Expected a list of country codes.")
    for code in value:
        validate_country(code)


def validate_language_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Expected a list of language codes.")
    for code in value:
        if not isinstance(code, str) or not reference.is_language(code):
            raise ValidationError(f"{code!r} is not an ISO 639-1 language code.")


def validate_isic_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Expected a list of ISIC codes.")
    for code in value:
        if not isinstance(code, str) or not reference.is_isic_code(code):
            raise ValidationError(f"{code!r} is not an ISIC Rev.4 section or division.")


def validate_hs_list(value: object) -> None:
    if not isinstance(value, list):
        raise ValidationError("Expected a list of HS codes.")
    for code in value:
        if not isinstance(code, str) or not reference.is_hs_code(code):
            raise ValidationError(f"{code!r} is not an HS chapter (2 digits) or heading (4).")
