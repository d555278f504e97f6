"""Agreements signed at the expo: memoranda, contracts, investments."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from keruen import reference
from keruen.common.i18n import localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager


def validate_currency(value: str) -> None:
    if not reference.is_currency(value):
        raise ValidationError(f"{value!r} is not an ISO 4217 currency code.")


class Agreement(TimeStampedModel):
    class Kind(models.TextChoices):
        MOU = "mou", _("memorandum of understanding")
        CONTRACT = "contract", _("contract")
        INVESTMENT = "investment", _("investment agreement")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        NEGOTIATING = "negotiating", _("under negotiation")
        SIGNED = "signed", _("signed")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = TranslatedTextField(_("title"), validators=[validate_has_text])
    parties = models.ManyToManyField(
        "people.Organisation", verbose_name=_("parties"), related_name="agreements"
    )
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    value = models.DecimalField(
        _("value"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEGOTIATING
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        # Signed first, newest first; under negotiation (no date) after them, on every
        # database (PostgreSQL puts NULLs first in a descending order, SQLite last).
        ordering = ["event", F("signed_on").desc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(currency=""),
                name="agreement_value_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(currency="") | Q(value__isnull=False),
                name="agreement_currency_has_value",
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="signed_agreement_has_date",
            ),
        ]

    def __str__(self) -> str:
        return localize(self.title)
