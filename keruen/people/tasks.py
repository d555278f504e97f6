"""Background tasks of the people app (django-tasks): they receive only ids."""

from __future__ import annotations

from django_tasks import task

from keruen.people.announcements import announcement_send


@task()
def announcement_send_task(announcement_id: int) -> None:
    """Send an announcement to those of its recipients not reached yet."""
    announcement_send(announcement_id=announcement_id)
