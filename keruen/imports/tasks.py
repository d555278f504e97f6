"""The background task of an upload: it receives the job's id only (see ``runs``)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django_tasks import task

from keruen.meetings.models import Job


@task()
def import_task(job_id: int) -> None:
    """Check and write the uploaded file of the job, in the language of who uploaded it."""
    from keruen.imports.runs import import_run

    job = Job.objects.select_related("event", "created_by").get(pk=job_id)
    language = str(job.params.get("language") or settings.LANGUAGE_CODE)
    with translation.override(language):
        import_run(job=job)
