"""Meeting requests, meetings and versioned schedules.

Schedules are versioned like pretalx: one work-in-progress draft per event and frozen
published releases. A meeting's place in time lives on ``ScheduledMeeting`` rows of a
schedule, and each delegate's presence in a slot on ``ScheduledAttendance`` rows, so the
database itself refuses a delegate in two meetings in one slot, or two meetings at one
table or booth in one slot, whatever races between concurrent requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import localize
from keruen.common.models import TimeStampedModel
from keruen.common.tenancy import EventScopedManager

if TYPE_CHECKING:
    from keruen.events.models import Hall
    from keruen.people.models import Participant


class MeetingRequest(TimeStampedModel):
    # With a context of their own: a request's status agrees with "request" where a
    # language marks gender (ru «принят», a meeting's «принята»). "Withdrawn", as its sender
    # does it ("Your request is withdrawn"); a delegate's withdrawal from the event cancels
    # their requests the same way.
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("meeting request status", "pending")
        ACCEPTED = "accepted", pgettext_lazy("meeting request status", "accepted")
        DECLINED = "declined", pgettext_lazy("meeting request status", "declined")
        CANCELLED = "cancelled", pgettext_lazy("meeting request status", "withdrawn")
        EXPIRED = "expired", pgettext_lazy("meeting request status", "expired")

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="meeting_requests",
    )
    requester = models.ForeignKey(
        "people.Participant",
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="requests_sent",
    )
    target = models.ForeignKey(
        "people.Participant",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="requests_received",
    )
    opportunity = models.ForeignKey(
        "marketplace.Opportunity",
        verbose_name=_("offer or request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_requests",
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["event", "-created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("target")), name="request_not_to_self"),
            models.UniqueConstraint(
                fields=["requester", "target"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.target} ({self.status})"


class Meeting(TimeStampedModel):
    """Two delegates agreed to meet. Where and when is decided by a schedule."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("accepted")
        CANCELLED = "cancelled", _("cancelled")
        HELD = "held", _("held")
        NO_SHOW = "no_show", _("no-show")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="meetings"
    )
    request = models.OneToOneField(
        MeetingRequest,
        verbose_name=_("meeting request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting",
    )
    participant_a = models.ForeignKey(
        "people.Participant",
        verbose_name=_("delegate A"),
        on_delete=models.CASCADE,
        related_name="meetings_as_a",
    )
    participant_b = models.ForeignKey(
        "people.Participant",
        verbose_name=_("delegate B"),
        on_delete=models.CASCADE,
        related_name="meetings_as_b",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED
    )
    optional = models.BooleanField(
        _("optional"),
        default=False,
        help_text=_("May be left out when the event is oversubscribed."),
    )
    weight = models.PositiveIntegerField(_("weight"), default=1)
    session = models.CharField(
        pgettext_lazy("half of a day", "session"),
        max_length=2,
        blank=True,
        choices=[("AM", _("AM only")), ("PM", _("PM only"))],
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # The organisers' check-in at the tables is the event's record of what happened: a
    # delegate's own record must not overwrite it (``meeting_outcome_record``).
    outcome_by_organiser = models.BooleanField(
        _("outcome recorded by the organisers"), default=False
    )

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("meeting")
        # With a context: the bare "meetings" is translated as a count ("12 встреч").
        verbose_name_plural = pgettext_lazy("model name", "meetings")
        ordering = ["event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(participant_a=F("participant_b")), name="meeting_two_people"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_a} & {self.participant_b}"

    def partner_of(self, participant_id: int) -> Participant:
        """The other delegate of the meeting, seen from ``participant_id`` (one of the two)."""
        return self.participant_b if self.participant_a_id == participant_id else self.participant_a


class Schedule(TimeStampedModel):
    """A version of the event's meeting schedule: the draft, or a frozen release."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="schedules"
    )
    version = models.CharField(_("version"), max_length=40, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        "people.User",
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    solver_status = models.CharField(_("solver status"), max_length=12, blank=True)
    breaks = models.PositiveIntegerField(_("idle gaps"), null=True, blank=True)
    breaks_bound = models.PositiveIntegerField(_("proved lower bound"), null=True, blank=True)
    stats = models.JSONField(_("statistics"), default=dict, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["event", "-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event"],
                condition=Q(published_at__isnull=True),
                name="one_draft_per_event",
            ),
            models.UniqueConstraint(
                fields=["event", "version"],
                condition=Q(published_at__isnull=False),
                name="release_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.version or "draft"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class ScheduledMeeting(models.Model):
    """A meeting's slot and place in one schedule version."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="entries"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="placements"
    )
    slot = models.ForeignKey(
        "events.Slot", verbose_name=_("slot"), on_delete=models.RESTRICT, related_name="+"
    )
    table = models.ForeignKey(
        "events.MeetingTable",
        verbose_name=_("table"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )
    booth = models.ForeignKey(
        "events.Booth",
        verbose_name=_("booth"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("scheduled meeting")
        verbose_name_plural = _("scheduled meetings")
        ordering = ["schedule", "slot", "table", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "meeting"], name="meeting_once_per_schedule"
            ),
            models.UniqueConstraint(
                fields=["schedule", "slot", "table"],
                condition=Q(table__isnull=False),
                name="one_meeting_per_table_and_slot",
            ),
            models.UniqueConstraint(
                fields=["schedule", "slot", "booth"],
                condition=Q(booth__isnull=False),
                name="one_meeting_per_booth_and_slot",
            ),
            models.CheckConstraint(
                condition=Q(table__isnull=False, booth__isnull=True)
                | Q(table__isnull=True, booth__isnull=False),
                name="meeting_at_table_or_booth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} @ {self.slot}"

    @property
    def place(self) -> str:
        """Where the two meet, in the active language: "Table T9, B2B Meeting Hall" or "Booth
        A-101, Hall A". At an expo of several halls the table number alone sends delegates
        searching, so the hall is named whenever it is known (booths always have one).

        What this reads of the table, booth and hall is what their ``shown()`` compares on
        save (``keruen.events.models.ShownPlace``): a calendar feed bumps the entry's
        SEQUENCE when it changes. Reading more here means showing more there."""
        hall: Hall | None
        if self.booth_id:
            assert self.booth is not None  # booth_id is set
            spot = gettext("Booth %(code)s") % {"code": self.booth.code}
            hall = self.booth.hall
        else:
            spot = gettext("Table %(table)s") % {"table": self.table}
            hall = self.table.hall if self.table is not None else None
        if hall is None:
            return spot
        return gettext("%(place)s, %(hall)s") % {"place": spot, "hall": localize(hall.name)}


class ScheduledAttendance(models.Model):
    """A delegate is busy in a slot of a schedule. Unique: nobody is in two places at once."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="attendances"
    )
    slot = models.ForeignKey(
        "events.Slot", verbose_name=_("slot"), on_delete=models.RESTRICT, related_name="+"
    )
    participant = models.ForeignKey(
        "people.Participant",
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    entry = models.ForeignKey(
        ScheduledMeeting,
        verbose_name=_("scheduled meeting"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )

    class Meta:
        verbose_name = _("scheduled attendance")
        verbose_name_plural = _("scheduled attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "slot", "participant"], name="one_meeting_per_person_and_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} busy in {self.slot}"


class Job(TimeStampedModel):
    """A background job of an event (scheduling, re-scheduling, matchmaking) and its progress.

    The task updates this row as the solver improves; the console page polls it.
    """

    class Kind(models.TextChoices):
        SCHEDULE = "schedule", _("scheduling")
        RESCHEDULE = "reschedule", _("re-scheduling")
        MATCHMAKING = "matchmaking", _("matchmaking")
        RELEASE_MAIL = "release_mail", _("e-mails of a schedule release")
        IMPORT = "import", _("import of a file")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    created_by = models.ForeignKey(
        "people.User",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task_id = models.CharField(_("task ID"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    elapsed_s = models.FloatField(_("elapsed (s)"), default=0)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("bound"), null=True, blank=True)
    message = models.CharField(_("status message"), max_length=500, blank=True)

    objects = EventScopedManager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["event", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} job #{self.pk} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class ReleaseMail(models.Model):
    """One delegate to tell about a schedule release; ``sent_at`` once the mail server took
    the message, ``refused`` (the server's reason) if it refused the address.

    The rows are made when the release is published, so sending (in the background, in
    batches) can stop at any point and go on later with those not told yet, and nobody is
    told twice.
    """

    release = models.ForeignKey(
        Schedule,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="mails",
    )
    participant = models.ForeignKey(
        "people.Participant",
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="release_mails",
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    refused = models.CharField(_("refused by the mail server"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("release e-mail")
        verbose_name_plural = _("release e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "participant"], name="one_release_mail_per_delegate"
            )
        ]

    def __str__(self) -> str:
        return f"{self.release} → {self.participant}"
