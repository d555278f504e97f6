"""Organisations: the companies and public bodies delegates come from, registered per event."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from keruen import reference
from keruen.common.i18n import localize, ui_language, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.people.fields import CountryField, HsListField, IsicListField
from keruen.people.validators import validate_country, validate_hs_list, validate_isic_list

# An organisation's name and description, in each language: one limit for every way in
# (the portal's form, the import), so what one accepts the other can edit.
ORGANISATION_NAME_MAX = 300
ORGANISATION_DESCRIPTION_MAX = 5000


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        COMPANY = "company", _("company")
        GOVERNMENT = "government", _("government body")
        AGENCY = "agency", _("agency")
        ASSOCIATION = "association", _("association")
        UNIVERSITY = "university", _("university")
        MEDIA = "media", _("media")

    class Size(models.TextChoices):
        MICRO = "micro", _("micro (< 10)")
        SMALL = "small", _("small (10-49)")
        MEDIUM = "medium", _("medium (50-249)")
        LARGE = "large", _("large (250+)")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Short identifier, unique in the event (used by imports)."),
    )
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    description = TranslatedTextField(_("description"))
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("Original language")
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.COMPANY)
    country = CountryField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100, blank=True)
    sectors = IsicListField(
        _("sectors (ISIC)"), default=list, blank=True, validators=[validate_isic_list]
    )
    hs_codes = HsListField(
        _("products (HS codes)"), default=list, blank=True, validators=[validate_hs_list]
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    delegation = models.ForeignKey(
        "Delegation",
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    is_exhibitor = models.BooleanField(_("exhibitor"), default=False)
    # Brought in by an open sign-up, under whatever name it typed: public only once one of
    # its delegates is approved (``people.selectors.public_organisations``), even if those
    # delegates are later deleted.
    # db_default: rows written by code that predates the field (migration tests) need no value.
    from_sign_up = models.BooleanField(
        _("from a sign-up"), default=False, db_default=False, editable=False
    )
    # Lower-cased names, code and city in every language, for plain substring search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("organisation")
        # With a context: the bare "organisations" is translated as a count ("12 организаций").
        verbose_name_plural = pgettext_lazy("model name", "organisations")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="organisation_code_unique")
        ]
        # Change stamps (keruen.common.listing) read (count, latest update) per event.
        indexes = [models.Index(fields=["event", "updated_at"], name="organisation_stamp")]

    def __str__(self) -> str:
        return localize(self.name) or self.code

    @property
    def country_after_name(self) -> str:
        """The country after the name, in the reader's language: " (China)", or ", China"
        when the name ends in brackets of its own ("«Хунда» (Шанхай), Китай", not
        "(Шанхай) (Китай)")."""
        try:
            country = reference.country_name(self.country, ui_language())
        except KeyError:
            country = self.country
        if not country:
            return ""
        return (
            f", {country}"
            if localize(self.name).rstrip().endswith((")", "）"))
            else f" ({country})"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = organisation_search_text(self)
        super().save(*args, **kwargs)


def organisation_search_text(organisation: Organisation) -> str:
    # The English name first: the catalogue sorts on this text.
    names = [organisation.name.get("en", ""), *organisation.name.values()]
    parts = [*names, organisation.code, organisation.city]
    return " ".join(part for part in parts if part).lower()
