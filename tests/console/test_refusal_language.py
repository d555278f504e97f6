"""An organiser reads the services' refusals in the console's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.meetings.models import Job, Schedule

RELEASE_TAKEN = {
    "en": "A release named “final” exists already.",
    "ru": "Выпуск с названием «final» уже существует.",
}
NO_GRID = {
    "en": "Define the slot grid before scheduling.",
    "ru": "Перед планированием задайте сетку слотов.",
}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_release_name_taken(organiser_client, tiny_event, language) -> None:
    event, *_ = tiny_event
    organiser_client.cookies["django_language"] = language
    url = reverse("console-schedule-publish", args=[event.slug])
    assert organiser_client.post(url, {"version": "final"}).status_code == 302
    response = organiser_client.post(url, {"version": "final"})
    assert response.status_code == 422
    assert RELEASE_TAKEN[language] in response.content.decode()
    assert Schedule.objects.filter(event=event, published_at__isnull=False).count() == 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_job_without_a_slot_grid(organiser_client, event, language) -> None:
    """The job runs while the organiser's request is served (tests run tasks inline)."""
    organiser_client.cookies["django_language"] = language
    url = reverse("console-schedule-run", args=[event.slug])
    organiser_client.post(url, {"time_limit": 10, "schedule": ""})
    job = Job.objects.get(event=event)
    assert job.status == Job.Status.FAILED
    assert job.message == NO_GRID[language]
