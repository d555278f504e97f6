"""Delegations: a country's or region's group of delegates at an event."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.people.fields import CountryField
from keruen.people.validators import validate_country


class Delegation(TimeStampedModel):
    """A country's or region's group: a government delegation or a business mission."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        BUSINESS = "business", _("business")
        REGIONAL = "regional", _("regional")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    code = models.SlugField(_("code"), max_length=80)
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    country = CountryField(_("country"), max_length=2, validators=[validate_country])
    region = models.CharField(_("region"), max_length=100, blank=True)
    head = models.ForeignKey(
        "Participant",
        verbose_name=_("head of delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="delegation_code_unique")
        ]

    def __str__(self) -> str:
        return localize(self.name) or self.code
