"""An expo edition, its venue, meeting locations, slot grid and programme."""

from __future__ import annotations

import copy
import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import UI_LANGUAGES, MaxTextLength, localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.saves import field_saved
from keruen.common.tenancy import EventScopedManager


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(f"{value!r} is not an IANA time zone.") from exc


def validate_ui_languages(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError("Give at least one interface language.")
    unknown = [code for code in value if code not in UI_LANGUAGES]
    if unknown:
        raise ValidationError(f"Unknown interface languages: {', '.join(map(str, unknown))}.")


def default_ui_languages() -> list[str]:
    return list(UI_LANGUAGES)


def saves_any(
    model: type[models.Model], names: Iterable[str], update_fields: Iterable[str] | None
) -> bool:
    """Whether a save of ``model`` with ``update_fields`` writes any of the fields ``names``."""
    return any(field_saved(_concrete(model, name), update_fields) for name in names)


def values_saved(
    instance: models.Model,
    names: Sequence[str],
    before: Sequence[Any],
    update_fields: Iterable[str] | None,
) -> tuple[Any, ...]:
    """What a save of ``instance`` with ``update_fields`` leaves in its row's fields
    ``names`` (a foreign key as its id), the row having held ``before``: a field left out of
    ``update_fields`` keeps what the row held, whatever the instance holds. The histories
    below compare this, not the instance, with ``before``: they record what was saved."""
    values = []
    for name, old in zip(names, before, strict=True):
        field = _concrete(type(instance), name)
        written = field_saved(field, update_fields)
        values.append(getattr(instance, field.attname) if written else old)
    return tuple(values)


class RecordsShownChanges:
    """A model whose save records, with the save, a change of the fields its calendar entries
    show (``shown_fields``), whichever path saves (console, admin, shell): ``Slot`` and
    ``ProgrammeSession``. Subclasses say what counts as a change (``shown_of``) and write the
    history row (``record_shown_change``); a field left out of ``update_fields`` keeps what
    the row held (``values_saved``)."""

    shown_fields: ClassVar[tuple[str, ...]]
    pk: Any
    _state: Any

    def shown_of(self, values: tuple[Any, ...]) -> object:
        """What an entry shows from these field values (default: the values themselves)."""
        return values

    def record_shown_change(self, saved: tuple[Any, ...]) -> None:
        raise NotImplementedError

    def save(self, *args: Any, **kwargs: Any) -> None:
        model = type(self)
        assert issubclass(model, models.Model)
        update_fields = kwargs.get("update_fields")
        if self._state.adding or not saves_any(model, self.shown_fields, update_fields):
            super().save(*args, **kwargs)  # type: ignore[misc]  # new, or nothing shown saved
            return
        with transaction.atomic():  # the change is recorded with the save, or not at all
            # Locked: of two saves at once, each compares with what the other wrote.
            before = (
                model._base_manager.select_for_update()
                .filter(pk=self.pk)
                .values_list(*self.shown_fields)
                .first()
            )
            super().save(*args, **kwargs)  # type: ignore[misc]
            if before is None:
                return
            saved = values_saved(self, self.shown_fields, before, update_fields)  # type: ignore[arg-type]
            if self.shown_of(before) != self.shown_of(saved):
                self.record_shown_change(saved)


def _concrete(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # a column, not a reverse relation
    return field


class Venue(TimeStampedModel):
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    city = TranslatedTextField(_("city"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))

    def __str__(self) -> str:
        return localize(self.name)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")


class Event(TimeStampedModel):
    """One edition of an expo. Everything else hangs off an event."""

    slug = models.SlugField(_("short name (in links)"), max_length=80, unique=True)
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    theme = TranslatedTextField(_("theme"))
    description = TranslatedTextField(_("description"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.SET_NULL
    )
    languages = models.JSONField(
        _("interface languages"),
        default=default_ui_languages,
        validators=[validate_ui_languages],
    )
    is_public = models.BooleanField(_("visible to the public"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    request_deadline = models.DateTimeField(
        _("deadline for meeting requests"),
        null=True,
        blank=True,
        help_text=_("Meeting requests can be sent and answered until then."),
    )
    request_quota = models.PositiveIntegerField(
        _("meeting request quota"),
        null=True,
        blank=True,
        help_text=_("Most pending + accepted requests one delegate may send."),
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return localize(self.name) or self.slug

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def is_over(self, *, now: dt.datetime | None = None) -> bool:
        """The event's last day has ended on its own clock."""
        return (now or timezone.now()).astimezone(self.tz).date() > self.end_date

    @property
    def accepts_registrations(self) -> bool:
        """The organisers' switch is on and the event has not taken place yet: an edition
        that is over takes no registration, whatever the switch says."""
        return self.registration_open and not self.is_over()


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
        update_fields = kwargs.get("update_fields")
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
        attnames = [_concrete(type(self), name).attname for name in names]
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


class ShownChange(models.Model):
    """One change of what calendar entries show, recorded with the save that made it: a feed
    counts these rows in an entry's SEQUENCE (``meetings.selectors.meeting_sequences``,
    ``events.selectors.programme_sessions_sequenced``). Rows are only ever added."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = EventScopedManager()

    class Meta:
        abstract = True
        ordering = ["event", "changed_at", "id"]


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


#: Longest room name, in any one language.
ROOM_MAX_LENGTH = 100


def shown_texts(texts: Any) -> tuple[str, ...]:
    """A translated text as a feed writes it in each interface language (``localize``, with
    its fallbacks: a translation added that reads as the text shown before changes nothing)."""
    return tuple(localize(texts, language) for language in UI_LANGUAGES)


def session_shown(
    start: dt.datetime, end: dt.datetime, room: Any, hall_id: int | None
) -> tuple[object, ...]:
    """What a programme session's calendar entry shows that calendars must take as an update:
    its start and end (DTSTART, DTEND, as instants), and its room (``shown_texts``) and hall,
    which its LOCATION names (``ProgrammeSession.place``). The hall counts by its id, as a
    table's does (``ShownPlace``); its new name is recorded by its own save
    (``keruen.events.place_history``). The title and description (SUMMARY, DESCRIPTION) are
    left out, as a meeting's partner's name is (``keruen.meetings.agenda``)."""
    return (start, end, shown_texts(room), hall_id)


class ProgrammeSession(RecordsShownChanges, TimeStampedModel):
    """A session of the forum's programme, which delegates add to their agenda and feed.

    A save that changes what its calendar entry shows (``session_shown``) records a
    ``ProgrammeSessionChange``, whichever path saves (the console, the admin, a shell), so
    that calendar feeds give the entry a higher SEQUENCE
    (``events.selectors.programme_sessions_sequenced``); so do its hall's renaming and
    deletion (``keruen.events.place_history``). ``QuerySet.update`` would bypass that:
    nothing changes sessions that way.
    """

    #: The fields ``session_shown`` reads.
    shown_fields: ClassVar[tuple[str, ...]] = ("start", "end", "room", "hall")

    class Kind(models.TextChoices):
        OPENING = "opening", _("opening ceremony")
        KEYNOTE = "keynote", _("keynote")
        FORUM = "forum", _("forum")
        PROMOTION = "promotion", _("trade and investment promotion")
        MATCHMAKING = "matchmaking", _("B2B matchmaking")
        SIGNING = "signing", _("signing ceremony")
        EXHIBITION = "exhibition", _("exhibition")
        OTHER = "other", _("other")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = TranslatedTextField(_("title"), validators=[validate_has_text])
    description = TranslatedTextField(_("description"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = TranslatedTextField(_("room"), validators=[MaxTextLength(ROOM_MAX_LENGTH)])
    hall = models.ForeignKey(
        Hall,
        verbose_name=_("hall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    sector = models.CharField(_("sector"), max_length=30, blank=True)
    speakers = models.ManyToManyField(
        "people.Participant", verbose_name=_("speakers"), blank=True, related_name="speaking_at"
    )
    blocks_meetings = models.BooleanField(
        _("no meetings for speakers"),
        default=False,
        help_text=_("Speakers have no meetings while it runs."),
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("programme session")
        verbose_name_plural = _("programme sessions")
        ordering = ["event", "start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="session_order")
        ]

    def __str__(self) -> str:
        return localize(self.title)

    @property
    def place(self) -> str:
        """Where it takes place, in the active language, written as a meeting's place is
        (``ScheduledMeeting.place``): "Meeting room 1, Hall B". At an expo of several halls
        the room alone sends delegates searching. The room alone when it is in no hall, the
        hall alone when no room is given.

        What this reads is what ``session_shown`` compares on save (and a hall's save on
        renaming): a calendar feed bumps the entry's SEQUENCE when it changes. Reading more
        here means showing more there."""
        room = localize(self.room)
        hall = localize(self.hall.name) if self.hall is not None else ""
        if not (room and hall):
            return room or hall
        return gettext("%(place)s, %(hall)s") % {"place": room, "hall": hall}

    def shown_of(self, values: tuple[Any, ...]) -> object:
        return session_shown(*values)

    def record_shown_change(self, saved: tuple[Any, ...]) -> None:
        start, end, room, hall_id = saved
        # bulk_create: no audit entry of its own, the session's update says it all.
        ProgrammeSessionChange.objects.bulk_create(
            [
                ProgrammeSessionChange(
                    event_id=self.event_id,
                    session=self,
                    start=start,
                    end=end,
                    room=room,
                    hall_id=hall_id,
                )
            ]
        )


class ProgrammeSessionChange(ShownChange):
    """A programme session given another start, end, room or hall (recorded by
    ``ProgrammeSession.save``), or its hall renamed or deleted (recorded by the hall's save
    and deletion: ``keruen.events.place_history``): its calendar entry shows another DTSTART,
    DTEND or LOCATION. A feed gives the entry the number of these rows as its SEQUENCE: one
    per change, also back to a time or place shown before, and never fewer."""

    session = models.ForeignKey(
        ProgrammeSession,
        verbose_name=_("programme session"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    # What the session held after the change.
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = TranslatedTextField(_("room"))
    # None: in no hall, the hall deleted since, or recorded before halls were.
    hall = models.ForeignKey(
        Hall,
        verbose_name=_("hall"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(ShownChange.Meta):
        verbose_name = _("change of a programme session's time or place")
        verbose_name_plural = _("changes of programme sessions' times or places")
        indexes = [models.Index(fields=["session", "changed_at"], name="session_change_session")]

    def __str__(self) -> str:
        return f"{self.session} changed at {self.changed_at:%Y-%m-%d %H:%M}"


class RequestRule(TimeStampedModel):
    """A networking rule: may delegates of one role send meeting requests to another role.

    An empty role means "any role". When several rules match a pair, the most specific one
    wins (both roles named, then one, then none); without a matching rule requests are allowed.
    """

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="request_rules"
    )
    requester_role = models.CharField(_("sender's role"), max_length=20, blank=True)
    target_role = models.CharField(_("recipient's role"), max_length=20, blank=True)
    allowed = models.BooleanField(_("allowed"), default=False)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("networking rule")
        verbose_name_plural = _("networking rules")
        ordering = ["event", "requester_role", "target_role"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "requester_role", "target_role"],
                name="request_rule_unique_pair",
            )
        ]

    def __str__(self) -> str:
        verb = "may" if self.allowed else "may not"
        return f"{self.requester_role or '*'} {verb} request {self.target_role or '*'}"
