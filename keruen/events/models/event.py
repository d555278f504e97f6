"""An expo edition, its venue and its networking rules."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import UI_LANGUAGES, localize, validate_has_text
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

    @property
    def clock_label(self) -> str:
        """The event's clock as pages name it: "Asia/Shanghai, UTC+8". The zone's name alone
        leaves readers guessing (Ürümqi keeps Beijing time, and local "Xinjiang time" too).
        The offset is the one on the event's first day; for a time on another date (a
        deadline months ahead, across a change to summer time) see ``clock_label_at``."""
        return self.clock_label_at(dt.datetime.combine(self.start_date, dt.time(12)))

    def clock_label_at(self, moment: dt.datetime) -> str:
        """The event's clock with its offset at ``moment`` (naive: on the event's clock)."""
        local = moment.astimezone(self.tz) if moment.tzinfo else moment.replace(tzinfo=self.tz)
        minutes = int((local.utcoffset() or dt.timedelta(0)).total_seconds()) // 60
        sign = "+" if minutes >= 0 else "−"
        hours, rest = divmod(abs(minutes), 60)
        return f"{self.time_zone}, UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")

    def is_over(self, *, now: dt.datetime | None = None) -> bool:
        """The event's last day has ended on its own clock."""
        return (now or timezone.now()).astimezone(self.tz).date() > self.end_date

    @property
    def accepts_registrations(self) -> bool:
        """The organisers' switch is on and the event has not taken place yet: an edition
        that is over takes no registration, whatever the switch says."""
        return self.registration_open and not self.is_over()


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
