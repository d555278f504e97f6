"""The background job's progress reaches the database while the solver runs."""

from __future__ import annotations

import time

import pytest

from keruen.meetings.models import Job
from keruen.meetings.tasks import _ProgressFlusher
from tests.factories import EventFactory


@pytest.mark.django_db(transaction=True)
def test_progress_is_written_from_its_own_thread() -> None:
    job = Job.objects.create(event=EventFactory(), kind=Job.Kind.SCHEDULE)
    with _ProgressFlusher(job.pk) as progress:
        progress(12.0, 4.0, 0.5)  # as CP-SAT calls back, from any thread
        progress(9.0, 6.0, 0.8)
        time.sleep(0.8)
    job.refresh_from_db()
    assert (job.objective, job.bound) == (9.0, 6.0)
    assert 0.4 < job.elapsed_s < 5  # the time the job has run, written on every tick


@pytest.mark.django_db(transaction=True)
def test_elapsed_time_is_written_before_the_solver_reports() -> None:
    job = Job.objects.create(event=EventFactory(), kind=Job.Kind.SCHEDULE)
    with _ProgressFlusher(job.pk):
        time.sleep(0.7)
    job.refresh_from_db()
    assert job.objective is None
    assert job.elapsed_s > 0.4


def test_the_in_process_worker_starts_only_for_the_database_queue(settings) -> None:
    from keruen.meetings.worker import uses_database_queue, worker_thread_start

    assert not uses_database_queue()  # the tests run tasks immediately
    assert worker_thread_start() is None
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert uses_database_queue()
