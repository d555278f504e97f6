"""Writes about meeting requests, meetings and schedules.

State changes use conditional updates (``UPDATE ... WHERE status = 'pending'``) so that two
concurrent answers to one request cannot both win, and schedule placements rely on the
database's unique constraints so that no delegate, table or booth is ever double-booked.

The writes live in ``keruen.meetings.meeting_requests`` (who may ask whom; sending, answering
and expiring requests) and ``keruen.meetings.schedules`` (cancelling a meeting, the draft
schedule, publishing a release). The rest of the project imports them from here, the app's
one place for its services.
"""

from keruen.meetings.meeting_requests import (
    REQUESTS_PER_PAIR,
    MeetingExists,
    PendingRequestExists,
    common_language,
    meeting_request_accept,
    meeting_request_cancel,
    meeting_request_create,
    meeting_request_decline,
    meeting_request_pair_check,
    meeting_request_repeat_check,
    meeting_request_status,
    meeting_requests_by_status,
    meeting_requests_check_open,
    meeting_requests_closed_reason,
    meeting_requests_counted,
    meeting_requests_deadline_move,
    meeting_requests_expire,
    meeting_requests_hold_deadline,
    requests_in_status,
    requests_lapsed,
    requests_waiting,
)
from keruen.meetings.schedules import (
    SCHEDULED_STATUSES,
    meeting_cancel,
    schedule_draft_get,
    schedule_entries_replace,
    schedule_entry_place,
    schedule_publish,
)

__all__ = [
    "REQUESTS_PER_PAIR",
    "SCHEDULED_STATUSES",
    "MeetingExists",
    "PendingRequestExists",
    "common_language",
    "meeting_cancel",
    "meeting_request_accept",
    "meeting_request_cancel",
    "meeting_request_create",
    "meeting_request_decline",
    "meeting_request_pair_check",
    "meeting_request_repeat_check",
    "meeting_request_status",
    "meeting_requests_by_status",
    "meeting_requests_check_open",
    "meeting_requests_closed_reason",
    "meeting_requests_counted",
    "meeting_requests_deadline_move",
    "meeting_requests_expire",
    "meeting_requests_hold_deadline",
    "requests_in_status",
    "requests_lapsed",
    "requests_waiting",
    "schedule_draft_get",
    "schedule_entries_replace",
    "schedule_entry_place",
    "schedule_publish",
]
