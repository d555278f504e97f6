"""Where meetings take place: halls, exhibitors' booths and shared meeting tables, and the
history of what their meetings' calendar entries show of them."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.events.models.event import Event
from keruen.events.models.recording import (
    ShownChange,
    concrete_field,
    saves_any,
    update_fields_once,
    values_saved,
)


class ShownPlace(TimeStampedModel):
    """A hall, booth or table: what a meeting's calendar entry names as its LOCATION
    (``ScheduledMeeting.place``). A save that changes what such an entry shows records a
    ``PlaceChange``, whichever path saves (console, admin, shell), so that calendar feeds
    bump the SEQUENCE of the meetings placed there (``meetings.selectors.meeting_sequences``);
    a hall's new name is recorded for the programme sessions in it too
    (``ProgrammeSessionChange``), whose entries name it (``ProgrammeSession.place``).
    """

    #: The fields ``shown`` reads.
    shown_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def shown(self) -> object:
        """What an entry placed here (or in this hall) shows of this row."""
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = update_fields_once(kwargs)
        if self._state.adding or not saves_any(type(self), self.shown_fields, update_fields):
            super().save(*args, **kwargs)  # new, or what entries show is not saved
            return
        from keruen.events.place_history import place_change_record

        with transaction.atomic():  # the change is recorded with the save, or not at all
            # Locked: of two saves at once, each compares with what the other wrote.
            before = (
                type(self)
                ._base_manager.select_for_update()
                .only(*self.shown_fields)
                .filter(pk=self.pk)
                .first()
            )
            super().save(*args, **kwargs)
            if before is None:
                return
            saved = self if update_fields is None else self._as_saved(before, update_fields)
            if before.shown() != saved.shown():
                place_change_record(place=saved, before=before)

    def _as_saved(self, before: Self, update_fields: Iterable[str]) -> Self:
        """A copy of this row as a save with ``update_fields`` wrote it: a shown field left
        out keeps what ``before`` (the row before the save) held."""
        names = self.shown_fields
        attnames = [concrete_field(type(self), name).attname for name in names]
        held = [getattr(before, attname) for attname in attnames]
        saved = copy.copy(self)
        for attname, value in zip(
            attnames, values_saved(self, names, held, update_fields), strict=True
        ):
            setattr(saved, attname, value)
        return saved


class Hall(ShownPlace):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="halls"
    )
    code = models.CharField(_("code"), max_length=20)
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    zone = TranslatedTextField(_("zone"))

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="hall_code_unique_in_event")
        ]

    shown_fields = ("name",)

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name)}"

    def shown(self) -> object:
        return {language: text for language, text in (self.name or {}).items() if text}


class Booth(ShownPlace):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="booths"
    )
    hall = models.ForeignKey(
        Hall, verbose_name=_("hall"), on_delete=models.CASCADE, related_name="booths"
    )
    code = models.CharField(_("code"), max_length=20)
    exhibitor = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("exhibitor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booths",
    )
    area_m2 = models.PositiveIntegerField(_("area (m²)"), null=True, blank=True)
    hosts_meetings = models.BooleanField(
        _("meetings at this booth"),
        default=True,
        help_text=_("The exhibitor's meetings take place at this booth."),
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="booth_code_unique_in_event")
        ]

    shown_fields = ("code", "hall")

    def __str__(self) -> str:
        return self.code

    def shown(self) -> object:
        return (self.code, self.hall_id)


class MeetingTable(ShownPlace):
    """A shared table in the matchmaking area where two delegates meet."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="tables"
    )
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    hall = models.ForeignKey(
        Hall,
        verbose_name=_("hall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # recorded as a move: place_history.hall_deleted_record
        related_name="tables",
    )
    label = models.CharField(_("label"), max_length=60, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_number_unique_in_event")
        ]

    shown_fields = ("number", "label", "hall")

    def __str__(self) -> str:
        return self.label or f"T{self.number}"

    def shown(self) -> object:
        return (str(self), self.hall_id)


class PlaceChange(ShownChange):
    """A change of what the calendar entries of meetings at a table or booth show: the place
    moved to another hall, or it or its hall renamed (recorded by ``ShownPlace.save``). A
    feed counts those since the release that placed a meeting there in its SEQUENCE."""

    class Kind(models.TextChoices):
        MOVED = "moved", _("moved to another hall")
        RENAMED = "renamed", _("renamed")
        HALL_RENAMED = "hall_renamed", _("its hall renamed")

    table = models.ForeignKey(
        MeetingTable,
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The hall the place stands in after the change (None: none, or deleted since).
    hall = models.ForeignKey(
        Hall,
        verbose_name=_("hall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(ShownChange.Meta):
        verbose_name = _("change of a meeting place")
        verbose_name_plural = _("changes of meeting places")
        constraints = [
            models.CheckConstraint(
                condition=Q(table__isnull=False, booth__isnull=True)
                | Q(table__isnull=True, booth__isnull=False),
                name="place_change_of_a_table_or_booth",
            )
        ]
        indexes = [
            models.Index(fields=["table", "changed_at"], name="place_change_table"),
            models.Index(fields=["booth", "changed_at"], name="place_change_booth"),
        ]

    def __str__(self) -> str:
        return f"{self.table or self.booth} {self.kind} at {self.changed_at:%Y-%m-%d %H:%M}"
