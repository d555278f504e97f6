"""Uploads are imported in the background: the page queues the file and follows the job."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from keruen.common.models import AuditLogEntry
from keruen.imports.models import ImportRun
from keruen.meetings.models import Job
from keruen.people.models import Organisation
from tests.console.conftest import IMMEDIATE_TASKS
from tests.factories import EventFactory, UserFactory
from tests.imports.conftest import ORGANISATION_HEADER, csv_bytes, organisation_row

URL = "/admin/import/"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def post(client, event, data: bytes, name: str = "orgs.csv", **extra):
    payload = {
        "event": event.pk,
        "kind": "organisations",
        "file": SimpleUploadedFile(name, data),
        **extra,
    }
    return client.post(URL, payload, REMOTE_ADDR="203.0.113.7")


def good_file(*codes: str) -> bytes:
    return csv_bytes([ORGANISATION_HEADER, *(organisation_row(code) for code in codes)])


def run_queued_task() -> None:
    """Do what ``keruen db_worker`` does with the one task on the database queue."""
    from django_tasks_db.models import DBTaskResult

    (queued,) = DBTaskResult.objects.all()
    queued.task.call(**queued.args_kwargs["kwargs"])


def test_the_upload_only_queues_the_file_and_the_worker_imports_it(
    admin_client, event, settings
) -> None:
    settings.TASKS = DATABASE_QUEUE
    response = post(admin_client, event, good_file("a", "b"))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/import/runs/{run.job_id}/"
    assert run.job.kind == Job.Kind.IMPORT
    assert run.job.status == Job.Status.QUEUED
    assert not Organisation.objects.exists()

    waiting = admin_client.get(response["Location"]).content.decode()
    assert 'id="import-waiting"' in waiting
    assert "Waiting for the background worker" in waiting
    assert '<meta http-equiv="refresh" content="2">' in waiting

    run_queued_task()
    done = admin_client.get(response["Location"]).content.decode()
    assert "Imported 2 organisations into" in done
    assert 'http-equiv="refresh"' not in done
    assert Organisation.objects.filter(event=event).count() == 2
    run.refresh_from_db()
    assert run.job.status == Job.Status.DONE
    assert bytes(run.data) == b""  # the file is not kept once imported


def test_the_writes_are_audited_as_the_uploader_from_the_request_address(
    admin_client, event, organiser, settings
) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    post(admin_client, event, good_file("a"))
    (entry,) = AuditLogEntry.objects.filter(object_type="people.Organisation")
    assert (entry.actor, entry.source, entry.ip_address) == (organiser, "admin", "203.0.113.7")
    (recorded,) = AuditLogEntry.objects.filter(action="action", object_type="events.Event")
    assert recorded.changes["kind"] == "organisations"


def test_one_import_at_a_time_per_event(admin_client, event, settings) -> None:
    settings.TASKS = DATABASE_QUEUE
    post(admin_client, event, good_file("a"))
    second = post(admin_client, event, good_file("b"))
    assert second.status_code == 409
    assert "Another import into this event is not finished yet." in second.content.decode()
    assert ImportRun.objects.count() == 1
    # Another event's import is not held up.
    other = EventFactory(slug="other-expo")
    assert post(admin_client, other, good_file("b")).status_code == 302


def test_a_refused_file_keeps_its_problems_and_not_the_file(admin_client, event, settings) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    bad = csv_bytes([ORGANISATION_HEADER, organisation_row("a", country="XZ")])
    response = post(admin_client, event, bad)
    run = ImportRun.objects.get()
    assert run.job.status == Job.Status.FAILED
    assert run.job.message == "1 problem; nothing was imported."
    assert run.problems == [
        {"row": 2, "field": "country", "message": "'XZ' is not an ISO 3166-1 country code"}
    ]
    assert bytes(run.data) == b""
    page = admin_client.get(response["Location"]).content.decode()
    assert 'id="import-refused"' in page
    assert '<td class="column-name">country</td>' in page
    assert not Organisation.objects.exists()


def test_the_report_reads_in_the_viewers_language(admin_client, event, settings) -> None:
    """Needs the Russian translations of the import messages in the .po/.mo files."""
    settings.TASKS = IMMEDIATE_TASKS
    response = post(admin_client, event, good_file("a", "b"))
    admin_client.cookies["django_language"] = "ru"
    page = admin_client.get(response["Location"]).content.decode()
    assert f"Импортированы 2 организации в мероприятие {event.slug} из файла orgs.csv" in page


def test_an_import_whose_worker_died_is_given_up(admin_client, event, settings) -> None:
    settings.TASKS = DATABASE_QUEUE
    response = post(admin_client, event, good_file("a"))
    job = ImportRun.objects.get().job
    long_ago = timezone.now() - dt.timedelta(minutes=31)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=long_ago)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Interrupted: no sign of life for 30 minutes." in page
    assert "Nothing of the file was written: upload it again." in page
    assert 'http-equiv="refresh"' not in page
    assert bytes(ImportRun.objects.get().data) == b""  # the file is not kept
    # The event is free for the next file.
    assert post(admin_client, event, good_file("a")).status_code == 302


def test_the_upload_page_lists_recent_imports(admin_client, event, settings) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    post(admin_client, event, good_file("a"), name="first.csv")
    post(admin_client, event, good_file("a"), name="again.csv")  # refused: "a" exists
    page = admin_client.get(URL).content.decode()
    assert 'id="import-recent"' in page
    assert page.index("again.csv") < page.index("first.csv")  # newest first
    for run in ImportRun.objects.all():
        assert f'href="/admin/import/runs/{run.job_id}/"' in page
    assert "refused: nothing was written" in page
    assert "imported" in page


def test_a_job_of_another_kind_has_no_import_page(admin_client, event) -> None:
    job = Job.objects.create(event=event, kind=Job.Kind.SCHEDULE)
    assert admin_client.get(f"{URL}runs/{job.pk}/").status_code == 404


def test_import_pages_are_for_staff_only(client, event, settings) -> None:
    settings.TASKS = IMMEDIATE_TASKS
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    location = post(client, event, good_file("a"))["Location"]
    client.force_login(UserFactory())
    assert client.get(location)["Location"].startswith("/admin/login/")


def test_an_import_is_not_given_up_while_it_may_still_be_writing(
    admin_client, event, settings
) -> None:
    """Imports write no progress while they work: ten quiet minutes are not a dead worker."""
    settings.TASKS = DATABASE_QUEUE
    response = post(admin_client, event, good_file("a"))
    job = ImportRun.objects.get().job
    quiet = timezone.now() - dt.timedelta(minutes=12)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=quiet)
    assert 'id="import-waiting"' in admin_client.get(response["Location"]).content.decode()
    assert post(admin_client, event, good_file("b")).status_code == 409


def test_files_of_imports_that_died_are_forgotten_at_the_next_upload(
    admin_client, event, settings
) -> None:
    settings.TASKS = DATABASE_QUEUE
    post(admin_client, event, good_file("a"))
    dead = ImportRun.objects.get()
    Job.objects.filter(pk=dead.job_id).update(status=Job.Status.FAILED)
    other = EventFactory(slug="other-expo")
    post(admin_client, other, good_file("b"))
    dead.refresh_from_db()
    assert bytes(dead.data) == b""
    assert bytes(ImportRun.objects.exclude(pk=dead.pk).get().data) != b""  # the new one waits


def test_staff_see_only_imports_of_what_they_may_import(client, event, settings) -> None:
    from django.contrib.auth.models import Permission

    settings.TASKS = IMMEDIATE_TASKS
    uploader = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(uploader)
    location = post(client, event, good_file("a"), name="orgs.csv")["Location"]
    clerk = UserFactory(is_staff=True)  # may import offers, not organisations
    clerk.user_permissions.add(Permission.objects.get(codename="add_opportunity"))
    client.force_login(clerk)
    assert client.get(location).status_code == 403
    assert "orgs.csv" not in client.get(URL).content.decode()
    colleague = UserFactory(is_staff=True)
    colleague.user_permissions.add(Permission.objects.get(codename="add_organisation"))
    client.force_login(colleague)
    assert client.get(location).status_code == 200
    assert "orgs.csv" in client.get(URL).content.decode()
