"""Scheduling as a job, reviewing and repairing the draft, publishing, re-scheduling."""

from __future__ import annotations

import html
import itertools
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from keruen.meetings.models import Job, Meeting, Schedule, ScheduledMeeting
from keruen.meetings.scheduler import schedule_draft_review
from keruen.meetings.services import meeting_cancel, schedule_draft_get
from keruen.people.models import Participant
from tests.factories import BEFORE_THE_EVENT, MeetingFactory, ParticipantFactory


def _run(client, event, *, reschedule: bool = False):
    data = {"time_limit": 10, ("reschedule" if reschedule else "schedule"): ""}
    return client.post(reverse("console-schedule-run", args=[event.slug]), data)


def _placements(schedule: Schedule) -> dict[int, tuple[int, int | None]]:
    rows = ScheduledMeeting.objects.filter(schedule=schedule)
    return {m: (s, t) for m, s, t in rows.values_list("meeting_id", "slot_id", "table_id")}


def _publish(client, event, **data):
    url = reverse("console-schedule-publish", args=[event.slug])
    return client.post(url, {"notify": "on", **data})


def test_the_scheduling_job_fills_the_draft_and_reports_progress(organiser_client, tiny_event):
    event, _people, meetings = tiny_event
    response = _run(organiser_client, event)
    assert response.status_code == 302
    job = Job.objects.get(event=event)
    assert job.status == Job.Status.DONE, job.message
    assert job.message == "optimal"
    assert job.objective == job.bound == 0
    assert job.task_id
    assert job.started_at
    assert job.finished_at
    draft = schedule_draft_get(event=event)
    assert set(_placements(draft)) == {m.pk for m in meetings}
    status = organiser_client.get(reverse("console-job-status", args=[event.slug, job.pk]))
    assert status.json() | {"elapsed": 0} == status.json() | {
        "status": "done",
        "active": False,
        "percent": 100,
        "objective": 0.0,
        "bound": 0.0,
        "elapsed": 0,
    }
    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    assert page.status_code == 200
    # Zero breaks for all is said in a sentence, not drawn as one bar.
    assert b"<svg" not in page.content
    # Zero idle gaps is the best result, said as such, not as "no break for anyone".
    text = html.unescape(page.content.decode())
    assert "No idle gaps: every delegate's meetings follow one another (5 delegates" in text
    assert "Best possible schedule: proved optimal." in text
    assert "Solver: optimal · idle gaps: 0 · proved lower bound: 0" in text  # the figures
    assert "No break for anyone" not in text
    assert b"Every accepted meeting is in the draft" in page.content


def test_a_job_without_a_slot_grid_fails_with_the_reason(organiser_client, event) -> None:
    _run(organiser_client, event)
    job = Job.objects.get(event=event)
    assert job.status == Job.Status.FAILED
    assert "slot grid" in job.message


def test_a_second_job_is_refused_while_one_runs(organiser_client, tiny_event) -> None:
    event, *_ = tiny_event
    Job.objects.create(event=event, kind=Job.Kind.SCHEDULE, status=Job.Status.RUNNING)
    response = _run(organiser_client, event)
    assert response.status_code == 409
    # A re-schedule rewrites the same draft: it waits for the solve too.
    assert _run(organiser_client, event, reschedule=True).status_code == 409
    assert Job.objects.filter(event=event).count() == 1


def test_the_time_limit_is_checked(organiser_client, tiny_event) -> None:
    event, *_ = tiny_event
    url = reverse("console-schedule-run", args=[event.slug])
    response = organiser_client.post(url, {"time_limit": "0"})
    assert response.status_code == 422
    assert not Job.objects.filter(event=event).exists()


def test_a_move_the_checker_refuses_shows_the_rule_and_changes_nothing(
    organiser_client, tiny_event
):
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    draft = schedule_draft_get(event=event)
    before = _placements(draft)
    first, second = meetings[0], meetings[1]  # both with people[0]
    entry = ScheduledMeeting.objects.get(schedule=draft, meeting=second)
    free_table = event.tables.exclude(pk=entry.table_id).first()
    response = organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": first.pk, "slot": entry.slot_id, "table": free_table.pk},
    )
    assert response.status_code == 422
    assert b"already meets" in response.content  # the double booking, in words
    assert _placements(draft) == before


def test_a_valid_move_is_saved(organiser_client, tiny_event) -> None:
    event, people, meetings = tiny_event
    _run(organiser_client, event)
    draft = schedule_draft_get(event=event)
    busy = set(draft.attendances.filter(participant__in=people[3:5]).values_list("slot", flat=True))
    free_slot = event.slots.exclude(pk__in=busy).exclude(number__in=[1]).first()
    free_table = event.tables.exclude(
        pk__in=draft.entries.filter(slot=free_slot).values_list("table", flat=True)
    ).first()
    response = organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": meetings[4].pk, "slot": free_slot.pk, "table": free_table.pk},
    )
    assert response.status_code == 302
    assert _placements(draft)[meetings[4].pk] == (free_slot.pk, free_table.pk)


def test_a_move_needs_a_table_or_a_booth(organiser_client, tiny_event) -> None:
    event, _people, meetings = tiny_event
    response = organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": meetings[0].pk, "slot": event.slots.first().pk},
    )
    assert response.status_code == 422
    assert b"Choose either a table or a booth" in response.content


def test_unscheduled_meetings_are_listed_with_the_reason(organiser_client, tiny_event) -> None:
    event, people, _meetings = tiny_event
    _run(organiser_client, event)
    late = MeetingFactory(event=event, participant_a=people[0], participant_b=people[4])
    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    assert f"#{late.pk} ".encode() in page.content
    assert b"left out to make room" in page.content


def test_publish_diff_and_reschedule_keep_unaffected_meetings(
    organiser_client, tiny_event, mailoutbox
):
    event, people, meetings = tiny_event
    _run(organiser_client, event)
    response = _publish(organiser_client, event, comment="first")
    v1 = Schedule.objects.get(event=event, version="v1")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{v1.pk}/")
    assert len(mailoutbox) == 5  # everybody with a meeting hears of the first release
    assert "published the meeting schedule" in mailoutbox[0].body
    assert f"http://testserver/{event.slug}/me/agenda/" in mailoutbox[0].body
    assert f"http://testserver/{event.slug}/me/badge/" in mailoutbox[0].body  # the e-badge
    first = _placements(v1)

    # A cancellation and a new meeting, then a re-schedule with minimal disruption.
    meeting_cancel(meeting=meetings[2], by=None, reason="flight cancelled", now=BEFORE_THE_EVENT)
    newcomer = ParticipantFactory(event=event)
    added = MeetingFactory(event=event, participant_a=people[4], participant_b=newcomer)
    _run(organiser_client, event, reschedule=True)
    job = Job.objects.filter(event=event).first()
    assert job.kind == Job.Kind.RESCHEDULE
    assert job.status == Job.Status.DONE, job.message
    draft = schedule_draft_get(event=event)
    again = _placements(draft)
    kept = [m.pk for m in meetings if m.pk != meetings[2].pk]
    assert {pk: again[pk] for pk in kept} == {pk: first[pk] for pk in kept}
    assert added.pk in again
    assert meetings[2].pk not in again

    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    assert b"current release v1: 1 added, 1 removed, 0 moved" in page.content

    mailoutbox.clear()
    _publish(organiser_client, event)
    v2 = Schedule.objects.get(event=event, version="v2")
    assert "changed the meeting schedule" in mailoutbox[0].body
    assert "/me/badge/" not in mailoutbox[0].body  # told once, with the first release
    recipients = {message.to[0] for message in mailoutbox}
    assert recipients == {
        p.user.email
        for p in (meetings[2].participant_a, meetings[2].participant_b, people[4], newcomer)
    }
    # Each delegate reads what changed for them: the newcomer its new meeting with people[4].
    to_newcomer = next(m.body for m in mailoutbox if m.to == [newcomer.user.email])
    assert "What changed for you:" in to_newcomer
    assert f"- {people[4].display_name} ({people[4].organisation}): new meeting, " in to_newcomer
    cancelled = meetings[2].participant_a
    to_cancelled = next(m.body for m in mailoutbox if m.to == [cancelled.user.email])
    partner = meetings[2].participant_b
    assert f"- {partner.display_name} ({partner.organisation}): no longer scheduled (" in (
        to_cancelled
    )
    assert newcomer.display_name not in to_cancelled
    page = organiser_client.get(reverse("console-release", args=[event.slug, v2.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Changes since v1" in content
    assert newcomer.display_name in content
    assert meetings[2].participant_a.display_name in content


def test_publishing_twice_under_one_name_is_refused(organiser_client, tiny_event) -> None:
    event, *_ = tiny_event
    _publish(organiser_client, event, version="final")
    response = _publish(organiser_client, event, version="final")
    assert response.status_code == 422
    assert b"exists already" in response.content
    assert Schedule.objects.filter(event=event, published_at__isnull=False).count() == 1


def test_table_plans_list_each_pair_at_its_table(organiser_client, tiny_event) -> None:
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event)
    page = organiser_client.get(reverse("console-table-plans", args=[event.slug]))
    assert page.status_code == 200
    for meeting in meetings:
        assert meeting.participant_a.display_name in page.content.decode()
    assert b"@media print" not in page.content  # print rules live in the stylesheet


@pytest.mark.parametrize("name", ["console-schedule", "console-table-plans"])
def test_schedule_pages_do_not_grow_queries_with_meetings(
    organiser_client, tiny_event, django_assert_max_num_queries, name
):
    event, _people, _meetings = tiny_event
    extra = [ParticipantFactory(event=event) for _ in range(6)]
    for a, b in itertools.pairwise(extra):
        MeetingFactory(event=event, participant_a=a, participant_b=b)
    _run(organiser_client, event)
    _publish(organiser_client, event)
    # A fixed budget, whatever the number of meetings (the publish card's preview of whom a
    # release would tell and the release's own idle gaps take a few of them).
    with django_assert_max_num_queries(34):
        assert organiser_client.get(reverse(name, args=[event.slug])).status_code == 200


def test_release_diff_page_query_count(organiser_client, tiny_event, django_assert_max_num_queries):
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event)
    for meeting in meetings[:3]:
        meeting_cancel(meeting=meeting, by=None, now=BEFORE_THE_EVENT)
    _publish(organiser_client, event)
    v2 = Schedule.objects.get(event=event, version="v2")
    with django_assert_max_num_queries(20):
        page = organiser_client.get(reverse("console-release", args=[event.slug, v2.pk]))
    assert page.content.decode().count("change-removed") == 3
    assert Meeting.objects.filter(event=event, status="cancelled").count() == 3


def test_the_matchmaking_job_calls_the_matchmaking_app(organiser_client, event, monkeypatch):
    from types import SimpleNamespace

    from keruen.matchmaking import services as matchmaking

    calls = []

    def refresh(*, event, progress):
        calls.append(event.pk)
        progress(2, 3)
        return SimpleNamespace(encoded=3, total=5)

    monkeypatch.setattr(matchmaking, "event_embeddings_refresh", refresh)
    response = organiser_client.post(reverse("console-matchmaking-run", args=[event.slug]))
    assert response.status_code == 302
    assert calls == [event.pk]
    job = Job.objects.get(event=event, kind=Job.Kind.MATCHMAKING)
    assert job.status == Job.Status.DONE
    assert job.message == "3 of 5 offers and requests encoded anew."
    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    assert b"encoded anew" in page.content


def test_a_lost_job_does_not_block_the_next_one(organiser_client, tiny_event) -> None:
    import datetime as dt

    from django.utils import timezone

    event, *_ = tiny_event
    lost = Job.objects.create(event=event, kind=Job.Kind.SCHEDULE, status=Job.Status.RUNNING)
    Job.objects.filter(pk=lost.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    assert _run(organiser_client, event).status_code == 302
    lost.refresh_from_db()
    assert lost.status == Job.Status.FAILED
    assert Job.objects.filter(event=event, status=Job.Status.DONE).count() == 1


def test_a_job_given_up_while_queued_does_not_run_when_its_task_comes(tiny_event) -> None:
    from keruen.meetings.tasks import schedule_solve_task

    event, *_ = tiny_event
    given_up = Job.objects.create(event=event, kind=Job.Kind.SCHEDULE, status=Job.Status.FAILED)
    schedule_solve_task.call(job_id=given_up.pk)  # its task, late in the queue
    given_up.refresh_from_db()
    assert given_up.status == Job.Status.FAILED
    assert given_up.started_at is None
    assert not ScheduledMeeting.objects.filter(schedule__event=event).exists()


def test_optional_requests_show_their_weight_and_the_most_that_fits(
    organiser_client, tiny_event
) -> None:
    event, people, _meetings = tiny_event
    # Delegate 0 has two meetings and 12 slots: of twelve optional requests more, at most
    # ten fit.
    for _ in range(12):
        MeetingFactory(
            event=event,
            participant_a=people[0],
            participant_b=ParticipantFactory(event=event),
            optional=True,
            weight=2,
        )
    _run(organiser_client, event)
    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    text = page.content.decode()
    assert 'id="optional-weight"' in text
    review = schedule_draft_review(event=event)
    assert review.optional is not None
    assert (review.optional.requested, review.optional.at_most) == (24, 20)
    assert review.optional.scheduled == 20  # the solver proves it can do no better
    assert (
        "weight 20 of the 24 requested is in the draft; no schedule can hold more than 20."
    ) in text


def test_optional_requests_that_all_fit_are_said_to(organiser_client, tiny_event) -> None:
    event, people, _meetings = tiny_event
    MeetingFactory(
        event=event, participant_a=people[0], participant_b=people[4], optional=True, weight=2
    )
    _run(organiser_client, event)
    page = organiser_client.get(reverse("console-schedule", args=[event.slug]))
    assert b"Optional requests: all are in the draft (weight 2)." in page.content


def test_a_second_click_on_publish_tells_nobody_twice(
    organiser_client, tiny_event, mailoutbox
) -> None:
    event, *_ = tiny_event
    _run(organiser_client, event)
    assert _publish(organiser_client, event).status_code == 302
    told = len(mailoutbox)
    again = _publish(organiser_client, event)
    assert again.status_code == 422
    assert "The draft is the same as release v1: there is nothing to publish." in (
        again.content.decode()
    )
    assert Schedule.objects.filter(event=event, published_at__isnull=False).count() == 1
    assert len(mailoutbox) == told


def test_a_withdrawn_delegate_is_not_told_of_the_next_release(
    organiser_client, tiny_event, mailoutbox
) -> None:
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event)
    gone = meetings[0].participant_a
    meeting_cancel(meeting=meetings[0], by=None, reason="withdrew", now=BEFORE_THE_EVENT)
    Participant.objects.filter(pk=gone.pk).update(status=Participant.Status.WITHDRAWN)
    mailoutbox.clear()
    _run(organiser_client, event, reschedule=True)
    assert _publish(organiser_client, event).status_code == 302
    told = {address for message in mailoutbox for address in message.to}
    assert meetings[0].participant_b.user.email in told  # the partner hears of it
    assert gone.user.email not in told


def test_the_automatic_name_skips_one_given_by_hand(organiser_client, tiny_event) -> None:
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event, version="v2")  # named by hand, as the first release
    meeting_cancel(meeting=meetings[0], by=None, reason="", now=BEFORE_THE_EVENT)
    _run(organiser_client, event, reschedule=True)
    assert _publish(organiser_client, event).status_code == 302  # "v2" is taken: v3
    versions = set(Schedule.objects.filter(event=event).values_list("version", flat=True))
    assert {"v2", "v3"} <= versions


def test_a_draft_that_breaks_a_rule_since_the_run_is_not_published(
    organiser_client, tiny_event, mailoutbox
) -> None:
    """A delegate who became unavailable at their meeting's time after the solver ran: the
    draft is not frozen and e-mailed as it is; the organisers are told what to fix."""
    event, *_ = tiny_event
    _run(organiser_client, event)
    entry = ScheduledMeeting.objects.filter(schedule=schedule_draft_get(event=event)).first()
    away = entry.meeting.participant_a
    away.unavailable_slots.add(entry.slot)
    response = _publish(organiser_client, event)
    assert response.status_code == 422
    text = response.content.decode()
    assert "The draft breaks scheduling rules" in text
    assert f"{away.display_name} ({away.organisation}) is not available" in text
    assert not Schedule.objects.filter(event=event, published_at__isnull=False).exists()
    assert not mailoutbox
    # The schedule page warns in the same words, not in the checker's (ids, slot numbers).
    page = organiser_client.get(reverse("console-schedule", args=[event.slug])).content.decode()
    warning = page[page.index("The checker finds problems") :]
    assert f"{away.display_name} ({away.organisation}) is not available" in warning
    assert "<code>forbidden</code>" not in page
    away.unavailable_slots.remove(entry.slot)
    assert _publish(organiser_client, event).status_code == 302


class _MailServerDown:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def __enter__(self):
        raise ConnectionRefusedError(111, "Connection refused")

    def __exit__(self, *exc) -> None:
        return None

    def send_messages(self, messages):  # pragma: no cover - never reached
        raise ConnectionRefusedError(111, "Connection refused")


class _MailServerFailingAfterTwo(EmailBackend):
    """Takes two messages, then drops the connection (as a server that rate-limits)."""

    taken = 0

    def send_messages(self, messages):
        if _MailServerFailingAfterTwo.taken >= 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        _MailServerFailingAfterTwo.taken += len(messages)
        return super().send_messages(messages)


def test_a_release_whose_e_mails_fail_is_published_and_says_so(
    organiser_client, tiny_event, settings
) -> None:
    event, *_ = tiny_event
    _run(organiser_client, event)
    settings.EMAIL_BACKEND = f"{__name__}._MailServerDown"
    response = organiser_client.post(
        reverse("console-schedule-publish", args=[event.slug]), {"notify": "on"}, follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Release v1 published; the e-mails to 5 delegates are on their way." in text
    assert "0 of 5 delegates told." in text
    assert "The mail server stopped taking the e-mails" in text
    assert "Connection refused" in text
    assert "Send the rest" in text
    assert Schedule.objects.filter(event=event, published_at__isnull=False).count() == 1


def test_a_mail_failure_half_way_loses_nobody_and_tells_nobody_twice(
    organiser_client, tiny_event, settings, mailoutbox
) -> None:
    event, *_ = tiny_event
    _run(organiser_client, event)
    _MailServerFailingAfterTwo.taken = 0
    settings.EMAIL_BACKEND = f"{__name__}._MailServerFailingAfterTwo"
    _publish(organiser_client, event)
    release = Schedule.objects.get(event=event, version="v1")
    assert len(mailoutbox) == 2
    page = organiser_client.get(reverse("console-release", args=[event.slug, release.pk]))
    assert "2 of 5 delegates told." in page.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    resend = reverse("console-release-mails-resend", args=[event.slug, release.pk])
    page = organiser_client.post(resend, follow=True).content.decode()
    assert "5 of 5 delegates told." in page
    told = [message.to[0] for message in mailoutbox]
    assert len(told) == len(set(told)) == 5
    # Nothing left to send: a second click says so and sends nothing.
    page = organiser_client.post(resend, follow=True).content.decode()
    assert "Every delegate has been told about this release." in page
    assert len(mailoutbox) == 5


def test_publishing_leaves_the_e_mails_to_the_worker(
    organiser_client, tiny_event, settings, mailoutbox
) -> None:
    """On the database queue the request only queues the e-mails: thousands of delegates
    are told by the worker, not while the organiser's page waits."""
    from django_tasks_db.models import DBTaskResult

    event, *_ = tiny_event
    _run(organiser_client, event)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    _publish(organiser_client, event)
    assert not mailoutbox
    job = Job.objects.get(event=event, kind=Job.Kind.RELEASE_MAIL)
    assert job.status == Job.Status.QUEUED
    (queued,) = DBTaskResult.objects.all()
    queued.task.call(**queued.args_kwargs["kwargs"])  # what the worker does
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert len(mailoutbox) == 5


class _MailServerRefusingOne(EmailBackend):
    """Refuses one address, as a server does for a mailbox that does not exist."""

    refused = ""

    def send_messages(self, messages):
        for message in messages:
            if _MailServerRefusingOne.refused in message.to:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


def test_a_refused_address_is_recorded_and_the_others_are_told(
    organiser_client, tiny_event, settings, mailoutbox
) -> None:
    event, people, _meetings = tiny_event
    _run(organiser_client, event)
    _MailServerRefusingOne.refused = people[2].user.email
    settings.EMAIL_BACKEND = f"{__name__}._MailServerRefusingOne"
    _publish(organiser_client, event)
    release = Schedule.objects.get(event=event, version="v1")
    assert len(mailoutbox) == 4
    refused = release.mails.exclude(refused="")
    assert [(m.participant_id, m.refused) for m in refused] == [
        (people[2].pk, "550 5.1.1 No such user")
    ]
    page = organiser_client.get(reverse("console-release", args=[event.slug, release.pk]))
    text = page.content.decode()
    assert "4 of 5 delegates told." in text
    assert "The mail server refused 1 address." in text
    assert "Send the rest" not in text  # nothing left that a retry could reach


def test_after_a_release_re_scheduling_is_the_first_button(organiser_client, tiny_event):
    """Delegates hold the release: moving as few of their meetings as possible is what
    Enter in the form (its first button) and the eye should reach first."""
    event, *_ = tiny_event
    page = organiser_client.get(reverse("console-schedule", args=[event.slug])).content.decode()
    assert page.index('name="schedule"') < page.find('name="reschedule"') or (
        'name="reschedule"' not in page
    )
    _run(organiser_client, event)
    _publish(organiser_client, event)
    page = organiser_client.get(reverse("console-schedule", args=[event.slug])).content.decode()
    assert page.index('name="reschedule"') < page.index('name="schedule"')


def _publish_card(client, event) -> str:
    page = client.get(reverse("console-schedule", args=[event.slug])).content.decode()
    return page[page.index('id="publish"') :]


def test_the_publish_card_says_what_publishing_changes_and_whom_it_tells(
    organiser_client, tiny_event
) -> None:
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    assert "The first release: 5 delegates with meetings are told" in _publish_card(
        organiser_client, event
    )
    _publish(organiser_client, event)
    assert "The draft is the same as release v1: there is nothing to publish." in (
        _publish_card(organiser_client, event)
    )
    meeting_cancel(meeting=meetings[4], by=None, now=BEFORE_THE_EVENT)  # people 3 and 4
    assert "Against release v1: 0 moved, 0 added, 1 removed; 2 delegates are told" in (
        _publish_card(organiser_client, event)
    )


def test_a_draft_with_more_idle_gaps_than_the_release_is_flagged(organiser_client, tiny_event):
    event, _people, meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event)
    assert 'id="publish-worse"' not in _publish_card(organiser_client, event)
    draft = schedule_draft_get(event=event)
    # Move people 3 and 4's meeting two slots or more away from person 3's other meeting,
    # on the same day: person 3 then waits between the two.
    other = ScheduledMeeting.objects.select_related("slot").get(schedule=draft, meeting=meetings[3])
    taken = set(draft.entries.values_list("slot__number", "table"))
    target, table = next(
        (slot, table)
        for slot in event.slots.filter(day_index=other.slot.day_index).order_by("number")
        for table in event.tables.all()
        if abs(slot.number - other.slot.number) >= 2 and (slot.number, table.pk) not in taken
    )
    response = organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": meetings[4].pk, "slot": target.pk, "table": table.pk},
    )
    assert response.status_code == 302
    card = _publish_card(organiser_client, event)
    assert 'id="publish-worse"' in card
    assert "For the meetings release v1 holds, the draft has more idle gaps: 1 against 0." in card


def test_meetings_accepted_since_the_release_do_not_count_against_the_draft(
    organiser_client, tiny_event
) -> None:
    event, people, _meetings = tiny_event
    _run(organiser_client, event)
    _publish(organiser_client, event)
    draft = schedule_draft_get(event=event)
    # A meeting accepted since, placed by hand two slots or more from person 0's others:
    # a gap in the draft, but among meetings the release never held.
    newcomer = ParticipantFactory(event=event)
    added = MeetingFactory(event=event, participant_a=people[0], participant_b=newcomer)
    theirs = draft.entries.filter(meeting__participant_a=people[0]) | draft.entries.filter(
        meeting__participant_b=people[0]
    )
    numbers = set(theirs.values_list("slot__number", flat=True))
    day = theirs.first().slot.day_index
    taken = set(draft.entries.values_list("slot__number", "table"))
    target, table = next(
        (slot, table)
        for slot in event.slots.filter(day_index=day).order_by("number")
        for table in event.tables.all()
        if min(abs(slot.number - n) for n in numbers) >= 2 and (slot.number, table.pk) not in taken
    )
    response = organiser_client.post(
        reverse("console-schedule-move", args=[event.slug]),
        {"meeting": added.pk, "slot": target.pk, "table": table.pk},
    )
    assert response.status_code == 302
    page = organiser_client.get(reverse("console-schedule", args=[event.slug])).content.decode()
    assert 'id="breaks-now">1<' in page  # the draft as a whole has a gap more
    assert 'id="publish-worse"' not in _publish_card(organiser_client, event)
