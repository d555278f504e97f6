"""Model fields for codes that reach the database in one spelling, whatever the channel.

The validators accept what people type ("RU", "rus", "10.01", "kz"), and each channel
(forms, imports, the API, the admin) used to store it as given: two Russian speakers then
shared no language, and an offer with HS "10.01" was missing from a search for heading
1001. These fields write the canonical spelling when the row is saved, deduplicated in
order, and set it on the instance too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

from keruen import reference


def canonical_codes(codes: list[Any], canonical: Callable[[str], str]) -> list[Any]:
    """``codes`` in their canonical spelling, each once, in order. A code the reference does
    not know is kept as given: refusing it is the validators' work, not the save's."""
    seen: list[Any] = []
    for code in codes:
        try:
            spelled = canonical(code) if isinstance(code, str) else code
        except KeyError:
            spelled = code
        if spelled not in seen:
            seen.append(spelled)
    return seen


def _country_code(code: str) -> str:
    return code.strip().upper()


class _CodeListField(models.JSONField):
    @staticmethod
    def canonical(code: str) -> str:
        raise NotImplementedError  # each kind of code has its own spelling

    def canonical_value(self, value: Any) -> Any:
        return canonical_codes(value, self.canonical) if isinstance(value, list) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = self.canonical_value(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


class LanguageListField(_CodeListField):
    """ISO 639 codes, stored as ISO 639-1 where one exists ("RU", "rus" -> "ru")."""

    canonical = staticmethod(reference.language_code)


class CountryListField(_CodeListField):
    """ISO 3166-1 alpha-2 codes, stored in upper case ("kz" -> "KZ")."""

    canonical = staticmethod(_country_code)


class HsListField(_CodeListField):
    """HS chapters and headings, stored as digits only ("10.01" -> "1001")."""

    canonical = staticmethod(reference.normalize_hs)


class IsicListField(_CodeListField):
    """ISIC sections and divisions, sections in upper case ("a" -> "A")."""

    canonical = staticmethod(reference.normalize_isic)


class CountryField(models.CharField):
    """One ISO 3166-1 alpha-2 code, stored in upper case."""

    def canonical_value(self, value: Any) -> Any:
        return _country_code(value) if isinstance(value, str) else value

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = self.canonical_value(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


def rewrite_codes_in_canonical_spelling(model: type[models.Model]) -> None:
    """For data migrations: rewrite the rows of ``model`` (a historical model) stored
    before these fields, whose codes are spelled otherwise."""
    fields = [f for f in model._meta.fields if isinstance(f, (_CodeListField, CountryField))]
    names = [f.attname for f in fields]
    for row in model._default_manager.only("pk", *names).iterator():
        changed = {}
        for field in fields:
            value = getattr(row, field.attname)
            canonical = field.canonical_value(value)
            if canonical != value:
                changed[field.attname] = canonical
        if changed:
            model._default_manager.filter(pk=row.pk).update(**changed)
