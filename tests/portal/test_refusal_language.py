"""A delegate reads the services' refusals in their language, statuses in words, not codes.

The page renders the message the service raised; the service translates it while the
request's language (the ``django_language`` cookie) is active.
"""

from __future__ import annotations

import pytest

from keruen.meetings.models import Meeting, MeetingRequest
from tests.factories import MeetingRequestFactory, OpportunityFactory
from tests.portal.conftest import client_for

ANSWERED_TWICE = {
    "en": "This request is no longer pending (it is accepted).",
    "ru": "Этот запрос уже не ожидает ответа (статус: «принят»).",
}
NOT_INVITED = {
    "en": "Only the invited delegate can accept this request.",
    "ru": "Принять этот запрос может только приглашённый делегат.",
}
# The page links the request already waiting (what it says of it, in
# tests/portal/test_requests.py, is new: not in the catalogues yet).
SEE_THE_REQUEST = {"en": "See the request", "ru": "Открыть запрос"}
SUBMITTED_TWICE = {
    "en": "This offer or request is already “pending review”.",
    "ru": "Предложение или запрос уже в статусе «на модерации».",
}


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("language", ["en", "ru"])
def test_answering_twice_names_the_status_in_words(event, alice, bob, language) -> None:
    request = MeetingRequestFactory(event=event, requester=alice, target=bob)
    as_bob = client_for(bob, language)
    assert as_bob.post(f"/{event.slug}/me/requests/{request.pk}/accept/").status_code == 302
    response = as_bob.post(
        f"/{event.slug}/me/requests/{request.pk}/decline/", {"reason": "x"}, follow=True
    )
    assert ANSWERED_TWICE[language] in response.content.decode()
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_sender_cannot_accept_their_own_request(event, alice, bob, language) -> None:
    request = MeetingRequestFactory(event=event, requester=alice, target=bob)
    response = client_for(alice, language).post(
        f"/{event.slug}/me/requests/{request.pk}/accept/", follow=True
    )
    assert NOT_INVITED[language] in response.content.decode()
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING
    assert not Meeting.objects.exists()


@pytest.mark.usefixtures("requests_open")
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_second_pending_request_is_refused_on_the_form(event, alice, bob, language) -> None:
    first = MeetingRequestFactory(event=event, requester=alice, target=bob)
    response = client_for(alice, language).post(
        f"/{event.slug}/me/requests/new/?to={bob.pk}", {"message": "again"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'#request-{first.pk}">{SEE_THE_REQUEST[language]}</a>' in page
    assert MeetingRequest.objects.count() == 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_submitting_an_offer_twice_names_its_status_in_words(event, alice, language) -> None:
    offer = OpportunityFactory(organisation=alice.organisation, status="pending")
    response = client_for(alice, language).post(
        f"/{event.slug}/me/offers/{offer.pk}/submit/", follow=True
    )
    assert SUBMITTED_TWICE[language] in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == "pending"
