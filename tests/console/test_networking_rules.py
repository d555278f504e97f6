"""Who may request whom: the organiser's rules are enforced when a request is sent."""

from __future__ import annotations

import pytest

from keruen.common.errors import PermissionDenied, ValidationFailed
from keruen.events.services import request_rule_allows, request_rule_set
from keruen.meetings.services import meeting_request_create
from keruen.people.models import Participant
from tests.factories import ParticipantFactory

Role = Participant.Role


def test_without_rules_everybody_may_request_everybody(event) -> None:
    assert request_rule_allows(event=event, requester_role="visitor", target_role="government")


def test_the_most_specific_rule_wins(event) -> None:
    request_rule_set(event=event, requester_role="visitor", target_role="", allowed=False)
    request_rule_set(event=event, requester_role="visitor", target_role="exhibitor", allowed=True)
    assert not request_rule_allows(event=event, requester_role="visitor", target_role="business")
    assert request_rule_allows(event=event, requester_role="visitor", target_role="exhibitor")
    assert request_rule_allows(event=event, requester_role="business", target_role="business")


def test_rules_of_another_event_do_not_apply(event, other_event) -> None:
    request_rule_set(event=other_event, requester_role="", target_role="", allowed=False)
    assert request_rule_allows(event=event, requester_role="business", target_role="business")


def test_an_unknown_role_is_refused(event) -> None:
    with pytest.raises(ValidationFailed) as error:
        request_rule_set(event=event, requester_role="king", target_role="", allowed=False)
    assert error.value.field == "requester_role"


@pytest.mark.usefixtures("requests_open")
def test_a_forbidden_request_is_refused_and_nothing_is_stored(event) -> None:
    request_rule_set(event=event, requester_role="visitor", target_role="government", allowed=False)
    visitor = ParticipantFactory(event=event, role=Role.VISITOR)
    official = ParticipantFactory(event=event, role=Role.GOVERNMENT)
    with pytest.raises(PermissionDenied, match="cannot request meetings"):
        meeting_request_create(event=event, requester=visitor, target=official)
    assert not event.meeting_requests.exists()
    business = ParticipantFactory(event=event, role=Role.BUSINESS)
    assert meeting_request_create(event=event, requester=visitor, target=business).pk
