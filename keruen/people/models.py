"""Accounts, organisations, delegations and participants."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from keruen.common.i18n import MaxTextLength, localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.people.badge_codes import new_badge_code
from keruen.people.validators import (
    validate_country,
    validate_country_list,
    validate_hs_list,
    validate_isic_list,
    validate_language_list,
)

ANNOUNCEMENT_SUBJECT_MAX = 200
ANNOUNCEMENT_BODY_MAX = 10_000


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account; logs in with its e-mail address."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(_("interface language"), max_length=10, default="en")
    is_staff = models.BooleanField(_("staff status"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    def __str__(self) -> str:
        return self.email

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One address, one account: "Aigerim@Example.com" typed in the admin is the same
        # person as "aigerim@example.com" in an import or at log-in.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


# An organisation's name and description, in each language: one limit for every way in
# (the portal's form, the import), so what one accepts the other can edit.
ORGANISATION_NAME_MAX = 300
ORGANISATION_DESCRIPTION_MAX = 5000


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        COMPANY = "company", _("company")
        GOVERNMENT = "government", _("government body")
        AGENCY = "agency", _("agency")
        ASSOCIATION = "association", _("association")
        UNIVERSITY = "university", _("university")
        MEDIA = "media", _("media")

    class Size(models.TextChoices):
        MICRO = "micro", _("micro (< 10)")
        SMALL = "small", _("small (10-49)")
        MEDIUM = "medium", _("medium (50-249)")
        LARGE = "large", _("large (250+)")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Short identifier, unique in the event (used by imports)."),
    )
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    description = TranslatedTextField(_("description"))
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("Original language")
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.COMPANY)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    city = models.CharField(_("city"), max_length=100, blank=True)
    sectors = models.JSONField(
        _("sectors (ISIC)"), default=list, blank=True, validators=[validate_isic_list]
    )
    hs_codes = models.JSONField(
        _("products (HS codes)"), default=list, blank=True, validators=[validate_hs_list]
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    delegation = models.ForeignKey(
        "Delegation",
        verbose_name=_("delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    is_exhibitor = models.BooleanField(_("exhibitor"), default=False)
    # Lower-cased names, code and city in every language, for plain substring search.
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("organisation")
        # With a context: the bare "organisations" is translated as a count ("12 организаций").
        verbose_name_plural = pgettext_lazy("model name", "organisations")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="organisation_code_unique")
        ]
        # Change stamps (keruen.common.listing) read (count, latest update) per event.
        indexes = [models.Index(fields=["event", "updated_at"], name="organisation_stamp")]

    def __str__(self) -> str:
        return localize(self.name) or self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = organisation_search_text(self)
        super().save(*args, **kwargs)


def organisation_search_text(organisation: Organisation) -> str:
    # The English name first: the catalogue sorts on this text.
    names = [organisation.name.get("en", ""), *organisation.name.values()]
    parts = [*names, organisation.code, organisation.city]
    return " ".join(part for part in parts if part).lower()


class Delegation(TimeStampedModel):
    """A country's or region's group: a government delegation or a business mission."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("government")
        BUSINESS = "business", _("business")
        REGIONAL = "regional", _("regional")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    code = models.SlugField(_("code"), max_length=80)
    name = TranslatedTextField(_("name"), validators=[validate_has_text])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    region = models.CharField(_("region"), max_length=100, blank=True)
    head = models.ForeignKey(
        "Participant",
        verbose_name=_("head of delegation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["event", "code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="delegation_code_unique")
        ]

    def __str__(self) -> str:
        return localize(self.name) or self.code


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
    languages = models.JSONField(
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
    target_countries = models.JSONField(
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
