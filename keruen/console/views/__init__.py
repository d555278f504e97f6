"""The organiser console: dashboard, approvals, event set-up, scheduling and releases."""

from keruen.console.views.approvals import approvals, opportunity_review, participants_bulk
from keruen.console.views.dashboard import console_home
from keruen.console.views.schedule import (
    job_status,
    matchmaking_run,
    release_detail,
    schedule_home,
    schedule_move,
    schedule_publish_view,
    schedule_run,
    table_plans,
)
from keruen.console.views.setup import (
    booth_add,
    booth_exhibitor,
    grid_set,
    hall_add,
    networking_set,
    rule_add,
    session_add,
    setup_home,
    tables_add,
)

__all__ = [
    "approvals",
    "booth_add",
    "booth_exhibitor",
    "console_home",
    "grid_set",
    "hall_add",
    "job_status",
    "matchmaking_run",
    "networking_set",
    "opportunity_review",
    "participants_bulk",
    "release_detail",
    "rule_add",
    "schedule_home",
    "schedule_move",
    "schedule_publish_view",
    "schedule_run",
    "session_add",
    "setup_home",
    "table_plans",
    "tables_add",
]
