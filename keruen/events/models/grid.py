"""The meeting slot grid: the days, their slots and the pauses between them."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.events.models.event import Event
from keruen.events.models.recording import RecordsShownChanges, ShownChange


class SlotGrid(TimeStampedModel):
    """How the meeting days are cut into slots: two sessions a day with lunch between."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slot_grid"
    )
    days = models.JSONField(
        _("meeting days"), default=list, help_text=_("ISO dates of the meeting days.")
    )
    slot_minutes = models.PositiveIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(5)]
    )
    am_start = models.TimeField(_("morning starts"))
    am_end = models.TimeField(_("morning ends"))
    pm_start = models.TimeField(_("afternoon starts"))
    pm_end = models.TimeField(_("afternoon ends"))

    class Meta:
        verbose_name = _("slot grid")
        verbose_name_plural = _("slot grids")
        constraints = [
            models.CheckConstraint(condition=Q(am_end__gt=F("am_start")), name="grid_am_order"),
            models.CheckConstraint(condition=Q(pm_start__gte=F("am_end")), name="grid_lunch"),
            models.CheckConstraint(condition=Q(pm_end__gt=F("pm_start")), name="grid_pm_order"),
        ]

    def __str__(self) -> str:
        return f"slot grid of {self.event}"


class GridBreak(TimeStampedModel):
    """A daily pause inside a session (coffee break, a plenary everyone attends)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="grid_breaks"
    )
    day = models.DateField(
        _("day"), null=True, blank=True, help_text=_("Empty: every meeting day.")
    )
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    label = TranslatedTextField(_("label"))

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("break in the slot grid")
        verbose_name_plural = _("breaks in the slot grid")
        ordering = ["event", "day", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="break_order")]

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class Slot(RecordsShownChanges, models.Model):
    """One meeting slot. Generated from the grid; numbered in time order from 1.

    A save that gives it another start or end records a ``SlotChange``, whichever path saves
    (the admin, a shell), so that calendar feeds bump the SEQUENCE of the meetings in it
    (``meetings.selectors.meeting_sequences``). ``QuerySet.update`` would bypass that: nothing
    moves slots that way.
    """

    class Session(models.TextChoices):
        AM = "AM", _("AM")
        PM = "PM", _("PM")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots"
    )
    number = models.PositiveIntegerField(_("number"))
    day_index = models.PositiveIntegerField(_("day number"), help_text=_("1 = first meeting day"))
    session = models.CharField(
        pgettext_lazy("half of a day", "session"), max_length=2, choices=Session.choices
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    objects = EventScopedManager()

    #: The fields a meeting's calendar entry shows of its slot (DTSTART, DTEND).
    shown_fields: ClassVar[tuple[str, ...]] = ("start", "end")

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="slot_number_unique"),
            models.UniqueConstraint(fields=["event", "start"], name="slot_start_unique"),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="slot_order"),
        ]

    def __str__(self) -> str:
        # UTC, said so: the event's clock would cost a query per slot (the activity log
        # writes this for every schedule entry it records).
        return f"#{self.number} {self.start.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC"

    def record_shown_change(self, saved: tuple[Any, ...]) -> None:
        start, end = saved
        # bulk_create: no audit entry of its own, the slot's update says it all.
        SlotChange.objects.bulk_create(
            [SlotChange(event_id=self.event_id, slot=self, start=start, end=end)]
        )


class SlotChange(ShownChange):
    """A meeting slot given another time (recorded by ``Slot.save``): the calendar entries of
    the meetings in it show another DTSTART or DTEND. A feed counts those since the release
    that placed a meeting in the slot in its SEQUENCE, as it counts ``PlaceChange``."""

    slot = models.ForeignKey(
        Slot, verbose_name=_("meeting slot"), on_delete=models.CASCADE, related_name="changes"
    )
    # The slot's times after the change.
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta(ShownChange.Meta):
        verbose_name = _("change of a meeting slot's time")
        verbose_name_plural = _("changes of meeting slots' times")
        indexes = [models.Index(fields=["slot", "changed_at"], name="slot_change_slot")]

    def __str__(self) -> str:
        return f"{self.slot} retimed at {self.changed_at:%Y-%m-%d %H:%M}"
