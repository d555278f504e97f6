"""Announcements: the organisers' e-mails to participants, and who received each."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import MaxTextLength, localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.people.models.participants import Participant

ANNOUNCEMENT_SUBJECT_MAX = 200
ANNOUNCEMENT_BODY_MAX = 10_000


class Announcement(TimeStampedModel):
    """The organisers' e-mail to a group of participants, written in up to four languages.

    Each recipient gets the text in their interface language, or English, or the first
    language written. The recipients are fixed when the announcement is queued (one
    ``AnnouncementDelivery`` each), so a retry after a failure sends only to those not yet
    reached, and nobody twice.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    subject = TranslatedTextField(
        _("subject"), validators=[validate_has_text, MaxTextLength(ANNOUNCEMENT_SUBJECT_MAX)]
    )
    body = TranslatedTextField(
        _("message"), validators=[validate_has_text, MaxTextLength(ANNOUNCEMENT_BODY_MAX)]
    )
    audience = models.CharField(_("sent to"), max_length=300, blank=True)
    # Built by the server from the request (hosts like "localhost" are no valid URL to Django).
    portal_url = models.CharField(_("portal address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The sender working on it: a later sender that takes over a stalled claim changes it, so
    # the first one, should it wake up, sees the claim is no longer its own and stops.
    claim = models.CharField(_("sender"), max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(
        "people.User",
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["event", "-created_at", "-id"]

    def __str__(self) -> str:
        return localize(self.subject)


class AnnouncementDelivery(models.Model):
    """One recipient of an announcement; ``sent_at`` once the mail server took the message,
    ``refused`` (the server's reason) if it refused the address."""

    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="announcements_received",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    refused = models.CharField(_("refused by the mail server"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("announcement delivery")
        verbose_name_plural = _("announcement deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "participant"], name="one_delivery_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.announcement} → {self.participant}"
