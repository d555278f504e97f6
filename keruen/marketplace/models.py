"""Offers and requests: what an organisation brings to the expo and what it looks for."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keruen.common.models import TimeStampedModel
from keruen.common.tenancy import EventScopedManager
from keruen.people.fields import CountryListField, HsListField, IsicListField
from keruen.people.validators import validate_country_list, validate_hs_list, validate_isic_list

CONTENT_LANGUAGES = (
    ("en", _("English")),
    ("zh", _("Chinese")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
)
# Longest description (and translation of one) taken: a page of text, whatever the path in
# (form, API, import); the public list shows every description in full.
BODY_MAX_LENGTH = 10_000
TITLE_MAX_LENGTH = 200


class Opportunity(TimeStampedModel):
    class Direction(models.TextChoices):
        OFFER = "offer", _("offer")
        REQUEST = "request", _("request")

    class Kind(models.TextChoices):
        PRODUCT = "product", _("product")
        SERVICE = "service", _("service")
        INVESTMENT = "investment", _("investment")
        PROJECT = "project", _("project")
        PARTNERSHIP = "partnership", _("partnership")
        EXPERTISE = "expertise", _("expertise")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PENDING = "pending", _("pending review")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    author = models.ForeignKey(
        "people.Participant",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    direction = models.CharField(_("offer or request"), max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("written in"), max_length=2, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(_("text"), validators=[MaxLengthValidator(BODY_MAX_LENGTH)])
    # Optional translations: {"ru": {"title": "...", "body": "..."}, ...}
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    sectors = IsicListField(
        _("sectors (ISIC)"), default=list, blank=True, validators=[validate_isic_list]
    )
    hs_codes = HsListField(
        _("products (HS codes)"), default=list, blank=True, validators=[validate_hs_list]
    )
    target_countries = CountryListField(
        _("target countries"), default=list, blank=True, validators=[validate_country_list]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    review_note = models.CharField(_("note to the author"), max_length=500, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        ordering = ["event", "-created_at", "id"]
        indexes = [
            models.Index(fields=["event", "status", "direction"]),
            # Change stamps (keruen.common.listing) read (count, latest update) per event.
            models.Index(fields=["event", "updated_at"], name="opportunity_stamp"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="opportunity_has_title")]

    def __str__(self) -> str:
        return self.title

    def has_translation(self, language: str) -> bool:
        """Whether the author gave a title and a body in ``language``, other than the
        original's. Either may read as the original does (a brand, a model number)."""
        translation = self.translations.get(language) or {}
        return language != self.language and bool(
            translation.get("title") and translation.get("body")
        )

    def text_in(self, language: str) -> tuple[str, str]:
        """(title, body) in ``language`` if a translation exists, else the original."""
        if self.has_translation(language):
            return self.translations[language]["title"], self.translations[language]["body"]
        return self.title, self.body
