"""The forum's programme: sessions delegates add to their agenda, and the history of what
their calendar entries show."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from keruen.common.i18n import UI_LANGUAGES, MaxTextLength, localize, validate_has_text
from keruen.common.models import TimeStampedModel, TranslatedTextField
from keruen.common.tenancy import EventScopedManager
from keruen.events.models.event import Event
from keruen.events.models.places import Hall
from keruen.events.models.recording import RecordsShownChanges, ShownChange

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
