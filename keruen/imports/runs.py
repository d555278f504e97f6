"""Imports from the admin upload page, run in the background.

Checking and writing a file of thousands of participants takes longer than an app server
lets a request live (6,000 rows: about 37 s on a 2-core machine, against gunicorn's 30 s),
so the upload page only stores the file and queues an ``import`` job; the worker runs
``import_file`` exactly as the ``keruen import`` command does, all rows or none, and keeps
the report or every problem on the ``ImportRun`` for the page to show. One import at a time
per event: later files refer to earlier ones, and two at once would race for the same codes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from keruen.common.audit import audit_context
from keruen.common.errors import KeruenError, Problem
from keruen.events.models import Event
from keruen.imports.models import ImportRun
from keruen.imports.services import ImportRefused, ImportReport, import_file
from keruen.meetings.jobs import ACTIVE, job_create, job_finish, job_start
from keruen.meetings.models import Job
from keruen.people.models import User

# The audit log's source for the writes of an upload: the admin, as when it ran in the request.
AUDIT_SOURCE = "admin"


@dataclass(frozen=True)
class ImportOutcome:
    """What the run page shows: the report of an import, or the problems of a refused file."""

    run: ImportRun
    report: ImportReport | None
    problems: list[Problem]

    @property
    def job(self) -> Job:
        return self.run.job


def import_queue(
    *,
    event: Event,
    kind: str,
    data: bytes,
    filename: str,
    dry_run: bool,
    update: bool,
    by: User | None,
    ip_address: str | None = None,
) -> ImportRun:
    """Store the file and queue its import; refuses (``Conflict``) while another import into
    the event is queued or running. With the immediate task backend (tests) the import has
    run when this returns."""
    from keruen.imports.tasks import import_task

    with transaction.atomic():
        job = job_create(
            event=event, kind=Job.Kind.IMPORT, by=by, params={"ip_address": ip_address}
        )
        _forget_finished_files()
        run = ImportRun.objects.create(
            job=job, kind=kind, filename=filename[:255], dry_run=dry_run, update=update, data=data
        )
        # Queued in the same transaction: a job is never left waiting for a task that was
        # not queued (it would hold the event's imports until given up).
        result = import_task.enqueue(job_id=job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def _forget_finished_files() -> None:
    """Files of imports that are over but still kept: their worker died, or the job was
    given up while it waited. The files hold personal data; nothing will read them again."""
    over = ImportRun.objects.exclude(job__status__in=ACTIVE).exclude(data=b"")
    over.update(data=b"")


def import_run(*, job: Job) -> None:
    """Run the queued import of ``job`` (in the worker, in the uploader's language)."""
    if not job_start(job=job):
        return
    run = ImportRun.objects.get(job=job)
    started = time.monotonic()
    actor = job.created_by
    try:
        # The rows, the report and the job's end commit together: a worker that dies
        # between them leaves nothing written, never rows written under a failed job.
        with (
            audit_context(actor, source=AUDIT_SOURCE, ip_address=job.params.get("ip_address")),
            transaction.atomic(),
        ):
            report = import_file(
                event=job.event,
                kind=run.kind,
                data=bytes(run.data),
                filename=run.filename,
                dry_run=run.dry_run,
                update=run.update,
            )
            _keep_report(run, report)
            job_finish(job=job, ok=True, message=report.summary(), elapsed=_since(started))
    except ImportRefused as refused:
        _keep_problems(run, refused)
        job_finish(job=job, ok=False, message=refused.message, elapsed=_since(started))
    except KeruenError as error:  # the kind or options refused before reading the file
        _keep_problems(run, ImportRefused([Problem(error.message, field=error.field)]))
        job_finish(job=job, ok=False, message=error.message, elapsed=_since(started))
    except Exception as error:
        _forget_file(run)
        unexpected = gettext("Unexpected error: %(error)s") % {"error": error}
        job_finish(job=job, ok=False, message=unexpected, elapsed=_since(started))
        raise


def import_outcome(run: ImportRun) -> ImportOutcome:
    """The report or the problems of a finished run (neither while it is queued or running)."""
    job = run.job
    if job.status == Job.Status.DONE:
        return ImportOutcome(run=run, report=_report(run), problems=[])
    problems = [Problem(p["message"], field=p.get("field"), row=p.get("row")) for p in run.problems]
    return ImportOutcome(run=run, report=None, problems=problems)


def _report(run: ImportRun) -> ImportReport:
    # The summary is built when shown, so it reads in the viewer's language.
    from keruen.imports.kinds import IMPORTERS

    return ImportReport(
        kind=run.kind,
        noun=IMPORTERS[run.kind].noun,
        event_slug=run.job.event.slug,
        filename=run.filename,
        source=run.source,
        rows=run.rows,
        dry_run=run.dry_run,
        outcomes=dict(run.outcomes),
        ignored_columns=tuple(run.ignored_columns),
    )


def _keep_report(run: ImportRun, report: ImportReport) -> None:
    run.rows = report.rows
    run.outcomes = report.outcomes
    run.ignored_columns = list(report.ignored_columns)
    run.source = report.source[:255]
    _forget_file(run, also=["rows", "outcomes", "ignored_columns", "source"])


def _keep_problems(run: ImportRun, refused: ImportRefused) -> None:
    run.rows = refused.rows
    run.problems = [
        {"row": problem.row, "field": problem.field, "message": str(problem.message)}
        for problem in refused.problems
    ]
    _forget_file(run, also=["rows", "problems"])


def _forget_file(run: ImportRun, also: list[str] | None = None) -> None:
    run.data = b""
    run.save(update_fields=["data", *(also or [])])


def _since(started: float) -> float:
    return time.monotonic() - started
