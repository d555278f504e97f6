"""Writes about background jobs (solve, re-schedule, matchmaking): created before they are
queued, then started, advanced and finished by the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext

from keruen.common.errors import Conflict
from keruen.events.models import Event
from keruen.meetings.models import Job
from keruen.people.models import User

# A job whose row has not moved for this long is taken as lost (its worker died): running
# jobs write their progress every second, and a queue that holds a job this long is stuck.
JOB_STALE_AFTER = dt.timedelta(minutes=10)
# An import writes no progress while it checks and writes its rows (its one transaction
# would hold the write on SQLite), and may wait behind a long solve on a single worker: a
# file of the most rows allowed takes a few minutes, so it is given up much later.
STALE_AFTER_BY_KIND = {Job.Kind.IMPORT: dt.timedelta(minutes=30)}


# Kinds that write the same thing (the draft schedule): one of them at a time per event.
EXCLUSIVE_KINDS = ((Job.Kind.SCHEDULE, Job.Kind.RESCHEDULE),)
ACTIVE = (Job.Status.QUEUED, Job.Status.RUNNING)


def job_create(
    *,
    event: Event,
    kind: str,
    by: User | None,
    params: dict | None = None,
    exclusive: bool = True,
) -> Job:
    """Record a background job before it is queued; refuses a second active job of a kind
    (a solve and a re-schedule count as one kind: both rewrite the draft), unless not
    ``exclusive`` (the e-mails of two releases may go out side by side).

    An active job that has shown no sign of life for ``stale_after(kind)`` is marked failed
    first, so a crashed worker cannot block the organiser for ever. The event's row is locked
    meanwhile, so two clicks at once make one job.
    """
    now = timezone.now()
    kinds = next((group for group in EXCLUSIVE_KINDS if kind in group), (kind,))
    with transaction.atomic():
        list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk"))
        active = Job.objects.filter(event=event, kind__in=kinds, status__in=ACTIVE)
        _give_up_stale(active, now, kinds)
        if exclusive and active.exists():
            raise Conflict(
                gettext("A job of this kind is already running for this event."), field="kind"
            )
        # The job runs in a worker with no request: it reports in the language of who
        # started it.
        params = {**(params or {}), "language": get_language() or settings.LANGUAGE_CODE}
        return Job.objects.create(event=event, kind=kind, created_by=by, params=params)


def job_give_up_if_stale(*, job: Job) -> bool:
    """Mark ``job`` failed if it is active but has shown no sign of life for
    ``stale_after(job.kind)`` (its worker died); True if it was, and ``job`` is then refreshed.

    Reads first and writes only a stale job: pages that poll a job call this, and on SQLite
    even an UPDATE that matches nothing waits for the running job's write transaction.
    """
    now = timezone.now()
    if not job.is_active or job.updated_at >= now - stale_after(job.kind):
        return False
    given_up = _give_up_stale(Job.objects.filter(pk=job.pk, status__in=ACTIVE), now, [job.kind])
    if given_up:
        job.refresh_from_db()
    return bool(given_up)


def stale_after(kind: str) -> dt.timedelta:
    """How long an active job of ``kind`` may show no sign of life before it is given up."""
    return STALE_AFTER_BY_KIND.get(Job.Kind(kind), JOB_STALE_AFTER)


def _give_up_stale(active: QuerySet[Job], now: dt.datetime, kinds: Iterable[str]) -> int:
    limit = max(stale_after(kind) for kind in kinds)
    message = gettext("Interrupted: no sign of life for %(minutes)s minutes.") % {
        "minutes": int(limit.total_seconds() // 60)
    }
    return active.filter(updated_at__lt=now - limit).update(
        status=Job.Status.FAILED, message=message, finished_at=now, updated_at=now
    )


def job_start(*, job: Job) -> bool:
    """Mark a queued job running; False if it is no longer queued (given up as stalled while
    it waited, or started by another worker): its task must then do nothing."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING, started_at=now, updated_at=now
        )
    )


def job_progress(
    *,
    job_id: int,
    elapsed: float,
    objective: float | None = None,
    bound: float | None = None,
    message: str | None = None,
) -> None:
    """Store the elapsed time and, once known, the best objective and proved bound so far.

    One UPDATE and no read: it runs up to twice a second while a solver works.
    """
    fields: dict[str, object] = {"elapsed_s": elapsed, "updated_at": timezone.now()}
    if objective is not None:
        fields.update(objective=objective, bound=bound)
    if message is not None:
        fields["message"] = message[:500]
    Job.objects.filter(pk=job_id).update(**fields)


def job_finish(*, job: Job, ok: bool, message: str = "", elapsed: float | None = None) -> None:
    now = timezone.now()
    fields: dict[str, object] = {
        "status": Job.Status.DONE if ok else Job.Status.FAILED,
        "message": message[:500],
        "finished_at": now,
        "updated_at": now,
    }
    if elapsed is not None:
        fields["elapsed_s"] = elapsed
    Job.objects.filter(pk=job.pk).update(**fields)
