"""Participants: a person registered at one event, and the search of their names."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.people.badge_codes import new_badge_code
from keruen.people.fields import CountryListField, LanguageListField
from keruen.people.models.delegations import Delegation
from keruen.people.models.organisations import Organisation
from keruen.people.validators import validate_country_list, validate_language_list


class Participant(TimeStampedModel):
    """A person registered at one event."""

    class Role(models.TextChoices):
        GOVERNMENT = "government", _("government official")
        BUSINESS = "business", _("business")
        EXPERT = "expert", _("expert")
        EXHIBITOR = "exhibitor", _("exhibitor")
        VISITOR = "visitor", _("visitor")
        MEDIA = "media", _("media")
        ORGANISER = "organiser", _("organiser")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        # Was approved, then cancelled their participation (visa, illness, a changed trip):
        # their meetings and open requests are cancelled (keruen.meetings.withdrawal).
        WITHDRAWN = "withdrawn", _("withdrawn")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    user = models.ForeignKey(
        "people.User",
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.RESTRICT,
        related_name="participants",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.BUSINESS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    title = TranslatedTextField(_("job title"))
    languages = LanguageListField(
        _("languages spoken"), default=list, blank=True, validators=[validate_language_list]
    )
    public_listing = models.BooleanField(
        _("in the public list"),
        default=False,
        help_text=_("Consents to appear in the public participant list."),
    )
    # Contact details: shown to another delegate only once a meeting with them is accepted.
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    messenger = models.CharField(_("messenger"), max_length=100, blank=True)
    arrives_at = models.DateTimeField(_("arrival"), null=True, blank=True)
    departs_at = models.DateTimeField(_("departure"), null=True, blank=True)
    unavailable_slots = models.ManyToManyField(
        "events.Slot",
        verbose_name=_("unavailable slots"),
        blank=True,
        related_name="unavailable_participants",
    )
    booth = models.ForeignKey(
        "events.Booth",
        verbose_name=_("booth"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosts",
        help_text=_("Meets at this booth instead of the shared tables."),
    )
    target_countries = CountryListField(
        _("target countries"), default=list, blank=True, validators=[validate_country_list]
    )
    feed_token = models.CharField(
        _("calendar feed token"), max_length=64, blank=True, db_index=True
    )
    # Printed on the badge under a QR code that opens the organisers' check-in page.
    badge_code = models.CharField(
        _("badge code"), max_length=16, unique=True, default=new_badge_code, editable=False
    )
    checked_in_at = models.DateTimeField(
        _("checked in"),
        null=True,
        blank=True,
        help_text=_("When the delegate collected the badge at the registration desk."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawing"), max_length=500, blank=True)
    # The names case-folded, for the desk's and the roster's substring search: SQLite's
    # LIKE ignores case for ASCII only, so "серікова" would not find "Серікова".
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # Programme sessions the delegate chose to attend: shown in the agenda and the ICS feed.
    chosen_sessions = models.ManyToManyField(
        "events.ProgrammeSession",
        verbose_name=_("chosen programme sessions"),
        blank=True,
        related_name="attendees",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "family_name", "given_name"]
        # Change stamps (keruen.common.listing) read (count, latest update) per event.
        indexes = [models.Index(fields=["event", "updated_at"], name="participant_stamp")]
        constraints = [
            # A person registers once per event: the database refuses a duplicate.
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_event"),
            models.CheckConstraint(
                condition=Q(departs_at__isnull=True)
                | Q(arrives_at__isnull=True)
                | Q(departs_at__gt=models.F("arrives_at")),
                name="participant_departs_after_arrival",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = participant_search_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not _SEARCHED_NAMES.isdisjoint(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        # Chinese names are written family name first, without a space (王伟).
        if _is_han(self.given_name) and _is_han(self.family_name):
            return f"{self.family_name}{self.given_name}"
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def name_with_latin(self) -> str:
        """The name, and its Latin form when it differs: "Фатима Шейх (Fatima Sheikh)", as
        ``people/_person_name.html`` writes it where markup is not wanted (a select's option)."""
        name = self.display_name
        if self.name_latin and self.name_latin != name:
            return f"{name} ({self.name_latin})"
        return name


_SEARCHED_NAMES = frozenset({"given_name", "family_name", "name_latin"})


# Kazakh letters a Russian keyboard has not, as desk staff type them there ("Нұрлан" is
# searched as "нурлан"), and ё, which Russian writes as е as often as not.
_SEARCH_FOLDS = str.maketrans("әғқңөұүһіё", "агкноуухие")


def search_fold(text: str) -> str:
    """``text`` as the name search compares it: case-folded, Kazakh letters as Russian ones.
    Applied to the stored names and to the words searched alike."""
    return text.casefold().translate(_SEARCH_FOLDS)


def participant_search_text(participant: Participant) -> str:
    """What the desk and the roster search a participant's name in (see ``search_text``):
    the names, and the name as shown, so that a Chinese name is found written whole
    (马婷婷, family name first and no space)."""
    names = (
        participant.given_name,
        participant.family_name,
        participant.name_latin,
        participant.display_name,
    )
    return search_fold(" ".join(name for name in names if name))


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= char <= "\u9fff" for char in text)
