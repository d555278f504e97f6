"""Invitations: an organiser's invitation to join an organisation at an event."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen.common.models import TimeStampedModel
from keruen.common.tenancy import EventScopedManager
from keruen.people.models.organisations import Organisation
from keruen.people.models.participants import Participant


class Invitation(TimeStampedModel):
    """An organiser invites a person by e-mail to join an organisation at an event.

    Accepting it creates an approved participant: the organiser vouched for them already.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    email = models.EmailField(_("e-mail"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=Participant.Role.choices,
        default=Participant.Role.BUSINESS,
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    participant = models.OneToOneField(
        Participant,
        verbose_name=_("participant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    created_by = models.ForeignKey(
        "people.User",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["event", "-created_at", "id"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def is_usable(self, now: Any = None) -> bool:
        """Not accepted yet and not expired."""
        now = now or timezone.now()
        return self.accepted_at is None and self.expires_at > now
