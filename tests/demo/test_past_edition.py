"""The past demo edition: what happened there is consistent with its published schedule."""

from __future__ import annotations

import dataclasses

import pytest

from keruen.agreements.models import Agreement
from keruen.common.models import AuditLogEntry
from keruen.demo.config import SMALL
from keruen.demo.generate import PAST_SLUG, PAST_START, demo_build
from keruen.meetings.models import Meeting, MeetingRequest, ScheduledMeeting
from keruen.meetings.selectors import schedule_current_release
from keruen.people.models import Lead, Participant


@pytest.mark.django_db
def test_a_held_edition_has_arrivals_outcomes_signatures_and_contacts() -> None:
    past = demo_build(
        seed=7,
        size=dataclasses.replace(SMALL, start_date=PAST_START),
        embeddings=False,
        time_limit=10,
        slug=PAST_SLUG,
        held=True,
    ).event
    release = schedule_current_release(event=past)
    assert release is not None
    placed = set(
        ScheduledMeeting.objects.filter(schedule=release).values_list("meeting", flat=True)
    )
    meetings = Meeting.objects.filter(event=past)
    held = list(meetings.filter(status=Meeting.Status.HELD))
    assert held
    assert meetings.filter(status=Meeting.Status.NO_SHOW).exists()
    arrived = set(
        Participant.objects.filter(event=past, checked_in_at__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for meeting in held:  # held: in the published schedule, and both came
        assert meeting.pk in placed
        assert {meeting.participant_a_id, meeting.participant_b_id} <= arrived
    for person in Participant.objects.filter(pk__in=arrived):
        assert person.status == Participant.Status.APPROVED
        local = person.checked_in_at.astimezone(past.tz).date()
        assert past.start_date <= local <= past.end_date
    signed = Agreement.objects.filter(event=past, status=Agreement.Status.SIGNED)
    assert signed.filter(meeting__isnull=True).exists()  # at roadshows before the expo
    assert signed.filter(meeting__isnull=False).exists()  # at the expo
    # An agreement under negotiation comes from a meeting only if that meeting was held.
    assert not (
        Agreement.objects.filter(event=past, meeting__isnull=False)
        .exclude(meeting__status=Meeting.Status.HELD)
        .exists()
    )
    for agreement in signed.select_related("meeting"):
        assert agreement.signed_on is not None
        if agreement.meeting is None:
            assert agreement.signed_on < past.start_date
        else:  # the outcome of a meeting held there
            assert agreement.meeting.status == Meeting.Status.HELD
            assert past.start_date <= agreement.signed_on <= past.end_date
    # The schedule was published before the expo, and the activity log says so, by whom.
    assert release.published_at is not None
    assert release.published_at.astimezone(past.tz).date() < past.start_date
    log = AuditLogEntry.objects.filter(event=past)
    assert {"solve", "publish"} <= set(log.values_list("changes__action", flat=True))
    assert set(log.values_list("actor__email", flat=True)) == {"organiser@demo.keruen.org"}
    assert all(
        entry.astimezone(past.tz).date() < past.start_date
        for entry in log.values_list("timestamp", flat=True)
    )
    # Nothing is left waiting once the edition is over.
    assert not Participant.objects.filter(event=past, status=Participant.Status.PENDING).exists()
    assert not MeetingRequest.objects.filter(
        event=past, status=MeetingRequest.Status.PENDING
    ).exists()
    leads = Lead.objects.filter(event=past)
    assert leads.exists()
    assert not leads.exclude(person__in=arrived).exists()  # scanned badges were worn


@pytest.mark.django_db
def test_the_coming_edition_reuses_the_accounts_of_returning_delegates() -> None:
    size = SMALL
    past = demo_build(
        seed=7,
        size=dataclasses.replace(size, start_date=PAST_START),
        schedule=False,
        embeddings=False,
        slug=PAST_SLUG,
    ).event
    coming = demo_build(seed=7, size=size, schedule=False, embeddings=False).event
    emails_past = set(Participant.objects.filter(event=past).values_list("user__email", flat=True))
    emails_now = set(Participant.objects.filter(event=coming).values_list("user__email", flat=True))
    assert emails_past == emails_now  # same seed: the same people came back
    assert Participant.objects.filter(event=coming).count() == len(emails_now)
