"""The bridge between the database and the scheduler core (``keruen.scheduling``).

``schedule_instance_build`` turns an event's meetings, delegates' availability, booths and
tables into a keruen-b2b/1 instance (``build``); ``schedule_draft_solve`` solves it, checks the
result with the independent checker and writes it into the draft schedule (``solve``); the
organiser reviews the draft (``review``) and moves meetings by hand (``moves``).
"""

from keruen.meetings.scheduler.build import EventInstance, schedule_instance_build
from keruen.meetings.scheduler.moves import (
    schedule_draft_publish_problems,
    schedule_entry_move_checked,
)
from keruen.meetings.scheduler.review import (
    MANUAL_MOVES,
    SOLVED_AT,
    DraftReview,
    ManualChanges,
    OptionalWeight,
    schedule_draft_review,
)
from keruen.meetings.scheduler.solve import schedule_draft_reschedule, schedule_draft_solve
from keruen.meetings.scheduler.words import (
    delegate_describe,
    meeting_describe,
    place_describe,
    slot_describe,
    solver_status_describe,
)

__all__ = [
    "MANUAL_MOVES",
    "SOLVED_AT",
    "DraftReview",
    "EventInstance",
    "ManualChanges",
    "OptionalWeight",
    "delegate_describe",
    "meeting_describe",
    "place_describe",
    "schedule_draft_publish_problems",
    "schedule_draft_reschedule",
    "schedule_draft_review",
    "schedule_draft_solve",
    "schedule_entry_move_checked",
    "schedule_instance_build",
    "slot_describe",
    "solver_status_describe",
]
