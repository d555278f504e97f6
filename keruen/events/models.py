"""An expo edition, its venue, meeting locations, slot grid and programme."""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import UI_LANGUAGES, MaxTextLength, localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
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


class Venue(TimeStampedModel):
    name = TranslatedTextField(validators=[validate_has_text])
    city = TranslatedTextField()
    address = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")

    def __str__(self) -> str:
        return localize(self.name)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")


class Event(TimeStampedModel):
    """One edition of an expo. Everything else hangs off an event."""

    slug = models.SlugField(max_length=80, unique=True)
    name = TranslatedTextField(validators=[validate_has_text])
    theme = TranslatedTextField()
    description = TranslatedTextField()
    start_date = models.DateField()
    end_date = models.DateField()
    time_zone = models.CharField(
        max_length=64, default="Asia/Shanghai", validators=[validate_time_zone]
    )
    venue = models.ForeignKey(Venue, null=True, blank=True, on_delete=models.SET_NULL)
    languages = models.JSONField(default=default_ui_languages, validators=[validate_ui_languages])
    is_public = models.BooleanField(default=True)
    registration_open = models.BooleanField(default=True)
    request_deadline = models.DateTimeField(
        null=True, blank=True, help_text="Meeting requests can be sent and answered until then."
    )
    request_quota = models.PositiveIntegerField(
        null=True, blank=True, help_text="Most pending + accepted requests one delegate may send."
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


class Hall(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="halls")
    code = models.CharField(max_length=20)
    name = TranslatedTextField(validators=[validate_has_text])
    zone = TranslatedTextField()

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="hall_code_unique_in_event")
        ]

    def __str__(self) -> str:
        return f"{self.code} {localize(self.name)}"


class Booth(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="booths")
    hall = models.ForeignKey(Hall, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(max_length=20)
    exhibitor = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="booths",
    )
    area_m2 = models.PositiveIntegerField(null=True, blank=True)
    hosts_meetings = models.BooleanField(
        default=True, help_text="The exhibitor's meetings take place at this booth."
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="booth_code_unique_in_event")
        ]

    def __str__(self) -> str:
        return self.code


class MeetingTable(TimeStampedModel):
    """A shared table in the matchmaking area where two delegates meet."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    hall = models.ForeignKey(
        Hall, null=True, blank=True, on_delete=models.SET_NULL, related_name="tables"
    )
    label = models.CharField(max_length=60, blank=True)
    is_active = models.BooleanField(default=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["event", "number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="table_number_unique_in_event")
        ]

    def __str__(self) -> str:
        return self.label or f"T{self.number}"


class SlotGrid(TimeStampedModel):
    """How the meeting days are cut into slots: two sessions a day with lunch between."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="slot_grid")
    days = models.JSONField(default=list, help_text="ISO dates of the meeting days.")
    slot_minutes = models.PositiveIntegerField(default=30, validators=[MinValueValidator(5)])
    am_start = models.TimeField()
    am_end = models.TimeField()
    pm_start = models.TimeField()
    pm_end = models.TimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(am_end__gt=F("am_start")), name="grid_am_order"),
            models.CheckConstraint(condition=Q(pm_start__gte=F("am_end")), name="grid_lunch"),
            models.CheckConstraint(condition=Q(pm_end__gt=F("pm_start")), name="grid_pm_order"),
        ]

    def __str__(self) -> str:
        return f"slot grid of {self.event}"


class GridBreak(TimeStampedModel):
    """A daily pause inside a session (coffee break, a plenary everyone attends)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="grid_breaks")
    day = models.DateField(null=True, blank=True, help_text="Empty: every meeting day.")
    start = models.TimeField()
    end = models.TimeField()
    label = TranslatedTextField()

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("break in the slot grid")
        verbose_name_plural = _("breaks in the slot grid")
        ordering = ["event", "day", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="break_order")]

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class Slot(models.Model):
    """One meeting slot. Generated from the grid; numbered in time order from 1."""

    class Session(models.TextChoices):
        AM = "AM", _("AM")
        PM = "PM", _("PM")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    number = models.PositiveIntegerField()
    day_index = models.PositiveIntegerField(help_text="1 = first meeting day")
    session = models.CharField(max_length=2, choices=Session.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()

    objects = EventScopedManager()

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
        return f"#{self.number} {self.start:%Y-%m-%d %H:%M}"


#: Longest room name, in any one language.
ROOM_MAX_LENGTH = 100


class ProgrammeSession(TimeStampedModel):
    class Kind(models.TextChoices):
        OPENING = "opening", _("opening ceremony")
        KEYNOTE = "keynote", _("keynote")
        FORUM = "forum", _("forum")
        PROMOTION = "promotion", _("trade and investment promotion")
        MATCHMAKING = "matchmaking", _("B2B matchmaking")
        SIGNING = "signing", _("signing ceremony")
        EXHIBITION = "exhibition", _("exhibition")
        OTHER = "other", _("other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = TranslatedTextField(validators=[validate_has_text])
    description = TranslatedTextField()
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = TranslatedTextField(validators=[MaxTextLength(ROOM_MAX_LENGTH)])
    hall = models.ForeignKey(
        Hall, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    sector = models.CharField(max_length=30, blank=True)
    speakers = models.ManyToManyField("people.Participant", blank=True, related_name="speaking_at")
    blocks_meetings = models.BooleanField(
        default=False, help_text="Speakers have no meetings while it runs."
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


class RequestRule(TimeStampedModel):
    """A networking rule: may delegates of one role send meeting requests to another role.

    An empty role means "any role". When several rules match a pair, the most specific one
    wins (both roles named, then one, then none); without a matching rule requests are allowed.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="request_rules")
    requester_role = models.CharField(max_length=20, blank=True)
    target_role = models.CharField(max_length=20, blank=True)
    allowed = models.BooleanField(default=False)

    objects = EventScopedManager()

    class Meta:
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
