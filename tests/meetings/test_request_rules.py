"""Who may request a meeting with whom, whatever the page or API the request comes from."""

from __future__ import annotations

import pytest

from keruen.common.errors import PermissionDenied, ValidationFailed
from keruen.meetings import services
from keruen.meetings.models import Meeting, MeetingRequest
from keruen.people.models import Participant
from tests.factories import DelegationFactory, MeetingRequestFactory, ParticipantFactory


def test_a_colleague_of_ones_organisation_cannot_be_requested(event) -> None:
    alice = ParticipantFactory(event=event)
    colleague = ParticipantFactory(event=event, organisation=alice.organisation)
    with pytest.raises(ValidationFailed) as error:
        services.meeting_request_create(event=event, requester=alice, target=colleague)
    assert error.value.field == "target"
    assert "your own organisation" in error.value.message
    assert not MeetingRequest.objects.exists()


@pytest.mark.usefixtures("requests_open")
def test_a_member_of_ones_delegation_cannot_be_requested(event) -> None:
    """As the matching core never suggests them (``same_delegation_allowed`` is off)."""
    delegation = DelegationFactory(event=event)
    alice = ParticipantFactory(event=event, delegation=delegation)
    fellow = ParticipantFactory(event=event, delegation=delegation)
    with pytest.raises(ValidationFailed) as error:
        services.meeting_request_create(event=event, requester=alice, target=fellow)
    assert error.value.field == "target"
    assert not MeetingRequest.objects.exists()
    outsider = ParticipantFactory(event=event, delegation=DelegationFactory(event=event))
    services.meeting_request_create(event=event, requester=alice, target=outsider)
    other = ParticipantFactory(event=event, delegation=DelegationFactory(event=event))
    services.meeting_request_create(event=event, requester=other, target=alice)
    loner = ParticipantFactory(event=event)
    services.meeting_request_create(event=event, requester=loner, target=alice)
    assert MeetingRequest.objects.count() == 3


def test_a_colleagues_request_sent_before_the_rule_cannot_be_accepted(event) -> None:
    alice = ParticipantFactory(event=event)
    colleague = ParticipantFactory(event=event, organisation=alice.organisation)
    old = MeetingRequestFactory(event=event, requester=alice, target=colleague)  # no rules
    with pytest.raises(ValidationFailed):
        services.meeting_request_accept(request=old, by=colleague)
    old.refresh_from_db()
    assert old.status == MeetingRequest.Status.PENDING
    assert not Meeting.objects.exists()


@pytest.mark.usefixtures("requests_open")
def test_one_meeting_per_pair_however_the_requests_cross(event) -> None:
    """A request crossing one already sent the other way, or to a delegate one already meets,
    is refused; of two crossing requests both accepted, the second finds the first's meeting."""
    from keruen.common.errors import Conflict
    from keruen.meetings.models import Meeting

    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    to_bob = services.meeting_request_create(event=event, requester=alice, target=bob)
    with pytest.raises(Conflict, match="has already asked you for a meeting") as crossing:
        services.meeting_request_create(event=event, requester=bob, target=alice)
    assert crossing.value.field == "target"
    # Two requests that crossed before this rule (or were imported) both reach "accept".
    to_alice = MeetingRequest.objects.create(event=event, requester=bob, target=alice)
    services.meeting_request_accept(request=to_bob, by=bob)
    with pytest.raises(Conflict, match="You already have a meeting with"):
        services.meeting_request_accept(request=to_alice, by=alice)
    to_alice.refresh_from_db()
    assert to_alice.status == MeetingRequest.Status.PENDING
    assert Meeting.objects.filter(event=event).count() == 1
    with pytest.raises(Conflict, match="You already have a meeting with"):
        services.meeting_request_create(event=event, requester=alice, target=bob)


@pytest.mark.usefixtures("requests_open")
def test_declining_and_withdrawing_a_request_are_in_the_activity_log(event) -> None:
    from keruen.common.audit import audit_context
    from keruen.common.models import AuditLogEntry

    alice, bob, carol = (ParticipantFactory(event=event) for _ in range(3))
    declined = services.meeting_request_create(event=event, requester=alice, target=bob)
    withdrawn = services.meeting_request_create(event=event, requester=alice, target=carol)
    with audit_context(bob.user, source="web"):
        services.meeting_request_decline(request=declined, by=bob, reason=" fully booked ")
    with audit_context(alice.user, source="api"):
        services.meeting_request_cancel(request=withdrawn, by=alice)
    actions = {
        (entry.object_id, entry.changes.get("action"), entry.changes.get("reason"))
        for entry in AuditLogEntry.objects.filter(action="action")
    }
    assert (str(declined.pk), "decline", "fully booked") in actions
    assert (str(withdrawn.pk), "request_withdraw", None) in actions


@pytest.mark.usefixtures("requests_open")
def test_a_request_to_a_delegate_who_withdrew_meanwhile_is_refused(two_delegates, event) -> None:
    """The page loaded the target while approved; the withdrawal committed before the send."""
    alice, bob = two_delegates
    Participant.objects.filter(pk=bob.pk).update(status=Participant.Status.WITHDRAWN)
    assert bob.status == Participant.Status.APPROVED  # the stale copy the view holds
    with pytest.raises(PermissionDenied, match="approved"):
        services.meeting_request_create(event=event, requester=alice, target=bob)
    assert not MeetingRequest.objects.exists()


@pytest.mark.usefixtures("requests_open")
def test_withdrawing_and_sending_again_is_limited_per_delegate(event) -> None:
    """Each request e-mails its target: withdrawing to send again stops after a few."""
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    for _ in range(services.REQUESTS_PER_PAIR):
        sent = services.meeting_request_create(event=event, requester=alice, target=bob)
        services.meeting_request_cancel(request=sent, by=alice)
    with pytest.raises(PermissionDenied) as error:
        services.meeting_request_create(event=event, requester=alice, target=bob)
    # The figure has its noun: some languages cannot leave it out.
    assert (
        f"at most {services.REQUESTS_PER_PAIR} requests can be sent to one delegate."
        in error.value.message
    )
    assert MeetingRequest.objects.count() == services.REQUESTS_PER_PAIR
    # Her requests to others, and his to her, are not limited by it.
    services.meeting_request_create(
        event=event, requester=alice, target=ParticipantFactory(event=event)
    )
    services.meeting_request_create(event=event, requester=bob, target=alice)


@pytest.mark.usefixtures("requests_open")
def test_a_delegate_who_declined_is_not_asked_again_but_may_ask(event) -> None:
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    sent = services.meeting_request_create(event=event, requester=alice, target=bob)
    services.meeting_request_decline(request=sent, by=bob)
    with pytest.raises(PermissionDenied) as error:
        services.meeting_request_create(event=event, requester=alice, target=bob)
    assert "declined your request" in error.value.message
    assert MeetingRequest.objects.count() == 1
    services.meeting_request_create(event=event, requester=bob, target=alice)


@pytest.mark.usefixtures("requests_open")
def test_two_who_declined_each_other_are_told_only_that_no_request_can_follow(event) -> None:
    """Neither may ask the other now: "they can still ask you" would be untrue."""
    alice, bob = ParticipantFactory(event=event), ParticipantFactory(event=event)
    services.meeting_request_decline(
        request=services.meeting_request_create(event=event, requester=bob, target=alice),
        by=alice,
    )
    services.meeting_request_decline(
        request=services.meeting_request_create(event=event, requester=alice, target=bob),
        by=bob,
    )
    for requester, target in ((alice, bob), (bob, alice)):
        with pytest.raises(PermissionDenied) as error:
            services.meeting_request_create(event=event, requester=requester, target=target)
        assert error.value.message == (
            f"{target.display_name} has declined your request: no new request can be sent to them."
        )
