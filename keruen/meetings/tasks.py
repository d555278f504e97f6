"""Background jobs of the organiser console (django-tasks): they receive only ids.

Each job has a ``Job`` row that the task updates as it goes (status, the solver's best
objective and proved bound, elapsed seconds), which the console page polls. The task runs
on whatever backend ``TASKS`` names: the database queue in production (``db_worker``), a
worker thread inside ``keruen serve`` in the demo, the immediate backend in tests.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from keruen.common.errors import KeruenError
from keruen.meetings.jobs import job_finish, job_progress, job_start
from keruen.meetings.models import Job

logger = logging.getLogger(__name__)

# Progress is written at most this often: the solver may call back hundreds of times a second.
PROGRESS_EVERY_S = 0.5

# Names under which the matchmaking app may expose "(re)compute suggestions for an event".
MATCHMAKING_FUNCTIONS = (
    ("keruen.matchmaking.services", "event_embeddings_refresh"),
    ("keruen.matchmaking.services", "suggestions_compute"),
    ("keruen.matchmaking.services", "suggestions_refresh"),
    ("keruen.matchmaking.services", "event_suggestions_compute"),
)


class _ProgressFlusher:
    """Carries the solver's progress to the job row from a thread of its own.

    CP-SAT calls back on its own worker threads, possibly hundreds of times a second; the
    callback only records the latest figures in memory, and this thread writes them at most
    every ``PROGRESS_EVERY_S`` seconds, over its own database connection, which it closes.
    """

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.latest: tuple[float, float, float] | None = None
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"job-{job_id}-progress")

    def __call__(self, objective: float, bound: float, elapsed: float) -> None:
        with self.lock:
            self.latest = (objective, bound, elapsed)

    def __enter__(self) -> _ProgressFlusher:
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _flush(self) -> None:
        """Write the elapsed time, and the solver's latest figures if it reported any."""
        with self.lock:
            latest = self.latest
        objective, bound = (latest[0], latest[1]) if latest else (None, None)
        try:
            job_progress(
                job_id=self.job_id,
                elapsed=time.monotonic() - self.started,
                objective=objective,
                bound=bound,
            )
        except DatabaseError:  # the database is busy: the next tick will get through
            logger.info("Progress of job %s not written this time.", self.job_id)

    def _run(self) -> None:
        try:
            while not self.stopped.wait(PROGRESS_EVERY_S):
                self._flush()
        finally:
            connections.close_all()  # only this thread's connections


def _job_language(job: Job) -> str:
    """The language of the organiser who started the job (recorded by ``job_create``)."""
    return str(job.params.get("language") or settings.LANGUAGE_CODE)


def _run_solver_job(job_id: int, *, reschedule: bool) -> None:
    job = Job.objects.select_related("event").get(pk=job_id)
    with translation.override(_job_language(job)):
        _solve_in_job(job, reschedule=reschedule)


def _solve_in_job(job: Job, *, reschedule: bool) -> None:
    from keruen.meetings.scheduler import (
        schedule_draft_reschedule,
        schedule_draft_solve,
        solver_status_describe,
    )

    job_id = job.pk
    if not job_start(job=job):
        return
    time_limit = float(job.params.get("time_limit", 30))
    solver = schedule_draft_reschedule if reschedule else schedule_draft_solve
    started = time.monotonic()
    try:
        with _ProgressFlusher(job_id) as progress:
            draft = solver(event=job.event, time_limit=time_limit, progress=progress)
    except KeruenError as error:  # a domain refusal: the organiser reads why
        job_finish(job=job, ok=False, message=error.message, elapsed=time.monotonic() - started)
        return
    except Exception as error:
        job_finish(job=job, ok=False, message=_("Unexpected error: %(error)s") % {"error": error})
        raise
    # The final figures come from the stored draft, which the checker has verified.
    Job.objects.filter(pk=job_id).update(objective=draft.breaks, bound=draft.breaks_bound)
    job_finish(
        job=job,
        ok=True,
        message=solver_status_describe(draft.solver_status),
        elapsed=time.monotonic() - started,
    )


@task()
def schedule_solve_task(job_id: int) -> None:
    """Solve the event's meetings into the draft schedule."""
    _run_solver_job(job_id, reschedule=False)


@task()
def schedule_reschedule_task(job_id: int) -> None:
    """Re-solve the draft keeping as many meetings of the current release in place."""
    _run_solver_job(job_id, reschedule=True)


def matchmaking_function() -> Callable[..., Any] | None:
    """The matchmaking app's "(re)compute suggestions for an event" function, if it exists."""
    for module_name, name in MATCHMAKING_FUNCTIONS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


@task()
def matchmaking_task(job_id: int) -> None:
    """(Re)compute the event's suggestions with the matchmaking app's function."""
    job = Job.objects.select_related("event").get(pk=job_id)
    with translation.override(_job_language(job)):
        _match_in_job(job)


def _match_in_job(job: Job) -> None:
    job_id = job.pk
    if not job_start(job=job):
        return
    function = matchmaking_function()
    started = time.monotonic()
    if function is None:
        job_finish(job=job, ok=False, message=_("Matchmaking is not available yet."))
        return

    def progress(done: int, todo: int) -> None:  # called between batches, on this thread
        message = _("Encoded %(done)d of %(todo)d offers and requests.") % {
            "done": done,
            "todo": todo,
        }
        job_progress(job_id=job_id, elapsed=time.monotonic() - started, message=str(message))

    try:
        outcome = function(event=job.event, progress=progress)
    except KeruenError as error:
        job_finish(job=job, ok=False, message=error.message)
        return
    except Exception as error:
        job_finish(job=job, ok=False, message=_("Unexpected error: %(error)s") % {"error": error})
        raise
    job_finish(job=job, ok=True, message=_summary(outcome), elapsed=time.monotonic() - started)


def _summary(outcome: Any) -> str:
    """A one-line account of what the matchmaking function did (it may return anything)."""
    if hasattr(outcome, "encoded") and hasattr(outcome, "total"):
        return str(
            _("%(encoded)d of %(total)d offers and requests encoded anew.")
            % {"encoded": outcome.encoded, "total": outcome.total}
        )
    return ""


@task()
def release_mail_task(job_id: int) -> None:
    """Tell the delegates of a schedule release who were not told yet."""
    from keruen.meetings.release_mails import release_mails_send

    job = Job.objects.select_related("event").get(pk=job_id)
    with translation.override(_job_language(job)):
        release_mails_send(job=job)


TASKS_BY_KIND = {
    Job.Kind.SCHEDULE: schedule_solve_task,
    Job.Kind.RESCHEDULE: schedule_reschedule_task,
    Job.Kind.MATCHMAKING: matchmaking_task,
    Job.Kind.RELEASE_MAIL: release_mail_task,
}


def job_enqueue(*, job: Job) -> Job:
    """Queue the task of ``job`` (with the immediate backend it has run when this returns)."""
    result = TASKS_BY_KIND[Job.Kind(job.kind)].enqueue(job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job
