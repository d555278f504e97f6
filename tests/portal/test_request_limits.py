"""What the portal says about the requests a delegate may still send to another: the
per-delegate limit, a decline, and a withdrawal that counts towards the limit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from keruen.meetings import services
from keruen.meetings.models import MeetingRequest
from tests.factories import MeetingRequestFactory
from tests.portal.conftest import client_for

pytestmark = pytest.mark.usefixtures("requests_open")

Status = MeetingRequest.Status


def _delegate_page(client, event, other) -> str:
    response = client.get(reverse("portal-delegate", args=[event.slug, other.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _requests(event, requester, target, *statuses: str) -> list[MeetingRequest]:
    return [
        MeetingRequestFactory(event=event, requester=requester, target=target, status=status)
        for status in statuses
    ]


def test_the_delegate_page_offers_a_request_while_one_can_be_sent(
    event, alice, bob, as_alice
) -> None:
    _requests(event, alice, bob, Status.CANCELLED, Status.CANCELLED)
    page = _delegate_page(as_alice, event, bob)
    assert "request-button" in page
    assert "request-refused" not in page


def test_the_delegate_page_says_the_limit_is_reached_instead_of_the_button(
    event, alice, bob, as_alice
) -> None:
    _requests(event, alice, bob, *[Status.CANCELLED] * services.REQUESTS_PER_PAIR)
    page = _delegate_page(as_alice, event, bob)
    assert "request-button" not in page
    assert (
        f"another meeting request: at most {services.REQUESTS_PER_PAIR} requests can be sent "
        "to one delegate." in page
    )
    # Bob may still ask her: the limit is hers.
    assert "request-button" in _delegate_page(client_for(bob), event, alice)


def test_the_delegate_page_says_they_declined_instead_of_the_button(
    event, alice, bob, as_alice
) -> None:
    _requests(event, alice, bob, Status.DECLINED)
    page = _delegate_page(as_alice, event, bob)
    assert "request-button" not in page
    assert "has declined your request: they can still ask you for a meeting." in page


def test_two_who_declined_each_other_are_not_told_the_other_can_still_ask(
    event, alice, bob, as_alice
) -> None:
    _requests(event, alice, bob, Status.DECLINED)
    _requests(event, bob, alice, Status.DECLINED)
    page = _delegate_page(as_alice, event, bob)
    assert "request-button" not in page
    assert "has declined your request: no new request can be sent to them." in page
    assert "can still ask" not in page


def test_the_form_says_when_the_request_is_the_last_one_allowed(
    event, alice, bob, as_alice
) -> None:
    url = reverse("portal-request-create", args=[event.slug]) + f"?to={bob.pk}"
    _requests(event, alice, bob, Status.CANCELLED)
    assert "This is the last request you can send" not in as_alice.get(url).content.decode()
    _requests(event, alice, bob, Status.CANCELLED)
    page = as_alice.get(url).content.decode()
    assert f"This is the last request you can send to {bob.display_name}." in page
    assert 'name="message"' in page  # still sent from this form
    assert as_alice.post(url, {"message": "Once more"}).status_code == 302  # sent
    # Withdrawn, it still counts: no form is opened after it.
    MeetingRequest.objects.filter(requester=alice, status=Status.PENDING).update(
        status=Status.CANCELLED
    )
    response = as_alice.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal-delegate", args=[event.slug, bob.pk])
    assert "at most 3 requests can be sent to one delegate." in response.content.decode()


def test_withdrawing_asks_first_and_says_how_many_requests_remain(
    event, alice, bob, as_alice
) -> None:
    (sent,) = _requests(event, alice, bob, Status.PENDING)
    page = as_alice.get(reverse("portal-request-list", args=[event.slug])).content.decode()
    cancel = reverse("portal-request-cancel", args=[event.slug, sent.pk])
    assert f'<a href="{cancel}">Withdraw</a>' in page  # a link to the confirmation, no button
    page = as_alice.get(cancel).content.decode()
    assert f"Withdraw your request to {bob.display_name}?" in page
    assert f"after this one, you can send {bob.display_name} 2 more requests." in page
    sent.refresh_from_db()
    assert sent.status == Status.PENDING  # opening the page withdraws nothing
    response = as_alice.post(cancel, follow=True)
    assert "Your request is withdrawn." in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.CANCELLED


def test_withdrawing_the_last_allowed_request_says_no_other_can_follow(
    event, alice, bob, as_alice
) -> None:
    *_earlier, sent = _requests(event, alice, bob, Status.CANCELLED, Status.CANCELLED, "pending")
    page = as_alice.get(reverse("portal-request-cancel", args=[event.slug, sent.pk]))
    assert f"you cannot send {bob.display_name} another request." in page.content.decode()


def test_only_the_sender_is_asked_to_confirm_a_withdrawal_of_a_waiting_request(
    event, alice, bob, as_alice
) -> None:
    (received,) = _requests(event, bob, alice, Status.PENDING)
    (answered,) = _requests(event, alice, bob, Status.DECLINED)
    requests_page = reverse("portal-request-list", args=[event.slug])
    for meeting_request in (received, answered):
        url = reverse("portal-request-cancel", args=[event.slug, meeting_request.pk])
        assert as_alice.get(url)["Location"] == requests_page


def test_the_home_page_says_when_no_request_waits(event, alice, bob, as_alice) -> None:
    home = reverse("portal-home", args=[event.slug])
    page = as_alice.get(home).content.decode()
    assert "No requests are waiting for your answer." in page
    assert "0 requests" not in page
    _requests(event, bob, alice, Status.PENDING)
    assert "1 request waits for your answer." in as_alice.get(home).content.decode()
