"""An expo edition, its venue, meeting places, slot grid and programme."""

from keruen.events.models.event import (
    Event,
    RequestRule,
    Venue,
    default_ui_languages,
    validate_time_zone,
    validate_ui_languages,
)
from keruen.events.models.grid import GridBreak, Slot, SlotChange, SlotGrid
from keruen.events.models.places import Booth, Hall, MeetingTable, PlaceChange, ShownPlace
from keruen.events.models.programme import (
    ROOM_MAX_LENGTH,
    ProgrammeSession,
    ProgrammeSessionChange,
    session_shown,
    shown_texts,
)
from keruen.events.models.recording import RecordsShownChanges, ShownChange

# The migrations name the validators and the default by this module's path.
__all__ = [
    "ROOM_MAX_LENGTH",
    "Booth",
    "Event",
    "GridBreak",
    "Hall",
    "MeetingTable",
    "PlaceChange",
    "ProgrammeSession",
    "ProgrammeSessionChange",
    "RecordsShownChanges",
    "RequestRule",
    "ShownChange",
    "ShownPlace",
    "Slot",
    "SlotChange",
    "SlotGrid",
    "Venue",
    "default_ui_languages",
    "session_shown",
    "shown_texts",
    "validate_time_zone",
    "validate_ui_languages",
]
