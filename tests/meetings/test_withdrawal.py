"""A delegate withdraws: meetings and open requests cancelled, partners told, nothing else lost."""

from __future__ import annotations

import datetime as dt

import pytest

from keruen.analytics.delegations import delegation_schedule
from keruen.common.audit import audit_context
from keruen.common.errors import Conflict, ValidationFailed
from keruen.common.models import AuditLogEntry
from keruen.meetings.models import (
    Meeting,
    MeetingRequest,
    Schedule,
    ScheduledAttendance,
    ScheduledMeeting,
)
from keruen.meetings.notifications import withdrawal_notify
from keruen.meetings.selectors import agenda_rows
from keruen.meetings.services import meeting_request_accept
from keruen.meetings.withdrawal import (
    WithdrawalLinks,
    participant_readmit,
    participant_withdraw,
    withdrawal_preview,
)
from keruen.people.models import Participant
from tests.factories import (
    DelegationFactory,
    MeetingFactory,
    MeetingRequestFactory,
    MeetingTableFactory,
    ParticipantFactory,
    SlotFactory,
    UserFactory,
)


@pytest.fixture
def leaving(event, requests_open) -> Participant:
    """A delegate of an event still ahead (after it, a withdrawal cancels nothing: see
    tests/meetings/test_withdrawal_timing.py)."""
    return ParticipantFactory(event=event, given_name="Elnur", family_name="Abbasov")


def _place(schedule: Schedule, meeting: Meeting, number: int) -> ScheduledMeeting:
    start = dt.datetime(2099, 6, 27, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=30 * number)
    slot = SlotFactory(
        event=meeting.event, number=number, start=start, end=start + dt.timedelta(minutes=30)
    )
    table = MeetingTableFactory(event=meeting.event, number=number)
    return ScheduledMeeting.objects.create(
        schedule=schedule, meeting=meeting, slot=slot, table=table
    )


def test_withdrawing_cancels_accepted_meetings_and_pending_requests_only(event, leaving) -> None:
    accepted = MeetingFactory(event=event, participant_a=leaving)
    other_side = MeetingFactory(event=event, participant_b=leaving)
    held = MeetingFactory(event=event, participant_a=leaving, status=Meeting.Status.HELD)
    unrelated = MeetingFactory(event=event)
    sent = MeetingRequestFactory(event=event, requester=leaving)
    received = MeetingRequestFactory(event=event, target=leaving)
    declined = MeetingRequestFactory(
        event=event, requester=leaving, status=MeetingRequest.Status.DECLINED
    )
    assert withdrawal_preview(participant=leaving).meetings == 2
    assert withdrawal_preview(participant=leaving).requests == 2

    done = participant_withdraw(participant=leaving, reason="  Visa refused  ")

    assert sorted(m.pk for m in done.meetings) == sorted([accepted.pk, other_side.pk])
    assert done.requests == 2
    leaving.refresh_from_db()
    assert leaving.status == Participant.Status.WITHDRAWN
    assert leaving.withdrawal_reason == "Visa refused"
    assert leaving.withdrawn_at is not None
    statuses = {m.pk: m.status for m in Meeting.objects.all()}
    assert statuses[accepted.pk] == statuses[other_side.pk] == Meeting.Status.CANCELLED
    assert statuses[held.pk] == Meeting.Status.HELD  # what happened stays on record
    assert statuses[unrelated.pk] == Meeting.Status.ACCEPTED
    for request, status in ((sent, "cancelled"), (received, "cancelled"), (declined, "declined")):
        request.refresh_from_db()
        assert request.status == status


def test_draft_entries_go_and_the_published_release_is_untouched(event, leaving) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)
    draft = Schedule.objects.create(event=event, version="draft")
    release = Schedule.objects.create(
        event=event, version="v1", published_at=dt.datetime.now(dt.UTC)
    )
    _place(draft, meeting, 1)
    _place(release, meeting, 2)
    participant_withdraw(participant=leaving)
    assert not ScheduledMeeting.objects.filter(schedule=draft).exists()
    assert ScheduledMeeting.objects.filter(schedule=release, meeting=meeting).exists()


def test_only_an_approved_registration_can_be_withdrawn(event) -> None:
    pending = ParticipantFactory(event=event, status=Participant.Status.PENDING)
    meeting = MeetingFactory(event=event, participant_a=pending)
    with pytest.raises(Conflict, match="pending approval"):
        participant_withdraw(participant=pending)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED


def test_withdrawing_twice_cancels_nothing_the_second_time(event, leaving) -> None:
    participant_withdraw(participant=leaving)
    with pytest.raises(Conflict, match="withdrawn"):
        participant_withdraw(participant=leaving)


def test_a_too_long_reason_is_refused_and_nothing_changes(event, leaving) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)
    with pytest.raises(ValidationFailed) as error:
        participant_withdraw(participant=leaving, reason="x" * 501)
    assert error.value.field == "reason"
    leaving.refresh_from_db()
    meeting.refresh_from_db()
    assert (leaving.status, meeting.status) == ("approved", "accepted")


@pytest.mark.usefixtures("requests_open")
def test_a_request_from_a_withdrawn_delegate_cannot_be_accepted(event, leaving) -> None:
    request = MeetingRequestFactory(event=event, requester=leaving)
    # As if the withdrawal had landed between the page load and the answer, but with the
    # request still pending (it was sent after, through some other path).
    Participant.objects.filter(pk=leaving.pk).update(status=Participant.Status.WITHDRAWN)
    request.requester.refresh_from_db()
    with pytest.raises(Conflict, match="no longer taking part"):
        meeting_request_accept(request=request, by=request.target)
    assert not Meeting.objects.filter(request=request).exists()


def test_readmitting_approves_again_and_keeps_meetings_cancelled(event, leaving) -> None:
    meeting = MeetingFactory(event=event, participant_a=leaving)
    participant_withdraw(participant=leaving, reason="ill")
    participant_readmit(participant=leaving)
    leaving.refresh_from_db()
    meeting.refresh_from_db()
    assert leaving.status == Participant.Status.APPROVED
    assert (leaving.withdrawn_at, leaving.withdrawal_reason) == (None, "")
    assert meeting.status == Meeting.Status.CANCELLED
    with pytest.raises(Conflict):
        participant_readmit(participant=leaving)


def test_the_audit_log_names_the_withdrawal_and_each_cancelled_meeting(event, leaving) -> None:
    meetings = [MeetingFactory(event=event, participant_a=leaving) for _ in range(2)]
    with audit_context(UserFactory(), source="web"):
        participant_withdraw(participant=leaving, reason="flight cancelled")
    entry = AuditLogEntry.objects.get(object_id=str(leaving.pk), changes__action="withdraw")
    assert entry.changes == {
        "action": "withdraw",
        "reason": "flight cancelled",
        "meetings": 2,
        "requests": 0,
    }
    cancelled = AuditLogEntry.objects.filter(changes__action="cancel")
    assert sorted(int(e.object_id) for e in cancelled) == sorted(m.pk for m in meetings)


def test_each_partner_is_mailed_in_their_language_with_the_published_time(
    event, leaving, mailoutbox
) -> None:
    partner_ru = ParticipantFactory(event=event, user__language="ru")
    partner_zh = ParticipantFactory(event=event, user__language="zh-hans")
    published = MeetingFactory(event=event, participant_a=leaving, participant_b=partner_ru)
    MeetingFactory(event=event, participant_a=partner_zh, participant_b=leaving)
    release = Schedule.objects.create(
        event=event, version="v1", published_at=dt.datetime.now(dt.UTC)
    )
    _place(release, published, 3)
    done = participant_withdraw(participant=leaving)
    links = WithdrawalLinks(agenda="https://expo.example/agenda/")
    assert withdrawal_notify(withdrawal=done, links=links).sent == 2
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    ru = by_address[partner_ru.user.email]
    zh = by_address[partner_zh.user.email]
    assert "Elnur Abbasov" in ru.subject
    assert "Elnur Abbasov" in zh.subject
    assert "https://expo.example/agenda/" in ru.body
    assert "2099" in ru.body  # the published slot's date
    assert "2099" not in zh.body  # never in a published schedule: no time to name
    assert "ваша встреча отменена" in ru.body
    assert "会谈已取消" in zh.body


def test_a_cancelled_meeting_leaves_the_partners_agenda_before_the_next_release(
    event, leaving
) -> None:
    delegation = DelegationFactory(event=event)
    partner = ParticipantFactory(event=event, delegation=delegation)
    kept_partner = ParticipantFactory(event=event)
    leaving_meeting = MeetingFactory(event=event, participant_a=leaving, participant_b=partner)
    kept = MeetingFactory(event=event, participant_a=kept_partner, participant_b=partner)
    release = Schedule.objects.create(
        event=event, version="v1", published_at=dt.datetime.now(dt.UTC)
    )
    for number, meeting in ((1, leaving_meeting), (2, kept)):
        entry = _place(release, meeting, number)
        for person in (meeting.participant_a, meeting.participant_b):
            ScheduledAttendance.objects.create(
                schedule=release, slot=entry.slot, participant=person, entry=entry
            )
    assert len(agenda_rows(participant=partner)) == 2
    participant_withdraw(participant=leaving)
    rows = agenda_rows(participant=partner)
    assert [row.entry.meeting_id for row in rows] == [kept.pk]
    days = delegation_schedule(delegation=delegation)
    assert [row.entry.meeting_id for _, day in days for row in day] == [kept.pk]


def test_senders_of_unanswered_requests_are_told_once(event, leaving, mailoutbox) -> None:
    waiting = ParticipantFactory(event=event, user__language="kk")
    also_met = ParticipantFactory(event=event)
    MeetingRequestFactory(event=event, requester=waiting, target=leaving)
    MeetingRequestFactory(event=event, requester=also_met, target=leaving)
    MeetingFactory(event=event, participant_a=also_met, participant_b=leaving)
    MeetingRequestFactory(event=event, requester=leaving)  # sent by them: its target is not told
    done = participant_withdraw(participant=leaving)
    assert {p.pk for p in done.waiting} == {waiting.pk, also_met.pk}
    links = WithdrawalLinks(suggestions="https://expo.example/suggestions/")
    assert withdrawal_notify(withdrawal=done, links=links).sent == 2
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {waiting.user.email, also_met.user.email}  # one e-mail each
    told = by_address[waiting.user.email]
    assert "https://expo.example/suggestions/" in told.body
    assert "сұрауыңыз тоқтатылды" in told.body  # in Kazakh, the reader's language
