"""Leads: the delegates an exhibitor met at the expo and saved by scanning their badge."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keruen.common.models import TimeStampedModel
from keruen.common.tenancy import EventScopedManager
from keruen.people.models.participants import Participant


class Lead(TimeStampedModel):
    """A delegate met at the expo and saved by scanning their badge: an exhibitor's lead.

    The owner sees the person's name, organisation and a note of their own; contact details
    only as anywhere else, once the two have an accepted meeting.
    """

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="leads"
    )
    owner = models.ForeignKey(
        Participant,
        verbose_name=_("saved by"),
        on_delete=models.CASCADE,
        related_name="leads",
    )
    person = models.ForeignKey(
        Participant,
        verbose_name=_("person met"),
        on_delete=models.CASCADE,
        related_name="saved_as_lead",
    )
    note = models.TextField(_("note"), max_length=1000, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("contact met")
        verbose_name_plural = _("contacts met")
        ordering = ["event", "-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person"], name="one_lead_per_person"),
            models.CheckConstraint(condition=~Q(owner=models.F("person")), name="lead_not_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.person}"
