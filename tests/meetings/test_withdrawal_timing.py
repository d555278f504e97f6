"""A withdrawal cancels only what is still to come: meetings whose published time has come stay
for their outcome, one with an agreement is never cancelled, lapsed requests are expired, and
after the event nothing is cancelled at all."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend

from keruen.agreements.models import Agreement
from keruen.common.errors import PermissionDenied
from keruen.meetings.models import (
    Meeting,
    MeetingRequest,
    Schedule,
    ScheduledAttendance,
    ScheduledMeeting,
)
from keruen.meetings.notifications import withdrawal_notify
from keruen.meetings.outcomes import meeting_outcome_record
from keruen.meetings.withdrawal import (
    WithdrawalLinks,
    participant_withdraw,
    participant_withdraw_and_notify,
    withdrawal_preview,
)
from keruen.people.models import Participant
from keruen.portal.selectors import contact_visible, my_meetings
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
)

# The factory's event runs 26-30 June 2026 in Shanghai; "now" is its third day, 12:00 there.
DURING = dt.datetime(2026, 6, 28, 4, 0, tzinfo=dt.UTC)
AFTER = dt.datetime(2026, 7, 2, 4, 0, tzinfo=dt.UTC)


@pytest.fixture
def leaving(event) -> Participant:
    return ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")


def _publish(meetings_at: list[tuple[Meeting, dt.datetime]]) -> Schedule:
    """A release placing each meeting at a 30-minute slot starting at the given moment."""
    event = meetings_at[0][0].event
    release = Schedule.objects.create(
        event=event, version="v1", published_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    )
    for number, (meeting, start) in enumerate(meetings_at, start=1):
        slot = SlotFactory(
            event=event, number=number, start=start, end=start + dt.timedelta(minutes=30)
        )
        entry = ScheduledMeeting.objects.create(
            schedule=release,
            meeting=meeting,
            slot=slot,
            table=MeetingTableFactory(event=event, number=number),
        )
        for pid in (meeting.participant_a_id, meeting.participant_b_id):
            ScheduledAttendance.objects.create(
                schedule=release, slot=slot, participant_id=pid, entry=entry
            )
    return release


def _statuses(*meetings: Meeting) -> list[str]:
    return [Meeting.objects.get(pk=m.pk).status for m in meetings]


def test_only_meetings_whose_time_has_not_come_are_cancelled(event, leaving) -> None:
    past = MeetingFactory(event=event, participant_a=leaving)
    now_on = MeetingFactory(event=event, participant_b=leaving)  # started, not over
    ahead = MeetingFactory(event=event, participant_a=leaving)
    unplaced = MeetingFactory(event=event, participant_b=leaving)
    _publish(
        [
            (past, DURING - dt.timedelta(days=1)),
            (now_on, DURING - dt.timedelta(minutes=10)),
            (ahead, DURING + dt.timedelta(hours=2)),
        ]
    )
    done = participant_withdraw(participant=leaving, now=DURING)

    assert sorted(m.pk for m in done.meetings) == sorted([ahead.pk, unplaced.pk])
    assert _statuses(past, now_on, ahead, unplaced) == [
        "accepted",
        "accepted",
        "cancelled",
        "cancelled",
    ]
    # The partner of the meeting that took place still has it, with the contact details,
    # and what became of it can be recorded.
    partner = past.participant_b
    assert past.pk in [m.pk for m in my_meetings(participant=partner, now=DURING)]
    assert contact_visible(viewer=partner, other=leaving)
    held = meeting_outcome_record(meeting=past, outcome="held", by=partner, now=DURING)
    assert held.status == Meeting.Status.HELD


def test_the_preview_counts_only_what_would_be_cancelled(event, leaving) -> None:
    past = MeetingFactory(event=event, participant_a=leaving)
    ahead = MeetingFactory(event=event, participant_a=leaving)
    MeetingFactory(event=event, participant_b=leaving)  # unplaced
    AgreementFactory(event=event, meeting=MeetingFactory(event=event, participant_a=leaving))
    _publish([(past, DURING - dt.timedelta(hours=1)), (ahead, DURING + dt.timedelta(hours=1))])
    MeetingRequestFactory(event=event, target=leaving, expires_at=DURING - dt.timedelta(hours=1))
    MeetingRequestFactory(event=event, requester=leaving)
    preview = withdrawal_preview(participant=leaving, now=DURING)
    assert (preview.meetings, preview.requests, preview.over) == (2, 1, False)
    preview = withdrawal_preview(participant=leaving, now=AFTER)
    assert (preview.meetings, preview.requests, preview.over) == (0, 0, True)


def test_the_partner_of_a_meeting_that_took_place_is_not_mailed(event, leaving, mailoutbox) -> None:
    past = MeetingFactory(event=event, participant_a=leaving)
    ahead = MeetingFactory(event=event, participant_a=leaving)
    _publish([(past, DURING - dt.timedelta(hours=3)), (ahead, DURING + dt.timedelta(hours=3))])
    done = participant_withdraw(participant=leaving, now=DURING)
    withdrawal_notify(withdrawal=done, links=WithdrawalLinks())
    assert [mail.to for mail in mailoutbox] == [[ahead.participant_b.user.email]]


def test_a_meeting_with_an_agreement_is_never_cancelled(event, leaving) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)  # never placed
    AgreementFactory(event=event, meeting=meeting)
    done = participant_withdraw(participant=leaving, now=DURING)
    assert done.meetings == []
    assert _statuses(meeting) == ["accepted"]
    assert Agreement.objects.get().meeting.status == Meeting.Status.ACCEPTED


def test_after_the_event_an_organiser_only_records_the_status(event, leaving, mailoutbox) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)  # never placed
    request = MeetingRequestFactory(event=event, target=leaving)

    done = participant_withdraw(participant=leaving, reason="never came", now=AFTER)

    leaving.refresh_from_db()
    request.refresh_from_db()
    assert leaving.status == Participant.Status.WITHDRAWN
    assert (done.meetings, done.requests, done.waiting) == ([], 0, [])
    assert _statuses(meeting) == ["accepted"]
    assert request.status == MeetingRequest.Status.PENDING
    withdrawal_notify(withdrawal=done, links=WithdrawalLinks())
    assert not mailoutbox


def test_after_the_event_a_delegate_cannot_withdraw_themselves(event, leaving) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)
    with pytest.raises(PermissionDenied, match="The event has taken place"):
        participant_withdraw(participant=leaving, by=leaving, now=AFTER)
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.APPROVED
    assert _statuses(meeting) == ["accepted"]
    # During the event they still can.
    participant_withdraw(participant=leaving, by=leaving, now=DURING)
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.WITHDRAWN


def test_a_delegate_cannot_withdraw_someone_else(event, leaving) -> None:
    with pytest.raises(PermissionDenied):
        participant_withdraw(participant=leaving, by=ParticipantFactory(event=event), now=DURING)
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.APPROVED


def test_requests_past_their_deadline_are_expired_not_cancelled(event, leaving, mailoutbox) -> None:
    lapsed = MeetingRequestFactory(
        event=event, target=leaving, expires_at=DURING - dt.timedelta(hours=1)
    )
    open_one = MeetingRequestFactory(
        event=event, target=leaving, expires_at=DURING + dt.timedelta(hours=1)
    )

    done = participant_withdraw(participant=leaving, now=DURING)

    lapsed.refresh_from_db()
    open_one.refresh_from_db()
    assert (lapsed.status, open_one.status) == ("expired", "cancelled")
    assert done.requests == 1
    assert [p.pk for p in done.waiting] == [open_one.requester_id]
    withdrawal_notify(withdrawal=done, links=WithdrawalLinks())
    assert [mail.to for mail in mailoutbox] == [[open_one.requester.user.email]]


class RefusingOnce(EmailBackend):
    """A mail server that refuses the first batch it is given, then takes the others."""

    refused = 0

    def send_messages(self, messages):
        if RefusingOnce.refused == 0:
            RefusingOnce.refused += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingOnce"
    RefusingOnce.refused = 0


@pytest.mark.usefixtures("flaky_mail")
def test_a_refused_batch_is_reported_and_the_other_batch_still_goes(
    event, leaving, mailoutbox
) -> None:
    partner_meeting = MeetingFactory(event=event, participant_a=leaving)
    waiting = MeetingRequestFactory(event=event, target=leaving)
    done = participant_withdraw(participant=leaving, now=DURING)
    mail = withdrawal_notify(withdrawal=done, links=WithdrawalLinks())
    assert mail.failed
    assert mail.errors == ["Connection unexpectedly closed"]
    assert mail.sent == 1  # the partners' batch was refused; the sender was told
    assert [m.to for m in mailoutbox] == [[waiting.requester.user.email]]
    assert partner_meeting.participant_b.user.email not in str([m.to for m in mailoutbox])


@pytest.mark.usefixtures("flaky_mail", "requests_open")
def test_a_mail_server_failure_after_the_commit_does_not_escape(
    event, leaving, django_capture_on_commit_callbacks
) -> None:
    MeetingFactory(event=event, participant_a=leaving)
    with django_capture_on_commit_callbacks(execute=True):
        done = participant_withdraw_and_notify(participant=leaving)
    assert done.mail.failed
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.WITHDRAWN
    assert [m.status for m in done.meetings] == ["cancelled"]
