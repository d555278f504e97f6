"""Base models, the translated-text field and the audit log."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from keruen.common.i18n import localize, validate_translations


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class TranslatedTextField(models.JSONField):
    """Text in several languages as a JSON object keyed by interface language code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        validators = list(kwargs.pop("validators", []))
        if validate_translations not in validators:
            validators.insert(0, validate_translations)
        kwargs["validators"] = validators
        super().__init__(*args, **kwargs)


def translated(obj: models.Model, field_name: str, language: str | None = None) -> str:
    return localize(getattr(obj, field_name), language)


class AuditLogEntry(models.Model):
    """Who changed what and when. Written for every write by an organiser or a delegate."""

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("audit action", "create")
        UPDATE = "update", pgettext_lazy("audit action", "update")
        DELETE = "delete", pgettext_lazy("audit action", "delete")
        ACTION = "action", pgettext_lazy("audit action", "action")

    timestamp = models.DateTimeField(_("timestamp"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_label = models.CharField(_("performed by"), max_length=254, blank=True)
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=32, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log entries")
        ordering = ["-timestamp", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}"
        )
